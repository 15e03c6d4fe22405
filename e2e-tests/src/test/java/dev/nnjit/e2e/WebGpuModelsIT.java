package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.runtime.GpuRunStats;
import dev.nnjit.runtime.KernelTime;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Whole models on the webgpu backend (generated kernels, fusion on) in headless Chromium: the five PyTorch fixtures
 * against their golden outputs and all-MiniLM-L6-v2 against ONNX Runtime's (models/minilm/reference.json), each
 * output within {@value #RELATIVE_TOLERANCE} x max|golden| (the bound the CPU engine is held to). Also prints the
 * plan's memory numbers and MiniLM's run time on webgpu next to the CPU engine in the same browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebGpuModelsIT {
    static final double RELATIVE_TOLERANCE = 1e-4;

    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @TestFactory Stream<DynamicTest> fixturesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : E2eModels.fixtures()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                JsonObject golden = readJson(dir.resolve("golden.json"));
                Map<String, Tensor> feeds = tensors(golden.getAsJsonObject("inputs"));
                Map<String, Tensor> expected = tensors(golden.getAsJsonObject("outputs"));
                BrowserRunner.Result r = runner.run(dir.resolve("model.onnx"), feeds, "webgpu");
                for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                    assertClose(dir.getFileName() + "/" + e.getKey(), e.getValue(), r.outputs().get(e.getKey()));
                }
                printPlan(dir.getFileName().toString(), r);
            }));
        }
        assertEquals(5, tests.size(), "fixtures under models/fixtures");
        return tests.stream();
    }

    /** Both ways of timing kernels give one time per dispatch, and the outputs do not change. */
    @Test void kernelTimesByTimestampsAndBySubmission() {
        TestModels.Case c = TestModels.mlp();
        RunOptions profiled = RunOptions.DEFAULT.withProfile(true, RunOptions.Timing.AUTO);
        BrowserRunner.Result stamped = runner.run(c.model(), c.feeds(), "webgpu", profiled);
        GpuRunStats a = stamped.gpu().run();
        assertEquals("timestamp-query", a.timing(), "SwiftShader exposes timestamp-query");
        BrowserRunner.Result submitted = runner.run(c.model(), c.feeds(), "webgpu",
                profiled.withProfile(true, RunOptions.Timing.SUBMISSION));
        GpuRunStats b = submitted.gpu().run();
        assertEquals("per-dispatch submission", b.timing());
        for (GpuRunStats s : List.of(a, b)) {
            assertEquals(s.plan().get("kernels").intValue(), s.kernels().size(), s.timing());
            for (KernelTime k : s.kernels()) assertTrue(k.ms() >= 0, k.toString());
        }
        TensorAsserts.assertOutputsMatch("mlp timed two ways", stamped.outputs(), submitted.outputs(), 0);
        System.out.println("[webgpu timing] mlp kernels by timestamps " + a.kernels() + "; by submission "
                + b.kernels());
    }

    /** Requested outputs only: T5 asked for logits alone returns logits alone, still matching PyTorch. */
    @Test void onlyRequestedOutputsAreReadBack() {
        Path dir = Paths.get("models", "fixtures", "t5").toAbsolutePath();
        JsonObject golden = readJson(dir.resolve("golden.json"));
        BrowserRunner.Result r = runner.run(dir.resolve("model.onnx"), tensors(golden.getAsJsonObject("inputs")),
                "webgpu", RunOptions.DEFAULT.withOutputs(Set.of("logits")));
        assertEquals(List.of("logits"), new ArrayList<>(r.outputs().keySet()));
        assertClose("t5/logits (requested alone)", tensors(golden.getAsJsonObject("outputs")).get("logits"),
                r.outputs().get("logits"));
    }

    /**
     * The JavaScript build drives WebGPU too (same kernels, JS instead of Wasm GC around them): the MLP test model
     * (MatMul, GELU, a hand-written layer norm, Sigmoid) against the JVM engine.
     */
    @Test void mlpOnTheJavaScriptBuild() {
        TestModels.Case c = TestModels.mlp();
        Map<String, Tensor> expected = E2eModels.runOnJvm(c.model(), c.feeds());
        BrowserRunner.Result r = runner.run(c.model(), c.feeds(), "webgpu-js");
        assertEquals("js", runner.lastEngine());
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            assertClose("mlp (js build)/" + e.getKey(), e.getValue(), r.outputs().get(e.getKey()));
        }
    }

    /** The demo page on the webgpu backend: outputs, the GPU memory plan and one row per kernel with its time. */
    @Test void demoPageShowsPerKernelTimes() {
        TestModels.Case c = TestModels.mlp();
        Path feedsFile = c.model().resolveSibling("feeds.json");
        TestModels.write(feedsFile, DemoPageIT.goldenFeeds(c.feeds()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        float[] expected = E2eModels.runOnJvm(c.model(), c.feeds()).get("y").floats();
        List<String> pageErrors = new ArrayList<>();
        try (com.microsoft.playwright.Page page = runner.browser().newPage()) {
            page.onPageError(pageErrors::add);
            page.navigate(runner.baseUrl() + "index.html");
            page.selectOption("#engine-choice", "wasm-gc");
            page.waitForFunction("() => document.getElementById('engine').dataset.kind === 'wasm-gc'");
            page.selectOption("#backend-choice", "webgpu");
            page.setInputFiles("#model-file", c.model());
            page.setInputFiles("#feeds-file", feedsFile);
            page.click("#run");
            page.waitForFunction("() => /^(done|.*Exception|Error)/.test(document.getElementById('status').textContent)");
            assertTrue(page.textContent("#status").startsWith("done on wasm-gc + webgpu ("), page.textContent("#status"));
            String[] shown = page.locator("#outputs tr").nth(1).locator("td").nth(3).textContent().split(", ");
            for (int i = 0; i < 8; i++) {
                assertEquals(expected[i], (float) Double.parseDouble(shown[i]), 1e-5f * Math.max(1, Math.abs(expected[i])),
                        "value " + i + " shown on the page");
            }
            int kernels = page.locator("#kernels tr").count() - 1;
            String planned = page.locator("#gpu tr").nth(2).locator("td").nth(1).textContent(); // "kernels / pipelines"
            assertEquals(planned.split(" / ")[0], String.valueOf(kernels), "one row per kernel dispatched");
            assertTrue(kernels >= 3, "MatMul, norm, MatMul at least: " + kernels);
            assertTrue(page.locator("#kernel-ops").textContent().contains("MatMul"), page.locator("#kernel-ops").textContent());
            assertTrue(page.locator("#gpu").textContent().contains("peak live"), page.locator("#gpu").textContent());
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setFullPage(true)
                    .setPath(E2eModels.workDir().resolveSibling("e2e-screenshots").resolve("demo-webgpu.png")));
        }
        assertEquals(List.of(), pageErrors);
    }

    @Test void miniLmMatchesOnnxRuntime() {
        checkMiniLm(runner, "webgpu", r -> printPlan("MiniLM", r));
    }

    /**
     * all-MiniLM-L6-v2 on {@code backend} against ONNX Runtime's outputs (models/minilm/reference.json): full outputs
     * where the reference has them, else the first rows and every row's sum; {@code afterLong} sees each long run.
     */
    static void checkMiniLm(BrowserRunner runner, String backend, java.util.function.Consumer<BrowserRunner.Result> afterLong) {
        JsonObject reference = readJson(Paths.get("models", "minilm", "reference.json"));
        Path model = E2eModels.miniLm();
        for (JsonElement el : reference.getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            String name = c.get("name").getAsString();
            Map<String, Tensor> feeds = tensors(c.getAsJsonObject("inputs"));
            BrowserRunner.Result r = runner.run(model, feeds, backend);
            Tensor got = r.outputs().get("last_hidden_state");
            assertNotNull(got, "no last_hidden_state");
            if (c.has("outputs")) {
                assertClose("MiniLM " + name, tensors(c.getAsJsonObject("outputs")).get("last_hidden_state"), got);
            } else {
                // Long inputs: the reference keeps the first rows and every row's sum.
                JsonObject s = c.getAsJsonObject("output_summary").getAsJsonObject("last_hidden_state");
                assertArrayEquals(ints(s.getAsJsonArray("shape")), got.shape(), name + " shape");
                float[] first = floats(s.getAsJsonArray("first_rows"));
                Tensor firstRows = Tensor.ofFloats(new int[] {first.length}, first);
                Tensor gotFirst = Tensor.ofFloats(new int[] {first.length}, Arrays.copyOf(got.floats(), first.length));
                double maxAbs = assertClose("MiniLM " + name + " first rows", firstRows, gotFirst);
                int dim = got.dim(2);
                double tol = dim * RELATIVE_TOLERANCE * maxAbs;
                JsonArray sums = s.getAsJsonArray("row_sums");
                float[] g = got.floats();
                for (int row = 0; row < sums.size(); row++) {
                    double sum = 0;
                    for (int d = 0; d < dim; d++) sum += g[row * dim + d];
                    double want = sums.get(row).getAsDouble();
                    assertTrue(Math.abs(sum - want) <= tol, name + " row " + row + " sum " + sum + " vs ORT " + want);
                }
                afterLong.accept(r);
            }
        }
    }

    /** Median of 3 warm runs of MiniLM at 128 tokens, webgpu and the CPU engine (Wasm GC): printed, not asserted. */
    @Test void miniLmTimingWebGpuVersusCpu() {
        Path model = E2eModels.miniLm();
        Map<String, Tensor> feeds = E2eModels.miniLmFeeds(128);
        double gpu = medianRunMs(model, feeds, "webgpu");
        BrowserRunner.GpuStats stats = runner.lastGpuStats();
        double cpu = medianRunMs(model, feeds, "browser-wasm-gc");
        System.out.printf("[webgpu timing] MiniLM seq 128 on %s: webgpu %.1f ms, browser CPU (wasm-gc) %.1f ms"
                + " (median of 3 warm runs); GPU phases %s%n", stats.adapter(), gpu, cpu, stats.run().phasesMs());
        GpuRunStats profiled = runner.run(model, feeds, "webgpu",
                RunOptions.DEFAULT.withProfile(true, RunOptions.Timing.AUTO)).gpu().run();
        Map<String, Double> byOp = new java.util.TreeMap<>();
        for (KernelTime k : profiled.kernels()) byOp.merge(k.opType() + "/" + k.family(), k.ms(), Double::sum);
        System.out.println("[webgpu timing] MiniLM per-kernel ms by op/family (" + profiled.timing() + "): " + byOp);
        assertEquals(stats.run().plan().get("kernels").intValue(), profiled.kernels().size(), "one time per dispatch");
    }

    private double medianRunMs(Path model, Map<String, Tensor> feeds, String backend) {
        runner.run(model, feeds, backend); // compile and warm up
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) t[i] = runner.run(model, feeds, backend).timings().get("runMs");
        Arrays.sort(t);
        return t[1];
    }

    private void printPlan(String what, BrowserRunner.Result r) {
        BrowserRunner.GpuStats s = runner.lastGpuStats();
        assertNotNull(s, "the page reports GPU stats for webgpu runs");
        Map<String, Double> p = s.run().plan();
        System.out.printf("[webgpu plan] %s: %d kernels, weights %.0f B, intermediates pooled %.0f B in %d buffers"
                        + " (peak live %.0f B, one buffer each would be %.0f B); runMs %.1f%n", what,
                p.get("kernels").intValue(), p.get("constantBytes"), p.get("pooledBytes"), p.get("slots").intValue(),
                p.get("peakLiveBytes"), p.get("unpooledBytes"), r.timings().get("runMs"));
        assertTrue(p.get("pooledBytes") >= p.get("peakLiveBytes"), "a plan cannot use less than the peak");
    }

    /** Every element within RELATIVE_TOLERANCE x max|expected|; returns max|expected|. */
    static double assertClose(String what, Tensor expected, Tensor got) {
        assertNotNull(got, what + ": missing output");
        assertArrayEquals(expected.shape(), got.shape(), what + " shape");
        float[] e = expected.floats();
        float[] g = got.floats();
        double maxAbs = 0;
        for (float v : e) maxAbs = Math.max(maxAbs, Math.abs(v));
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs((double) e[i] - g[i]);
            if (!(d <= worst)) { worst = d; at = i; }
        }
        System.out.printf("[model] %s: max |diff| %.3g = %.3g x max|golden| (%.3g)%n", what, worst,
                worst / maxAbs, maxAbs);
        assertTrue(worst <= RELATIVE_TOLERANCE * maxAbs, what + ": element " + at + " golden " + (at < 0 ? "?" : e[at])
                + ", got " + (at < 0 ? "?" : g[at]) + " differs by more than " + RELATIVE_TOLERANCE + " x " + maxAbs);
        return maxAbs;
    }

    static JsonObject readJson(Path p) {
        try {
            return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Tensor> tensors(JsonObject o) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            m.put(e.getKey(), E2eModels.jsonTensor(e.getKey(), e.getValue().getAsJsonObject()));
        }
        return m;
    }

    static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsInt();
        return r;
    }

    static float[] floats(JsonArray a) {
        List<Float> l = new ArrayList<>();
        flatten(a, l);
        float[] r = new float[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = l.get(i);
        return r;
    }

    static void flatten(JsonElement e, List<Float> out) {
        if (e.isJsonArray()) for (JsonElement x : e.getAsJsonArray()) flatten(x, out);
        else out.add(e.getAsFloat());
    }
}
