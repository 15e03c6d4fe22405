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
 * The tuner on the wasm-simd backend in headless Chromium: the same tuner, budget, report and records as WebGPU's,
 * measuring the CPU kernels (GEMM tiles, blockings, split axis) with the wasm candidate bench. A small budget tunes
 * the bert fixture's GEMMs, the tuned run's outputs equal the untuned run's within tolerance, the winners are what
 * the program runs, and a second session given the records tunes nothing; decisions persist in IndexedDB across a
 * page reload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmTuningIT {
    /** One tuner step may overrun the budget: a compile or a round of samples, far less on the CPU. */
    static final double ONE_STEP_MS = 3_000;

    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @Test void tunesBertGemmsWithinBudgetThenAnswersFromTheRecords() {
        Path model = Paths.get("models", "fixtures", "bert", "model.onnx").toAbsolutePath();
        Map<String, Tensor> feeds = E2eModels.goldenInputs(model.resolveSibling("golden.json"));
        Map<String, Tensor> reference = E2eModels.runOnJvm(model, feeds);
        double budget = 6_000;
        BrowserRunner.TuneResult cold = runner.tune(model, feeds, "wasm-simd", budget, null);
        JsonObject report = JsonParser.parseString(cold.report()).getAsJsonObject();
        JsonArray workloads = report.getAsJsonArray("workloads");
        double tuningMs = report.get("tuningMs").getAsDouble();
        System.out.printf("wasm tuning bert: budget %.0f ms, tuner %.0f ms, run %.1f ms untuned -> %.1f ms tuned%n",
                budget, tuningMs, cold.untunedRunMs(), cold.tunedRunMs());
        int gemmTried = 0;
        for (JsonElement e : workloads) {
            JsonObject w = e.getAsJsonObject();
            System.out.printf("  %-12s %-36s x%d %2d/%2d tried, %s -> %s, speedup %s (%s)%n",
                    w.get("family").getAsString(), w.get("problem").getAsString(), w.get("occurrences").getAsInt(),
                    w.get("tried").getAsInt(), w.get("candidates").getAsInt(), w.get("defaultConfig").getAsString(),
                    w.get("bestConfig").getAsString(), w.get("speedup"), w.get("source").getAsString());
            assertTrue(w.get("family").getAsString().startsWith("wasm_"), "wasm workloads only: " + w);
            assertTrue(w.get("candidates").getAsInt() > 1, "only sites with a choice are workloads: " + w);
            if (w.get("family").getAsString().equals("wasm_gemm")) gemmTried = Math.max(gemmTried, w.get("tried").getAsInt());
        }
        assertFalse(workloads.isEmpty(), "bert has tunable wasm sites");
        assertTrue(gemmTried > 1, "the tuner measured GEMM candidates: " + workloads);
        assertEquals(budget, report.get("budgetMs").getAsDouble());
        assertTrue(tuningMs > 0 && tuningMs <= budget + ONE_STEP_MS, "tuning stays within budget + one step: " + tuningMs);
        for (Map.Entry<String, Tensor> e : reference.entrySet()) {
            assertClose("untuned " + e.getKey(), e.getValue(), cold.untuned().outputs().get(e.getKey()), 1e-4);
            assertClose("tuned vs untuned " + e.getKey(), cold.untuned().outputs().get(e.getKey()),
                    cold.tuned().outputs().get(e.getKey()), 1e-4);
        }
        Map<String, String> running = configsByWorkload(JsonParser.parseString(cold.kernels()).getAsJsonArray());
        for (JsonElement e : workloads) {
            JsonObject w = e.getAsJsonObject();
            String key = w.get("family").getAsString() + "|" + w.get("problem").getAsString();
            assertEquals(w.get("bestConfig").getAsString(), running.get(key), "step config of " + key);
        }
        JsonObject records = JsonParser.parseString(cold.records()).getAsJsonObject();
        assertEquals("nnjit-tuning", records.get("format").getAsString());
        assertTrue(cold.records().contains("\"wasm-simd\""), "records of the CPU adapter");

        BrowserRunner.TuneResult warm = runner.tune(model, feeds, "wasm-simd", budget, cold.records());
        JsonObject warmReport = JsonParser.parseString(warm.report()).getAsJsonObject();
        JsonArray warmWorkloads = warmReport.getAsJsonArray("workloads");
        int decided = 0;
        for (JsonElement e : workloads) if (!e.getAsJsonObject().get("source").getAsString().equals("default")) decided++;
        System.out.printf("wasm warm session: %d workloads, %d cache hits, tuner %.1f ms%n", warmWorkloads.size(),
                warmReport.get("cacheHits").getAsInt(), warmReport.get("tuningMs").getAsDouble());
        assertEquals(decided, warmReport.get("cacheHits").getAsInt(), "every decided workload is a cache hit");
        Map<String, String> warmSources = new HashMap<>();
        for (JsonElement e : warmWorkloads) {
            JsonObject w = e.getAsJsonObject();
            warmSources.put(w.get("family").getAsString() + "|" + w.get("problem").getAsString(), w.get("source").getAsString());
        }
        Map<String, String> first = configsByWorkload(JsonParser.parseString(warm.kernels()).getAsJsonArray());
        for (JsonElement e : workloads) {
            JsonObject w = e.getAsJsonObject();
            if (w.get("source").getAsString().equals("default")) continue;
            String key = w.get("family").getAsString() + "|" + w.get("problem").getAsString();
            assertEquals("cache", warmSources.get(key), "answered by the records, not tuned again: " + key);
            assertEquals(w.get("bestConfig").getAsString(), first.get(key), "the warm program runs the winner: " + key);
        }
        for (Map.Entry<String, Tensor> e : reference.entrySet()) {
            assertClose("warm first run vs cold tuned run " + e.getKey(), cold.tuned().outputs().get(e.getKey()),
                    warm.untuned().outputs().get(e.getKey()), 1e-6);
        }
    }

    /**
     * IndexedDB: tune a model on wasm-simd in a page, reload it (same browser context), load the model again: its first
     * run already runs the tuned configs, every workload is answered by the cache, and tuning costs nothing.
     */
    @Test void warmCacheFromIndexedDbAfterReload() {
        TestModels.Case c = TestModels.mlp();
        String url = runner.urlOf(c.model());
        String feeds = TuningIT.feedsJs(c.feeds());
        try (BrowserContext context = runner.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(runner.baseUrl() + "harness.html");
            page.waitForFunction("() => window.nnjitHarnessReady === true");
            String script = "async ([url, feeds]) => {"
                    + " const h = window.nnjitHarness;"
                    + " const l = await h.load('wasm-gc', url, [], {backend: 'wasm-simd', tuning: {cache: 'indexeddb',"
                    + " auto: false, shipped: []}});"
                    + " if (!l.ok) return JSON.stringify(l);"
                    + " const r = await h.run(l.modelId, JSON.parse(feeds));"
                    + " if (!r.ok) return JSON.stringify(r);"
                    + " const first = h.kernels(l.modelId);"
                    + " const t = await h.tune(l.modelId, 30000);"
                    + " return JSON.stringify({ok: t.ok, error: t.error, first: first.kernels, report: t.report}); }";
            JsonObject cold = JsonParser.parseString((String) page.evaluate(script, List.of(url, feeds))).getAsJsonObject();
            assertTrue(cold.get("ok").getAsBoolean(), cold.toString());
            JsonArray coldWorkloads = JsonParser.parseString(cold.get("report").getAsString()).getAsJsonObject()
                    .getAsJsonArray("workloads");
            assertFalse(coldWorkloads.isEmpty(), "mlp has tunable wasm sites");
            for (JsonElement e : coldWorkloads) {
                assertEquals("tuned", e.getAsJsonObject().get("source").getAsString(), "cold: " + e);
            }

            page.reload();
            page.waitForFunction("() => window.nnjitHarnessReady === true");
            JsonObject warm = JsonParser.parseString((String) page.evaluate(script, List.of(url, feeds))).getAsJsonObject();
            assertTrue(warm.get("ok").getAsBoolean(), warm.toString());
            JsonObject warmReport = JsonParser.parseString(warm.get("report").getAsString()).getAsJsonObject();
            assertEquals(coldWorkloads.size(), warmReport.get("cacheHits").getAsInt(), warmReport.toString());
            assertTrue(warmReport.get("tuningMs").getAsDouble() < 1000, "a warm cache leaves nothing to tune");
            Map<String, String> firstRun = configsByWorkload(warm.getAsJsonArray("first"));
            for (JsonElement e : warmReport.getAsJsonArray("workloads")) {
                JsonObject w = e.getAsJsonObject();
                assertEquals("cache", w.get("source").getAsString(), "warm: " + w);
                String key = w.get("family").getAsString() + "|" + w.get("problem").getAsString();
                assertEquals(w.get("bestConfig").getAsString(), firstRun.get(key), "first run after reload: " + key);
            }
        }
    }

    /** max |expected - actual| within {@code relative} x max|expected|. */
    private static void assertClose(String what, Tensor expected, Tensor actual, double relative) {
        assertTrue(actual != null, what + ": missing");
        float[] e = expected.floats();
        float[] a = actual.floats();
        assertEquals(e.length, a.length, what + ": size");
        double scale = 0;
        for (float x : e) scale = Math.max(scale, Math.abs(x));
        double worst = 0;
        for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(e[i] - a[i]));
        assertTrue(worst <= relative * Math.max(scale, 1e-6),
                what + ": max |diff| " + worst + " over " + relative + " x max|ref| " + scale);
    }

    private static Map<String, String> configsByWorkload(JsonArray kernels) {
        Map<String, String> out = new HashMap<>();
        for (JsonElement e : kernels) {
            JsonObject k = e.getAsJsonObject();
            out.put(k.get("family").getAsString() + "|" + k.get("problem").getAsString(), k.get("config").getAsString());
        }
        return out;
    }
}
