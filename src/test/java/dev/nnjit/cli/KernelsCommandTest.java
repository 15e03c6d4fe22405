package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.runtime.webgpu.GpuProgram;
import dev.nnjit.runtime.webgpu.GpuStep;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.Checksum;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningKey;
import dev.nnjit.tune.TuningRecord;
import dev.nnjit.tune.TuningSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnjit kernels} on the bert fixture: every GPU step listed with its site, config and source; a records file
 * that stores a non-default winner for one workload makes exactly that workload's steps run it and say "cache"; a
 * stale record (wrong WGSL hash) is ignored.
 */
class KernelsCommandTest {
    private static final Path MODEL = Path.of("models", "fixtures", "bert", "model.onnx");
    private static final Path FEEDS = Path.of("models", "fixtures", "bert", "golden.json");
    private static final AdapterKey ADAPTER = AdapterKey.of("google", "swiftshader", "", "limits", List.of("subgroups"));

    @TempDir Path dir;

    @Test void listsEveryStepWithItsDefaultConfig() {
        MainTest.Invocation r = MainTest.nnjit("kernels", MODEL.toString(), "--inputs", FEEDS.toString());
        assertEquals(Main.OK, r.code(), r.err());
        GpuProgram p = lowered();
        List<String> rows = tableRows(r.out());
        assertEquals(p.steps().size(), rows.size(), r.out());
        for (int i = 0; i < rows.size(); i++) {
            GpuStep s = p.steps().get(i);
            String row = rows.get(i);
            assertTrue(row.startsWith("| " + i + " | " + s.node() + " | " + s.opType() + " | " + s.site().family()
                    + " | "), row);
            assertTrue(row.endsWith("| " + s.site().defaultKey() + " | " + s.site().size() + " | default |"), row);
        }
        assertTrue(r.out().contains(p.steps().size() + " steps, "), r.out());
        assertTrue(r.out().contains("limits: swiftshader"), r.out());
    }

    @Test void aCachedWinnerIsUsedAndReportedAsCache() throws Exception {
        TuningSite<?> site = firstTunableMatmul();
        String winner = site.keys().get(1);
        TuningRecord good = new TuningRecord(ADAPTER, TuningKey.of(site), winner, Checksum.of(site.instance(winner).wgsl()),
                site.defaultKey(), List.of(), "fake", 1L);
        Path cache = dir.resolve("cache.json");
        Files.writeString(cache, TuningJson.writeRecords(ADAPTER, List.of(good)));

        MainTest.Invocation r = MainTest.nnjit("kernels", MODEL.toString(), "--inputs", FEEDS.toString(), "--cache",
                cache.toString());
        assertEquals(Main.OK, r.code(), r.err());
        int hits = 0;
        for (String row : tableRows(r.out())) {
            if (row.contains("| " + site.problemKey().replace("|", "\\|") + " |")) {
                assertTrue(row.endsWith("| " + winner + " | " + site.size() + " | cache |"), row);
                hits++;
            } else {
                assertTrue(row.endsWith("| default |"), row);
            }
        }
        assertTrue(hits >= 1, r.out());

        TuningRecord stale = new TuningRecord(ADAPTER, TuningKey.of(site), winner, "0000000000000000",
                site.defaultKey(), List.of(), "fake", 1L);
        Files.writeString(cache, TuningJson.writeRecords(ADAPTER, List.of(stale)));
        r = MainTest.nnjit("kernels", MODEL.toString(), "--inputs", FEEDS.toString(), "--cache", cache.toString());
        assertEquals(Main.OK, r.code(), r.err());
        for (String row : tableRows(r.out())) assertTrue(row.endsWith("| default |"), "stale record ignored: " + row);
    }

    @Test void shippedRecordsAreReportedAsShipped() throws Exception {
        TuningSite<?> site = firstTunableMatmul();
        String winner = site.keys().get(1);
        Path shipped = dir.resolve("shipped.json");
        Files.writeString(shipped, TuningJson.writeRecords(ADAPTER, List.of(new TuningRecord(ADAPTER, TuningKey.of(site),
                winner, Checksum.of(site.instance(winner).wgsl()), site.defaultKey(), List.of(), "fake", 1L))));
        MainTest.Invocation r = MainTest.nnjit("kernels", MODEL.toString(), "--inputs", FEEDS.toString(), "--shipped",
                shipped.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("| " + winner + " | " + site.size() + " | shipped |"), r.out());
    }

    @Test void wgslIsDumpedPerDistinctKernel() {
        MainTest.Invocation r = MainTest.nnjit("kernels", MODEL.toString(), "--inputs", FEEDS.toString(), "--wgsl");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("// ---- kernel "), r.out());
        assertTrue(r.out().contains("@compute"), r.out());
    }

    @Test void usageAndFileErrors() {
        assertEquals(Main.USAGE, MainTest.nnjit("kernels", MODEL.toString()).code());
        assertEquals(Main.USAGE, MainTest.nnjit("kernels", MODEL.toString(), "--inputs", FEEDS.toString(), "--adapter",
                "h100").code());
        assertEquals(Main.USAGE, MainTest.nnjit("kernels", MODEL.toString(), "--inputs", FEEDS.toString(), "--bogus").code());
        MainTest.Invocation r = MainTest.nnjit("kernels", "missing.onnx", "--inputs", FEEDS.toString());
        assertEquals(Main.ERROR, r.code());
        assertEquals("nnjit: error: model file not found: missing.onnx\n", r.err());
        assertTrue(MainTest.nnjit("kernels", "--help").out().contains("--adapter swiftshader"));
    }

    private static GpuProgram lowered() {
        KernelsOptions opts = KernelsOptions.parse(List.of(MODEL.toString(), "--inputs", FEEDS.toString()));
        return KernelsCommand.lower(opts, RunCommand.readFeeds(FEEDS), ScheduleChooser.DEFAULT);
    }

    private static TuningSite<?> firstTunableMatmul() {
        for (GpuStep s : lowered().steps()) if (s.site().family().equals("matmul") && s.site().tunable()) return s.site();
        throw new AssertionError("the bert fixture has a tunable matmul");
    }

    /** The Markdown table's body rows. */
    private static List<String> tableRows(String out) {
        List<String> rows = new java.util.ArrayList<>();
        boolean body = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("|---")) { body = true; continue; }
            if (body && line.startsWith("| ")) rows.add(line);
            else if (body) break;
        }
        assertNotNull(rows);
        return rows;
    }
}
