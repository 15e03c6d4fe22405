package dev.nnjit.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM half of the webgpu conformance run, without a browser: every ONNX node test the CPU runs is lowered for
 * the webgpu backend (passes, lowering table, adapter-limit checks) exactly as in Chromium. Fails when a lowering
 * rejects a node of a test that webgpu-exclusions.txt does not list (a limitation must be stated, never silent), when
 * lowering fails with any other error (a bug), or when the exclusions file names a test that does not exist. Tests
 * blocked by an op that has no lowering yet are reported (target/webgpu-lowering-summary.txt), not failed.
 *
 * <p>System property {@code conformance.filter}: regex on test names.
 */
class WebGpuLoweringCoverageTest {
    static final Path SUMMARY = Paths.get("target", "webgpu-lowering-summary.txt");

    @Test
    void everyInScopeTestLowersOrIsExcluded() throws Exception {
        assumeTrue(Files.isDirectory(OnnxConformanceTest.DATA), "ONNX node test data not found at "
                + OnnxConformanceTest.DATA);
        long t0 = System.nanoTime();
        WebGpuConformance suite = new WebGpuConformance(Paths.get("target", "webgpu-conformance", "models"),
                Boolean.getBoolean("nnjit.conformance.fusion"));
        List<ConformanceCase> all = WebGpuConformance.all();
        List<String> names = new ArrayList<>();
        for (ConformanceCase c : all) names.add(c.name);
        List<String> unknown = suite.webgpuExclusions().unknown(names);
        String filter = System.getProperty("conformance.filter", "");
        Pattern pattern = filter.isEmpty() ? null : Pattern.compile(filter);
        WebGpuTally tally = new WebGpuTally();
        for (ConformanceCase c : all) {
            if (pattern != null && !pattern.matcher(c.name).find()) continue;
            WebGpuConformance.Classified r = suite.classify(c);
            switch (r.status()) {
                case OUT_OF_SCOPE: tally.outOfScope(); break;
                case EXCLUDED: tally.excluded(c.name, r.detail()); break;
                case NOT_LOWERED: tally.notLowered(c.name, r.missingOps()); break;
                case REJECTED: tally.rejected(c.name, r.detail()); break;
                case ERROR: tally.failed(c.name, r.detail()); break;
                case READY: tally.passed(c.name, r.detail()); break;
                default: throw new IllegalStateException(r.status().name());
            }
        }
        tally.note(String.format("lowered on the JVM in %.1f s; 'passed' here means lowered", (System.nanoTime() - t0) / 1e9));
        tally.write(SUMMARY, "webgpu lowering of ONNX node tests");
        System.out.println(tally.summaryLine("webgpu lowering of ONNX node tests") + " -> " + SUMMARY.toAbsolutePath());
        assertTrue(unknown.isEmpty(), "webgpu-exclusions.txt lists tests that do not exist: " + unknown);
        assertTrue(tally.failures() == 0, tally.failures() + " tests fail to lower or are rejected without an"
                + " exclusion; see " + SUMMARY.toAbsolutePath());
    }
}
