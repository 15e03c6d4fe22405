package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The "auto" backend in headless Chromium (backend-choice.js measuring, {@code BackendChoice} deciding): on
 * SwiftShader, where WebGPU runs on the CPU, MiniLM at 128 tokens is faster on wasm-simd, so auto keeps wasm-simd and
 * its outputs match the JVM's cpu backend within {@value WebGpuModelsIT#RELATIVE_TOLERANCE} x max|ref|; a backend
 * that fails is skipped and named in the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoBackendIT {
    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @Test void miniLmAt128TokensChoosesWasmSimdOnSwiftShader() {
        Path model = E2eModels.miniLm();
        Map<String, Tensor> feeds = WebGpuModelsIT.tensors(
                WebGpuModelsIT.readJson(Paths.get("bench", "feeds", "minilm-s128.json")).getAsJsonObject("inputs"));
        BrowserRunner.Result r = runner.run(model, feeds, "auto");
        JsonObject choice = runner.lastBackendChoice();
        assertNotNull(choice, "an auto model reports its choice");
        System.out.println("[auto] MiniLM-128: " + choice);
        assertEquals("wasm-simd", choice.get("chosen").getAsString(), choice.toString());
        assertEquals(List.of("webgpu", "wasm-simd"), strings(choice.getAsJsonArray("candidates")));
        assertEquals(0, choice.getAsJsonObject("failures").size(), "both backends ran on SwiftShader: " + choice);
        JsonObject times = choice.getAsJsonObject("timesMs");
        assertTrue(times.get("wasm-simd").getAsDouble() < times.get("webgpu").getAsDouble(), times.toString());
        assertNotNull(runner.lastWasmReport(), "the first result is the chosen backend's (its wasm report)");

        Map<String, Tensor> expected = E2eModels.runOnJvm(model, feeds);
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            WebGpuModelsIT.assertClose("auto MiniLM-128/" + e.getKey(), e.getValue(), r.outputs().get(e.getKey()));
        }
        // later runs go to the winner only, and the choice stays what it was
        BrowserRunner.Result again = runner.run(model, feeds, "auto");
        assertNotNull(runner.lastWasmReport(), "the second run is on wasm-simd too");
        assertEquals(choice, runner.lastBackendChoice());
        System.out.printf("[auto] MiniLM-128 first call %.0f ms (the choice), second %.0f ms%n",
                r.timings().get("roundTripMs"), again.timings().get("roundTripMs"));
    }

    /** WebGPU planned against a 1 KiB buffer limit cannot run the BERT fixture: auto keeps wasm-simd and says why. */
    @Test void aFailingBackendIsSkippedAndNamed() {
        Path dir = Paths.get("models", "fixtures", "bert").toAbsolutePath();
        JsonObject golden = WebGpuModelsIT.readJson(dir.resolve("golden.json"));
        runner.setGpuLimitCaps(1024, 1024);
        try {
            BrowserRunner.Result r = runner.run(dir.resolve("model.onnx"),
                    WebGpuModelsIT.tensors(golden.getAsJsonObject("inputs")), "auto");
            JsonObject choice = runner.lastBackendChoice();
            System.out.println("[auto] BERT fixture, webgpu capped: " + choice);
            assertEquals("wasm-simd", choice.get("chosen").getAsString());
            String webgpu = choice.getAsJsonObject("failures").get("webgpu").getAsString();
            assertTrue(webgpu.startsWith("failed to "), webgpu);
            assertTrue(choice.get("reason").getAsString().contains("webgpu: " + webgpu), choice.toString());
            for (Map.Entry<String, Tensor> e : WebGpuModelsIT.tensors(golden.getAsJsonObject("outputs")).entrySet()) {
                WebGpuModelsIT.assertClose("auto bert/" + e.getKey(), e.getValue(), r.outputs().get(e.getKey()));
            }
        } finally {
            runner.setGpuLimitCaps(0, 0);
        }
    }

    private static List<String> strings(JsonArray a) {
        return a.asList().stream().map(e -> e.getAsString()).toList();
    }
}
