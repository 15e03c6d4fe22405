package dev.nnjit.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.model.OnnxModel;
import dev.nnjit.ops.OpRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ONNX's own operator conformance suite (the backend "node" tests, Debian package libonnx-testdata) on the CPU
 * reference engine. Each test directory becomes one dynamic test:
 * <ul>
 *   <li>listed in src/test/resources/conformance/exclusions.txt: skipped, counted as excluded, with the reason;</li>
 *   <li>using an op (or an opset of it) that {@link OpRegistry#defaults()} does not support: skipped, counted as
 *       unsupported-op;</li>
 *   <li>otherwise it must load, run every data set, and match each output: dtype, shape, and values within ONNX's
 *       tolerance ({@link TensorComparison}).</li>
 * </ul>
 * At the end the counts are printed and written, with the failures and the most-needed unsupported ops, to
 * target/conformance-summary.txt.
 *
 * <p>System properties: {@code nnjit.onnxNodeTests} (data directory, default
 * /usr/share/libonnx-testdata/data/node), {@code conformance.filter} (regex on test names, to triage a subset).
 */
class OnnxConformanceTest {
    static final Path DATA = Paths.get(System.getProperty("nnjit.onnxNodeTests", "/usr/share/libonnx-testdata/data/node"));
    static final Path SUMMARY = Paths.get("target", "conformance-summary.txt");
    /** Generous for single-op tests (the largest takes well under a second); catches a hung op. */
    static final Duration PER_TEST_LIMIT = Duration.ofSeconds(120);
    private static final ConformanceTally TALLY = new ConformanceTally();

    @TestFactory
    Stream<DynamicNode> onnxNodeTests() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "ONNX node test data not found at " + DATA
                + ": install it with 'apt-get install libonnx-testdata' (or set -Dnnjit.onnxNodeTests=DIR)");
        Exclusions exclusions = Exclusions.load();
        String filter = System.getProperty("conformance.filter", "");
        Pattern pattern = filter.isEmpty() ? null : Pattern.compile(filter);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(DATA)) {
            dirs = s.filter(p -> Files.isRegularFile(p.resolve("model.onnx"))).sorted().collect(Collectors.toList());
        }
        List<String> names = dirs.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("exclusions.txt names only existing tests", () -> {
            List<String> unknown = exclusions.unknown(names);
            assertTrue(unknown.isEmpty(), "exclusions.txt lists tests that do not exist in " + DATA + ": " + unknown);
        }));
        for (Path dir : dirs) {
            ConformanceCase c = new ConformanceCase(dir);
            if (pattern != null && !pattern.matcher(c.name).find()) continue;
            tests.add(DynamicTest.dynamicTest(c.name, dir.toUri(), () -> check(c, exclusions.reason(c.name))));
        }
        return tests.stream();
    }

    private static void check(ConformanceCase c, String exclusion) {
        if (exclusion != null) {
            TALLY.excluded(c.name, exclusion);
            abort("excluded: " + exclusion);
        }
        OnnxModel model;
        try {
            model = c.load();
        } catch (RuntimeException e) {
            TALLY.failed(c.name, "load: " + e);
            throw e;
        }
        List<String> missing = ConformanceCase.unsupportedOps(model, OpRegistry.defaults());
        if (!missing.isEmpty()) {
            TALLY.unsupported(c.name, missing);
            abort("unsupported op(s): " + missing);
        }
        String problems;
        try {
            problems = Assertions.assertTimeoutPreemptively(PER_TEST_LIMIT, () -> c.runAndCompare(model));
        } catch (Throwable e) { // an exception from the engine, or the time limit
            TALLY.failed(c.name, String.valueOf(e));
            throw e;
        }
        if (problems != null) {
            TALLY.failed(c.name, problems);
            fail(problems);
        }
        TALLY.passed(c.name);
    }

    @AfterAll
    static void writeSummary() throws IOException {
        if (TALLY.total() == 0) return; // data missing: nothing ran
        System.out.println(TALLY.summaryLine());
        TALLY.write(SUMMARY);
        System.out.println("conformance summary written to " + SUMMARY.toAbsolutePath());
    }
}
