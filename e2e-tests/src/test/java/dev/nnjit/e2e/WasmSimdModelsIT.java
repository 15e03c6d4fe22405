package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Whole models on the wasm-simd backend (generated Wasm SIMD kernels, other nodes on the reference ops) in headless
 * Chromium, held to the CPU engine's bound ({@value WebGpuModelsIT#RELATIVE_TOLERANCE} x max|golden|): the five
 * PyTorch fixtures, all-MiniLM-L6-v2 against ONNX Runtime, the four bench models when their weights were
 * regenerated; the JavaScript build; and the per-executable report (every node named with where it ran).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmSimdModelsIT {
    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @TestFactory Stream<DynamicTest> fixturesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : E2eModels.fixtures()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                JsonObject golden = WebGpuModelsIT.readJson(dir.resolve("golden.json"));
                Map<String, Tensor> feeds = WebGpuModelsIT.tensors(golden.getAsJsonObject("inputs"));
                Map<String, Tensor> expected = WebGpuModelsIT.tensors(golden.getAsJsonObject("outputs"));
                BrowserRunner.Result r = runner.run(dir.resolve("model.onnx"), feeds, "wasm-simd");
                for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                    WebGpuModelsIT.assertClose(dir.getFileName() + "/" + e.getKey(), e.getValue(),
                            r.outputs().get(e.getKey()));
                }
                printReport(dir.getFileName().toString(), r);
            }));
        }
        assertEquals(5, tests.size(), "fixtures under models/fixtures");
        return tests.stream();
    }

    @Test void miniLmMatchesOnnxRuntime() {
        WebGpuModelsIT.checkMiniLm(runner, "wasm-simd", r -> printReport("MiniLM", r));
    }

    @TestFactory Stream<DynamicTest> benchModelsMatchOnnxRuntime() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : new String[] {"bert-base", "t5-small", "bart-base", "llama2-2l"}) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Assumptions.assumeTrue(Files.isRegularFile(Paths.get("models", "bench", name, "model.onnx.data")),
                        name + ": weights not regenerated (models/bench/make-weights.sh)");
                // a page of its own per bench model: after three ~1 GB models in one page, loading a fourth stalled
                // (an open item: a page holding several big wasm-simd models), which is not what this test checks
                try (BrowserRunner own = BrowserRunner.start(null)) {
                    printReport(name, WebGpuBenchModelsIT.checkOutputs(own, name, "wasm-simd"));
                }
            }));
        }
        return tests.stream();
    }

    /** The JavaScript build drives the same kernels (the memory copies and JS calls differ): the BERT fixture. */
    @Test void bertFixtureOnTheJavaScriptBuild() {
        Path dir = Paths.get("models", "fixtures", "bert").toAbsolutePath();
        JsonObject golden = WebGpuModelsIT.readJson(dir.resolve("golden.json"));
        BrowserRunner.Result r = runner.run(dir.resolve("model.onnx"),
                WebGpuModelsIT.tensors(golden.getAsJsonObject("inputs")), "wasm-simd-js");
        assertEquals("js", runner.lastEngine());
        for (Map.Entry<String, Tensor> e : WebGpuModelsIT.tensors(golden.getAsJsonObject("outputs")).entrySet()) {
            WebGpuModelsIT.assertClose("bert (js build)/" + e.getKey(), e.getValue(), r.outputs().get(e.getKey()));
        }
        printReport("bert (js build)", r);
    }

    /** Every step is named with where it ran; reference steps say why; the matmuls ran as kernels. */
    @Test void reportNamesWhereEveryNodeRan() {
        Path dir = Paths.get("models", "fixtures", "bert").toAbsolutePath();
        JsonObject golden = WebGpuModelsIT.readJson(dir.resolve("golden.json"));
        runner.run(dir.resolve("model.onnx"), WebGpuModelsIT.tensors(golden.getAsJsonObject("inputs")), "wasm-simd");
        JsonObject report = runner.lastWasmReport();
        assertNotNull(report, "a wasm-simd run reports where its nodes ran");
        int kernels = 0, references = 0, matmulKernels = 0;
        for (JsonElement e : report.getAsJsonArray("nodes")) {
            JsonObject n = e.getAsJsonObject();
            String ran = n.get("ran").getAsString();
            assertTrue(ran.equals("kernel") || ran.equals("reference"), n.toString());
            if (ran.equals("kernel")) {
                kernels++;
                if (n.get("kernel").getAsString().startsWith("wasm_gem")) matmulKernels++;
            } else {
                references++;
                assertTrue(!n.get("reason").getAsString().isEmpty(), "a reference step says why: " + n);
            }
        }
        assertEquals(report.get("kernelSteps").getAsInt(), kernels);
        assertEquals(report.get("referenceSteps").getAsInt(), references);
        assertTrue(matmulKernels >= 6, "BERT's linear layers run as GEMM kernels: " + report.get("nodes"));
        assertEquals(2, report.get("threads").getAsInt(), "the harness page is cross-origin isolated, 2 cores: "
                + report.get("threadsReason"));
        assertTrue(report.getAsJsonObject("memory").get("totalBytes").getAsDouble() > 0);
    }

    /**
     * Two plans of one model (a 3-token step and a 1-token decoding step of the KV-cache decoder, after 2 and 4 cached
     * positions) share its memory: the second copies in no weight again (only the constants folded for its shapes),
     * the memory grows by at most those, its activations and its control words, and both match the CPU engine.
     */
    @Test void twoPlansOfOneModelCopyTheWeightsInOnce() throws Exception {
        Path model = Paths.get("models", "kv", "decoder-only", "model-kv.onnx").toAbsolutePath();
        dev.nnjit.api.Session cpu = dev.nnjit.api.Session.create(dev.nnjit.model.OnnxModelReader.read(
                java.nio.ByteBuffer.wrap(Files.readAllBytes(model)), dev.nnjit.model.ExternalDataResolver.NONE));
        JsonObject[] reports = new JsonObject[2];
        int[][] steps = {{3, 2}, {1, 4}}; // {new tokens, cached positions}
        for (int i = 0; i < steps.length; i++) {
            Map<String, Tensor> feeds = kvFeeds(cpu, steps[i][0], steps[i][1], 7 + i);
            BrowserRunner.Result r = runner.run(model, feeds, "wasm-simd");
            for (Map.Entry<String, Tensor> e : cpu.run(feeds).entrySet()) {
                WebGpuModelsIT.assertClose("kv decoder seq " + steps[i][0] + "/" + e.getKey(), e.getValue(),
                        r.outputs().get(e.getKey()));
            }
            reports[i] = runner.lastWasmReport().getAsJsonObject("memory");
        }
        double copied1 = reports[0].get("copiedConstantBytes").getAsDouble();
        double copied2 = reports[1].get("copiedConstantBytes").getAsDouble();
        double constants2 = reports[1].get("constantBytes").getAsDouble();
        System.out.printf("[wasm-simd shared weights] kv decoder: plan 1 copied %.0f B, plan 2 reads %.0f B of"
                + " constants and copied %.0f B; memory %.0f B -> %.0f B%n", copied1, constants2, copied2,
                reports[0].get("totalBytes").getAsDouble(), reports[1].get("totalBytes").getAsDouble());
        assertTrue(copied1 > 0, "the first plan copies the weights in: " + reports[0]);
        assertTrue(constants2 >= 0.9 * copied1, "the decoding plan reads the same weights: " + reports[1]);
        assertTrue(copied2 < 0.05 * constants2, "the decoding plan copies no weight again: " + reports[1]);
        assertEquals(reports[0].get("modelConstantBytes").getAsDouble() + copied2,
                reports[1].get("modelConstantBytes").getAsDouble(), "the model's constants grew by what plan 2 copied");
        double grown = reports[1].get("totalBytes").getAsDouble() - reports[0].get("totalBytes").getAsDouble();
        assertTrue(grown <= copied2 + reports[1].get("activationBytes").getAsDouble() + 64 + 65536,
                "the memory grew by " + grown + " B: at most the new plan's constants, activations and control words"
                        + " (and a page's rounding)");
    }

    /** Feeds of the small KV decoder: {@code seq} new tokens after {@code past} cached positions (seeded values). */
    private static Map<String, Tensor> kvFeeds(dev.nnjit.api.Session s, int seq, int past, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        Map<String, Tensor> feeds = new java.util.LinkedHashMap<>();
        long[] ids = new long[seq], positions = new long[seq], mask = new long[past + seq];
        for (int i = 0; i < seq; i++) {
            ids[i] = 3 + rnd.nextInt(80);
            positions[i] = past + i;
        }
        Arrays.fill(mask, 1);
        for (String name : s.inputs().keySet()) {
            if (name.equals("input_ids")) feeds.put(name, Tensor.ofLongs(new int[] {1, seq}, ids));
            else if (name.equals("position_ids")) feeds.put(name, Tensor.ofLongs(new int[] {1, seq}, positions));
            else if (name.equals("attention_mask")) feeds.put(name, Tensor.ofLongs(new int[] {1, past + seq}, mask));
            else { // past_key_values.{i}.key/.value [1, kv heads, past, head size]
                int[] shape = {1, (int) s.inputs().get(name).shape().dim(1).value(), past,
                        (int) s.inputs().get(name).shape().dim(3).value()};
                float[] v = new float[shape[1] * past * shape[3]];
                for (int i = 0; i < v.length; i++) v[i] = rnd.nextFloat() * 2 - 1;
                feeds.put(name, Tensor.ofFloats(shape, v));
            }
        }
        return feeds;
    }

    /** Kernels split across 1 and 2 threads give the same outputs, bit for bit (each row computed the same way). */
    @Test void oneAndTwoThreadsGiveEqualOutputs() {
        Path model = E2eModels.miniLm();
        Map<String, Tensor> feeds = E2eModels.miniLmFeeds(128);
        try {
            runner.setWasmThreads(1);
            BrowserRunner.Result one = runner.run(model, feeds, "wasm-simd");
            assertEquals(1, runner.lastWasmReport().get("threads").getAsInt());
            runner.setWasmThreads(2);
            BrowserRunner.Result two = runner.run(model, feeds, "wasm-simd");
            assertEquals(2, runner.lastWasmReport().get("threads").getAsInt(), runner.lastWasmReport().toString());
            TensorAsserts.assertOutputsMatch("MiniLM on 1 and 2 threads", one.outputs(), two.outputs(), 0);
            System.out.printf("[wasm-simd threads] MiniLM seq 128: 1 thread %.1f ms, 2 threads %.1f ms (first runs)%n",
                    one.timings().get("runMs"), two.timings().get("runMs"));
        } finally {
            runner.setWasmThreads(0);
        }
    }

    /** Median of 3 warm runs of MiniLM at 128 tokens, wasm-simd and the CPU engine (Wasm GC): printed, not asserted. */
    @Test void miniLmTimingWasmSimdVersusCpu() {
        Path model = E2eModels.miniLm();
        Map<String, Tensor> feeds = E2eModels.miniLmFeeds(128);
        double simd = medianRunMs(model, feeds, "wasm-simd");
        JsonObject report = runner.lastWasmReport();
        double cpu = medianRunMs(model, feeds, "browser-wasm-gc");
        System.out.printf("[wasm-simd timing] MiniLM seq 128: wasm-simd %.1f ms (%d threads), browser CPU (wasm-gc) %.1f"
                + " ms (median of 3 warm runs); reference ops %s%n", simd, report.get("threads").getAsInt(), cpu,
                report.get("referenceOps"));
    }

    private double medianRunMs(Path model, Map<String, Tensor> feeds, String backend) {
        runner.run(model, feeds, backend);
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) t[i] = runner.run(model, feeds, backend).timings().get("runMs");
        Arrays.sort(t);
        return t[1];
    }

    private void printReport(String what, BrowserRunner.Result r) {
        JsonObject report = runner.lastWasmReport();
        assertNotNull(report, what + ": the page reports where nodes ran");
        System.out.printf("[wasm-simd] %s: %d kernel steps, %d reference steps %s, %d modules, memory %.0f B,"
                        + " compile %.0f ms, run %.1f ms (kernels %.1f, reference %.1f)%n", what,
                report.get("kernelSteps").getAsInt(), report.get("referenceSteps").getAsInt(),
                report.get("referenceOps"), report.get("modules").getAsInt(),
                report.getAsJsonObject("memory").get("totalBytes").getAsDouble(), r.timings().get("compileMs"),
                r.timings().get("runMs"), r.timings().get("wasm.kernelMs"), r.timings().get("wasm.referenceMs"));
    }
}
