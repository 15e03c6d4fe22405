package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The just-in-time tuner in headless Chromium (SwiftShader): tuning a model within a budget, outputs after the swap,
 * the IndexedDB warm cache across a page reload, and tuning switched off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TuningIT {
    static final double RELATIVE_TOLERANCE = 1e-4;
    /** One tuner step may overrun the budget: at most a compile (capped at 5 s) or a round of samples. */
    static final double ONE_STEP_MS = 6_000;

    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    /** bert fixture, 8 s budget: workloads are measured, the budget holds, outputs stay right after the swap. */
    @Test void tunesWithinBudgetAndKeepsOutputs() {
        Path model = Paths.get("models", "fixtures", "bert", "model.onnx").toAbsolutePath();
        Map<String, Tensor> feeds = E2eModels.goldenInputs(model.resolveSibling("golden.json"));
        Map<String, Tensor> reference = E2eModels.runOnJvm(model, feeds);
        double budget = 8_000;
        BrowserRunner.TuneResult r = runner.tune(model, feeds, "webgpu", budget, null);
        JsonObject report = JsonParser.parseString(r.report()).getAsJsonObject();
        JsonArray workloads = report.getAsJsonArray("workloads");
        double tuningMs = report.get("tuningMs").getAsDouble();
        System.out.printf("tuning bert: budget %.0f ms, tuner %.0f ms, run %.1f ms untuned -> %.1f ms tuned%n",
                budget, tuningMs, r.untunedRunMs(), r.tunedRunMs());
        int tried = 0;
        for (JsonElement e : workloads) {
            JsonObject w = e.getAsJsonObject();
            assertTrue(w.get("candidates").getAsInt() > 1, "only sites with a choice are workloads: " + w);
            tried += w.get("tried").getAsInt();
            System.out.printf("  %-10s %-40s x%d %2d/%2d tried, %s -> %s, speedup %s (%s)%n", w.get("family").getAsString(),
                    w.get("problem").getAsString(), w.get("occurrences").getAsInt(), w.get("tried").getAsInt(),
                    w.get("candidates").getAsInt(), w.get("defaultConfig").getAsString(),
                    w.get("bestConfig").getAsString(), w.get("speedup"), w.get("source").getAsString());
        }
        assertFalse(workloads.isEmpty(), "bert has tunable sites");
        assertTrue(tried > 1, "the tuner measured candidates");
        assertEquals(budget, report.get("budgetMs").getAsDouble());
        assertTrue(tuningMs > 0 && tuningMs <= budget + ONE_STEP_MS, "tuning stays within budget + one step: " + tuningMs);
        for (Map.Entry<String, Tensor> e : reference.entrySet()) {
            assertClose("untuned " + e.getKey(), e.getValue(), r.untuned().outputs().get(e.getKey()));
            assertClose("tuned " + e.getKey(), e.getValue(), r.tuned().outputs().get(e.getKey()));
        }
        // The session ends with the whole-program check of its winners: made (tiny bert runs fit the budget's share)
        // and, whatever it decided, the program runs what it says: the winners when kept, the defaults it took back.
        JsonObject check = report.getAsJsonObject("modelCheck");
        assertTrue(check != null, "the report carries the model check: " + report);
        System.out.println("  model check: " + check);
        java.util.Set<String> reverted = new java.util.HashSet<>();
        for (JsonElement e : check.getAsJsonArray("reverted")) reverted.add(e.getAsString());
        if (check.get("kept").getAsBoolean()) {
            assertTrue(reverted.isEmpty(), check.toString());
        } else {
            assertTrue(check.get("tunedMs").getAsDouble() > 1.1 * check.get("untunedMs").getAsDouble(), check.toString());
        }
        Map<String, String> running = configsByWorkload(JsonParser.parseString(r.kernels()).getAsJsonArray());
        for (JsonElement e : workloads) {
            JsonObject w = e.getAsJsonObject();
            String key = w.get("family").getAsString() + "|" + w.get("problem").getAsString();
            String expected = reverted.contains(key) ? w.get("defaultConfig").getAsString()
                    : w.get("bestConfig").getAsString();
            assertEquals(expected, running.get(key), "step config of " + key);
        }
        JsonObject records = JsonParser.parseString(r.records()).getAsJsonObject();
        assertEquals("nnjit-tuning", records.get("format").getAsString());
    }

    /** Budget 0: nothing is measured, every site keeps its default. */
    @Test void budgetZeroTunesNothing() {
        TestModels.Case c = TestModels.mlp();
        BrowserRunner.TuneResult r = runner.tune(c.model(), c.feeds(), "webgpu", 0, null);
        JsonObject report = JsonParser.parseString(r.report()).getAsJsonObject();
        assertEquals(0.0, report.get("tuningMs").getAsDouble());
        for (JsonElement e : report.getAsJsonArray("workloads")) {
            JsonObject w = e.getAsJsonObject();
            assertEquals(0, w.get("tried").getAsInt(), w.toString());
            assertEquals("default", w.get("source").getAsString(), w.toString());
        }
        for (JsonElement e : JsonParser.parseString(r.kernels()).getAsJsonArray()) {
            JsonObject k = e.getAsJsonObject();
            assertEquals(k.get("defaultConfig").getAsString(), k.get("config").getAsString(), k.toString());
        }
    }

    /**
     * IndexedDB: tune a model in a page, reload the page (same browser context), load the model again: its first run
     * already runs the tuned configs, every workload is answered by the cache, and tuning costs nothing.
     */
    @Test void warmCacheFromIndexedDbAfterReload() {
        TestModels.Case c = TestModels.mlp();
        String url = runner.urlOf(c.model());
        String feeds = feedsJs(c.feeds());
        try (BrowserContext context = runner.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(runner.baseUrl() + "harness.html");
            page.waitForFunction("() => window.nnjitHarnessReady === true");
            String script = "async ([url, feeds]) => {"
                    + " const h = window.nnjitHarness;"
                    + " const l = await h.load('wasm-gc', url, [], {backend: 'webgpu', tuning: {cache: 'indexeddb', auto: false}});"
                    + " if (!l.ok) return JSON.stringify(l);"
                    + " const r = await h.run(l.modelId, JSON.parse(feeds));"
                    + " if (!r.ok) return JSON.stringify(r);"
                    + " const first = h.kernels(l.modelId);"
                    + " const t = await h.tune(l.modelId, 30000);"
                    + " return JSON.stringify({ok: t.ok, error: t.error, first: first.kernels, report: t.report}); }";
            JsonObject cold = JsonParser.parseString((String) page.evaluate(script, List.of(url, feeds))).getAsJsonObject();
            assertTrue(cold.get("ok").getAsBoolean(), cold.toString());
            JsonObject coldReport = JsonParser.parseString(cold.get("report").getAsString()).getAsJsonObject();
            JsonArray coldWorkloads = coldReport.getAsJsonArray("workloads");
            assertFalse(coldWorkloads.isEmpty(), "mlp has tunable sites");
            for (JsonElement e : coldWorkloads) {
                assertEquals("tuned", e.getAsJsonObject().get("source").getAsString(), "cold: " + e);
            }

            page.reload();
            page.waitForFunction("() => window.nnjitHarnessReady === true");
            JsonObject warm = JsonParser.parseString((String) page.evaluate(script, List.of(url, feeds))).getAsJsonObject();
            assertTrue(warm.get("ok").getAsBoolean(), warm.toString());
            JsonObject warmReport = JsonParser.parseString(warm.get("report").getAsString()).getAsJsonObject();
            double warmMs = warmReport.get("tuningMs").getAsDouble();
            System.out.printf("warm cache: %d workloads, tuner %.1f ms (cold %.0f ms)%n", coldWorkloads.size(), warmMs,
                    coldReport.get("tuningMs").getAsDouble());
            assertTrue(warmMs < 1000, "a warm cache leaves nothing to tune: " + warmMs + " ms");
            JsonArray warmWorkloads = warmReport.getAsJsonArray("workloads");
            assertEquals(coldWorkloads.size(), warmWorkloads.size());
            assertEquals(coldWorkloads.size(), warmReport.get("cacheHits").getAsInt());
            Map<String, String> firstRun = configsByWorkload(warm.getAsJsonArray("first"));
            for (JsonElement e : warmWorkloads) {
                JsonObject w = e.getAsJsonObject();
                assertEquals("cache", w.get("source").getAsString(), "warm: " + w);
                String key = w.get("family").getAsString() + "|" + w.get("problem").getAsString();
                assertEquals(w.get("bestConfig").getAsString(), firstRun.get(key), "first run after reload: " + key);
            }
        }
    }

    private static Map<String, String> configsByWorkload(JsonArray kernels) {
        Map<String, String> m = new HashMap<>();
        for (JsonElement e : kernels) {
            JsonObject k = e.getAsJsonObject();
            m.put(k.get("family").getAsString() + "|" + k.get("problem").getAsString(), k.get("config").getAsString());
        }
        return m;
    }

    /** Feeds as the harness takes them: {NAME: {dtype, shape, b64}} (float32 only here). */
    static String feedsJs(Map<String, Tensor> feeds) {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
            Tensor t = e.getValue();
            JsonObject f = new JsonObject();
            f.addProperty("dtype", t.dtype().jsonName);
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) shape.add(d);
            f.add("shape", shape);
            float[] v = t.floats();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (float x : v) b.putFloat(x);
            f.addProperty("b64", java.util.Base64.getEncoder().encodeToString(b.array()));
            o.add(e.getKey(), f);
        }
        return o.toString();
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertTrue(actual != null, what + ": missing");
        float[] e = expected.floats();
        float[] a = actual.floats();
        assertEquals(e.length, a.length, what + ": size");
        double scale = 0;
        for (float x : e) scale = Math.max(scale, Math.abs(x));
        double worst = 0;
        for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(e[i] - a[i]));
        assertTrue(worst <= RELATIVE_TOLERANCE * Math.max(scale, 1e-6),
                what + ": max |diff| " + worst + " over " + RELATIVE_TOLERANCE + " x max|ref| " + scale);
    }
}
