package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.host.BrowserException;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.model.OnnxBuilder;
import dev.nnjit.model.ProtoWriter;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TeaVM-compiled engine in headless Chromium against the JVM engine, on both builds: outputs and error
 * messages. One Chromium for the whole class.
 *
 * <p>Tolerances: the Wasm GC build computes in f32 exactly as the JVM does (same operations, same order, IEEE
 * rounding per operation), so its floats must be bitwise equal. The JS build computes float expressions in double
 * and rounds only where TeaVM stores to a float, so results drift by a few f32 ulps per op; {@value #JS_TOLERANCE}
 * relative (absolute below 1) covers a 6-layer encoder with wide margin while still catching any real bug.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserEngineIT {
    static final double JS_TOLERANCE = 1e-4;
    static final List<String> BUILDS = List.of("browser-wasm-gc", "browser-js");

    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    static double tolerance(String backend) { return backend.equals("browser-js") ? JS_TOLERANCE : 0; }

    static Stream<Arguments> testModelsOnBothBuilds() {
        List<Arguments> args = new ArrayList<>();
        for (TestModels.Case c : TestModels.all()) for (String b : BUILDS) args.add(Arguments.of(c, b));
        return args.stream();
    }

    // ---- outputs ----

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("testModelsOnBothBuilds")
    void outputsMatchTheJvm(TestModels.Case c, String backend) {
        Map<String, Tensor> expected = E2eModels.runOnJvm(c.model(), c.feeds());
        BrowserRunner.Result r = runner.run(c.model(), c.feeds(), backend);
        double worst = TensorAsserts.assertOutputsMatch(c.name(), expected, r.outputs(), tolerance(backend));
        assertEquals(backend.substring("browser-".length()), runner.lastEngine());
        assertTrue(r.timings().containsKey("runMs"), "timings " + r.timings());
        System.out.printf("%s on %s: max relative diff %.3g, timings %s%n", c.name(), backend, worst, r.timings());
    }

    @Test void defaultBrowserBackendRunsOnWasmGc() {
        TestModels.Case c = TestModels.mlp();
        runner.run(c.model(), c.feeds(), "browser");
        assertEquals("wasm-gc", runner.lastEngine(), "Chromium supports Wasm GC: no fallback expected");
    }

    @Test void repeatedRunsReuseTheLoadedModelAndGiveTheSameOutputs() {
        TestModels.Case c = TestModels.mlp();
        BrowserRunner.Result first = runner.run(c.model(), c.feeds(), "browser-wasm-gc");
        BrowserRunner.Result second = runner.run(c.model(), c.feeds(), "browser-wasm-gc");
        assertTrue(!second.timings().containsKey("loadMs"), "second run reloaded the model: " + second.timings());
        TensorAsserts.assertOutputsMatch("second run", first.outputs(), second.outputs(), 0);
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
            // Until every op MiniLM uses exists, the browser must fail exactly as the JVM does.
            BrowserException e = assertThrows(BrowserException.class, () -> runner.run(model, feeds, backend));
            assertEquals(jvm.getMessage(), e.getMessage());
            System.out.println("MiniLM on " + backend + " not runnable yet, same error: " + e.getMessage());
            return;
        }
        BrowserRunner.Result r = runner.run(model, feeds, backend);
        double worst = TensorAsserts.assertOutputsMatch("MiniLM", expected, r.outputs(), tolerance(backend));
        System.out.printf("MiniLM on %s: max relative diff %.3g, timings %s%n", backend, worst, r.timings());
    }

    /** Every fixture under models/fixtures/ (model.onnx + golden.json inputs), on both builds. */
    @TestFactory Stream<DynamicTest> fixturesMatchTheJvm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : E2eModels.fixtures()) {
            for (String backend : BUILDS) {
                tests.add(DynamicTest.dynamicTest(dir.getFileName() + " on " + backend, () -> {
                    Path model = dir.resolve("model.onnx");
                    Map<String, Tensor> feeds = E2eModels.goldenInputs(dir.resolve("golden.json"));
                    Map<String, Tensor> expected = E2eModels.runOnJvm(model, feeds);
                    BrowserRunner.Result r = runner.run(model, feeds, backend);
                    TensorAsserts.assertOutputsMatch(dir.getFileName().toString(), expected, r.outputs(),
                            tolerance(backend));
                }));
            }
        }
        return tests.stream();
    }

    // ---- errors: the browser says exactly what the JVM says ----

    /** The message the JVM engine gives; fails when the JVM engine accepts the input. */
    static String jvmError(Supplier<?> action) {
        try {
            action.get();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        return fail("the JVM engine accepted the input");
    }

    void assertSameError(Path model, Map<String, Tensor> feeds, String backend, String errorType) {
        String expected = jvmError(() -> E2eModels.runOnJvm(model, feeds));
        BrowserException e = assertThrows(BrowserException.class, () -> runner.run(model, feeds, backend));
        assertEquals(expected, e.getMessage());
        assertEquals(errorType, e.errorType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void truncatedModel(String backend) throws IOException {
        byte[] bytes = Files.readAllBytes(TestModels.mlp().model());
        Path model = E2eModels.workDir().resolve("truncated").resolve("model.onnx");
        TestModels.write(model, Arrays.copyOf(bytes, bytes.length / 2));
        assertSameError(model, Map.of(), backend, "ModelFormatException");
    }

    /**
     * Malformed weights and protobuf fields: each gives the JVM's exact message (byte offset or tensor name) in the
     * browser, on both builds, and nothing is allocated before sizes are checked (the 2^40-element case).
     */
    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void malformedModelsGiveTheJvmError(String backend) throws IOException {
        Map<String, ProtoWriter> cases = new LinkedHashMap<>();
        cases.put("absurd-dims", OnnxBuilder.singleInitializerModel(
                OnnxBuilder.tensorRaw("w", DType.FLOAT, OnnxBuilder.dims(1L << 20, 1L << 20), new byte[8])));
        cases.put("negative-dim", OnnxBuilder.singleInitializerModel(
                OnnxBuilder.tensorRaw("w", DType.FLOAT, OnnxBuilder.dims(-2), new byte[8])));
        cases.put("short-initializer", OnnxBuilder.singleInitializerModel(
                OnnxBuilder.tensorRaw("w", DType.FLOAT, OnnxBuilder.dims(2), new byte[4])));
        // ModelProto.ir_version (field 1) must be a varint; here it is a fixed32
        cases.put("wrong-wire-type", new ProtoWriter().fixed32(1, 8));
        for (Map.Entry<String, ProtoWriter> c : cases.entrySet()) {
            Path model = E2eModels.workDir().resolve("malformed-" + c.getKey()).resolve("model.onnx");
            TestModels.write(model, c.getValue().toByteArray());
            assertSameError(model, Map.of("x", Tensor.ofFloats(new int[] {2}, new float[2])), backend,
                    "ModelFormatException");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void wrongFeedName(String backend) {
        TestModels.Case c = TestModels.mlp();
        Map<String, Tensor> feeds = new LinkedHashMap<>(c.feeds());
        feeds.put("X", feeds.remove("x"));
        assertSameError(c.model(), feeds, backend, "GraphException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void missingFeed(String backend) {
        assertSameError(TestModels.mlp().model(), Map.of(), backend, "GraphException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void wrongFeedDtype(String backend) {
        Map<String, Tensor> feeds = Map.of("x", Tensor.ofLongs(new int[] {3, 16}, new long[48]));
        assertSameError(TestModels.mlp().model(), feeds, backend, "GraphException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void wrongFeedShape(String backend) {
        Map<String, Tensor> feeds = Map.of("x", Tensor.ofFloats(new int[] {3, 15}, new float[45]));
        assertSameError(TestModels.mlp().model(), feeds, backend, "GraphException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"browser-wasm-gc", "browser-js"})
    void missingExternalDataFileIsNamed(String backend) throws IOException {
        TestModels.Case c = TestModels.externalWeights();
        Path model = E2eModels.workDir().resolve("external-missing").resolve("model.onnx");
        TestModels.write(model, Files.readAllBytes(c.model()));
        Files.deleteIfExists(model.resolveSibling("weights.bin"));
        BrowserException e = assertThrows(BrowserException.class, () -> runner.run(model, c.feeds(), backend));
        assertEquals("ModelFormatException", e.errorType());
        assertTrue(e.getMessage().contains("'weights.bin'"), e.getMessage());
    }

    // ---- startup errors ----

    @Test void missingChromiumSaysHowToInstallIt() {
        BrowserException e = assertThrows(BrowserException.class,
                () -> BrowserRunner.start(Paths.get("/nonexistent/chromium")));
        assertTrue(e.getMessage().contains("apt-get install -y chromium"), e.getMessage());
    }

    @Test void unbuiltWebAppSaysHowToBuildIt() {
        BrowserException e = assertThrows(BrowserException.class,
                () -> BrowserRunner.start(null, Paths.get("/nonexistent/webapp"), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("mvn package"), e.getMessage());
    }
}
