package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.host.BrowserException;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TeaVM-compiled engine in headless Chromium against the JVM engine, on both builds: outputs and error messages.
 * One Chromium for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserEngineIT {
    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    /** The message the JVM engine gives, or fails when the JVM engine succeeds. */
    static String jvmError(Supplier<?> action) {
        try {
            action.get();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        return fail("the JVM engine accepted the input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void truncatedModelGivesTheJvmMessage(String backend) throws Exception {
        Path model = E2eModels.workDir().resolve("truncated").resolve("model.onnx");
        Files.createDirectories(model.getParent());
        byte[] head = Arrays.copyOf(Files.readAllBytes(E2eModels.miniLm()), 4096);
        Files.write(model, head);
        String expected = jvmError(() -> E2eModels.runOnJvm(model, Map.of()));
        BrowserException e = assertThrows(BrowserException.class, () -> runner.run(model, Map.of(), backend));
        assertEquals(expected, e.getMessage());
        assertEquals("ModelFormatException", e.errorType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void miniLmMatchesTheJvm(String backend) {
        Path model = E2eModels.miniLm();
        Map<String, Tensor> feeds = E2eModels.miniLmFeeds(8);
        Map<String, Tensor> expected;
        try {
            expected = E2eModels.runOnJvm(model, feeds);
        } catch (RuntimeException jvm) {
            BrowserException e = assertThrows(BrowserException.class, () -> runner.run(model, feeds, backend));
            assertEquals(jvm.getMessage(), e.getMessage());
            System.out.println("DBG " + backend + " " + e.errorType() + ": " + e.getMessage());
            return;
        }
        BrowserRunner.Result r = runner.run(model, feeds, backend);
        System.out.println(backend + " " + r.timings());
        TensorAsserts.assertOutputsMatch("MiniLM", expected, r.outputs(), backend.equals("browser-js") ? 1e-4 : 0);
    }
}
