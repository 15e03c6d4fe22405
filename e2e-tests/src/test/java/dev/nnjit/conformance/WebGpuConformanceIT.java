package dev.nnjit.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.host.BrowserException;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * ONNX's node conformance tests on the webgpu backend, in one headless Chromium (SwiftShader), one page reused for
 * every test. Scope and classification are {@link WebGpuConformance}'s (the tests the CPU runs; exclusions from
 * webgpu-exclusions.txt; compile-time operands frozen by {@link ShapeInputs}); each test that lowers on the JVM is
 * loaded into the page and every data set's outputs are compared with the .pb references at
 * {@link WebGpuTolerances} (ONNX's rtol 1e-3 / atol 1e-7 unless a family states a looser bound and why).
 *
 * <p>Fusion is off (each op's own lowering runs), unless {@code -Dnnjit.conformance.fusion=true}. The summary, with
 * the wall time, goes to target/webgpu-conformance-summary.txt. {@code -Dconformance.filter=REGEX} runs a subset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebGpuConformanceIT {
    static final Path SUMMARY = Paths.get("target", "webgpu-conformance-summary.txt");
    static final Path WORK = Paths.get("target", "webgpu-conformance", "models");
    static final boolean FUSION = Boolean.getBoolean("nnjit.conformance.fusion");
    private static final String WHAT = "ONNX node conformance on webgpu";

    private final WebGpuTally tally = new WebGpuTally();
    private final Map<String, Double> seconds = new TreeMap<>();
    private BrowserRunner runner;
    private long started;
    private int restarts;
    private String adapter;
    /** Data sets whose whole graph folded to constants at compile time (no kernel ran). */
    private final java.util.Set<String> folded = new java.util.TreeSet<>();

    @BeforeAll void start() {
        started = System.nanoTime();
        assumeTrue(Files.isDirectory(OnnxConformanceTest.DATA), "ONNX node test data not found at "
                + OnnxConformanceTest.DATA);
        runner = newRunner();
    }

    private static BrowserRunner newRunner() {
        BrowserRunner r = BrowserRunner.start(null);
        r.setGpuFusion(FUSION);
        return r;
    }

    @AfterAll void finish() throws IOException {
        if (runner != null) runner.close();
        double total = (System.nanoTime() - started) / 1e9;
        tally.note(String.format("wall time %.1f s (Chromium start, JVM lowering, %d browser restarts included);"
                + " adapter %s; fusion %s; tolerances: %s", total, restarts, adapter, FUSION ? "on" : "off",
                WebGpuTolerances.describe()));
        List<Map.Entry<String, Double>> slow = new ArrayList<>(seconds.entrySet());
        slow.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        StringBuilder sb = new StringBuilder("slowest tests (s):");
        for (int i = 0; i < Math.min(15, slow.size()); i++) {
            sb.append(String.format(" %s %.1f", slow.get(i).getKey(), slow.get(i).getValue()));
        }
        tally.note(sb.toString());
        tally.note("data sets that ran no kernel (every output a constant folded at compile time, e.g. after"
                + " freezing shape inputs, or a view of an input): " + folded);
        tally.write(SUMMARY, WHAT);
        System.out.println(tally.summaryLine(WHAT) + String.format(" in %.1f s -> %s", total, SUMMARY.toAbsolutePath()));
    }

    @TestFactory Stream<DynamicTest> onnxNodeTestsOnWebGpu() throws IOException {
        WebGpuConformance suite = new WebGpuConformance(WORK, FUSION);
        List<ConformanceCase> all = WebGpuConformance.all();
        String filter = System.getProperty("conformance.filter", "");
        Pattern pattern = filter.isEmpty() ? null : Pattern.compile(filter);
        List<String> names = new ArrayList<>();
        for (ConformanceCase c : all) names.add(c.name);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("webgpu-exclusions.txt names only existing tests", () -> {
            List<String> unknown = suite.webgpuExclusions().unknown(names);
            assertTrue(unknown.isEmpty(), "webgpu-exclusions.txt lists tests that do not exist: " + unknown);
        }));
        for (ConformanceCase c : all) {
            if (pattern != null && !pattern.matcher(c.name).find()) continue;
            WebGpuConformance.Classified r = suite.classify(c);
            if (r.status() == WebGpuConformance.Status.OUT_OF_SCOPE) {
                tally.outOfScope();
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.name, c.dir.toUri(), () -> check(r)));
        }
        return tests.stream();
    }

    private void check(WebGpuConformance.Classified r) {
        switch (r.status()) {
            case EXCLUDED:
                tally.excluded(r.test(), r.detail());
                abort("excluded: " + r.detail());
                return;
            case NOT_LOWERED:
                tally.notLowered(r.test(), r.missingOps());
                abort(r.detail());
                return;
            case REJECTED:
                tally.rejected(r.test(), r.detail());
                fail("rejected by the webgpu lowering without an entry in webgpu-exclusions.txt: " + r.detail());
                return;
            case ERROR:
                tally.failed(r.test(), "lowering: " + r.detail());
                fail("lowering failed: " + r.detail());
                return;
            default:
                break;
        }
        long t0 = System.nanoTime();
        StringBuilder problems = new StringBuilder();
        WebGpuTolerances.Bound bound = null;
        try {
            for (WebGpuCase.DataSet set : r.prepared().sets) {
                bound = WebGpuTolerances.forModel(WebGpuCase.load(set));
                Map<String, Tensor> actual = run(set);
                for (Map.Entry<String, Tensor> e : set.expected().entrySet()) {
                    String diff = TensorComparison.compare("output '" + e.getKey() + "'", e.getValue(),
                            actual.get(e.getKey()), bound.rtol(), bound.atol());
                    if (diff != null) problems.append(set.name()).append(": ").append(diff).append('\n');
                }
            }
        } catch (RuntimeException e) {
            tally.failed(r.test(), String.valueOf(e.getMessage()));
            throw e;
        } finally {
            seconds.put(r.test(), (System.nanoTime() - t0) / 1e9);
        }
        if (problems.length() > 0) {
            tally.failed(r.test(), problems.toString().strip());
            fail(problems.toString().strip());
        }
        String detail = (bound.isDefault() ? "" : "at " + bound.name()) + (r.detail().isEmpty() ? ""
                : (bound.isDefault() ? "" : "; ") + r.detail());
        tally.passed(r.test(), detail);
    }

    /** One run in the page; a runner made unusable by a timeout is replaced (the test still fails). */
    private Map<String, Tensor> run(WebGpuCase.DataSet set) {
        try {
            Map<String, Tensor> out = runner.run(set.model(), set.feeds(), "webgpu").outputs();
            BrowserRunner.GpuStats stats = runner.lastGpuStats();
            if (stats == null) throw new IllegalStateException("the page reported no webgpu run for " + set.model());
            adapter = stats.adapter();
            Double kernels = stats.run().plan().get("kernels");
            if (kernels != null && kernels == 0) folded.add(set.model().getFileName().toString());
            return out;
        } catch (BrowserException e) {
            if (e.getMessage() != null && e.getMessage().contains("unusable") || "Timeout".equals(e.errorType())) {
                runner.close();
                restarts++;
                runner = newRunner();
            }
            throw e;
        }
    }
}
