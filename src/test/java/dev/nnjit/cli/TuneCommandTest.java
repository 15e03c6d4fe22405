package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.DecisionSource;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningKey;
import dev.nnjit.tune.TuningRecord;
import dev.nnjit.tune.TuningReport;
import dev.nnjit.tune.WorkloadReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnjit tune} around a fake tuning session: the records file is read before and written after (merged with
 * records of other workloads), the table and summary show the report, --json writes the report, errors exit 1 or 2.
 */
class TuneCommandTest {
    private static final String MODEL = "models/fixtures/bert/model.onnx";
    private static final String FEEDS = "models/fixtures/bert/golden.json";
    private static final AdapterKey ADAPTER = AdapterKey.of("google", "swiftshader", "", "limits", List.of());

    @TempDir Path dir;

    private static TuningRecord record(String problem, String winner) {
        return new TuningRecord(ADAPTER, new TuningKey("matmul", problem, "c0ffee"), winner, "hash", "matmul:a",
                List.of(), "fake", 1L);
    }

    private static WorkloadReport line(String problem, DecisionSource source) {
        return new WorkloadReport("matmul", problem, 6, 15, source == DecisionSource.TUNED ? 15 : 0, "matmul:a", 2.0,
                "matmul:b", 1.0, 2.0, source, 0, "--op matmul --shape 12x32x32", List.of(), null);
    }

    /** A session that records what it was given and answers with fixed report and records. */
    private static final class FakeTuning implements TuneCommand.Tuning {
        final List<String> given = new ArrayList<>();
        final DecisionSource source;

        FakeTuning(DecisionSource source) { this.source = source; }

        @Override public TuneCommand.Outcome tune(TuneOptions opts, java.util.Map<String, dev.nnjit.tensor.Tensor> feeds,
                                                  String recordsJson) {
            given.add(recordsJson);
            TuningReport report = new TuningReport(30000, source == DecisionSource.CACHE ? 12 : 8000,
                    source == DecisionSource.CACHE ? 1 : 0, List.of(line("m12n32k32", source)));
            return new TuneCommand.Outcome(TuningJson.writeReport(report),
                    TuningJson.writeRecords(ADAPTER, List.of(record("m12n32k32", "matmul:b"))), 20, 10);
        }
    }

    private MainTest.Invocation tune(TuneCommand.Tuning tuning, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.invoke(new TuneCommand(tuning), List.of(args), new CommandIo(System.in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), 0));
        return new MainTest.Invocation(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test void recordsAreReadBeforeAndMergedAfter() throws Exception {
        Path cache = dir.resolve("records.json");
        Files.writeString(cache, TuningJson.writeRecords(ADAPTER, List.of(record("other-model", "matmul:c"))));
        FakeTuning first = new FakeTuning(DecisionSource.TUNED);
        Path json = dir.resolve("report.json");
        MainTest.Invocation r = tune(first, MODEL, "--inputs", FEEDS, "--cache", cache.toString(), "--json", json.toString(),
                "--budget", "30");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(first.given.get(0).contains("other-model"), "the file's records are passed in");
        List<TuningRecord> kept = TuningJson.readRecords(Files.readString(cache));
        assertEquals(List.of("other-model", "m12n32k32"), kept.stream().map(k -> k.key().problemKey()).toList());
        assertTrue(r.out().contains("| matmul | m12n32k32 | 6 | 15 | 15 | 2.00 -> 1.00 | 2.00x | tuned | matmul:b |"),
                r.out());
        assertTrue(r.out().contains("1 workloads: 1 tuned, 0 from cache, 0 shipped, 0 default; tuning 8.0 s of 30 s"
                + " budget; first run 20.00 ms, run after tuning 10.00 ms"), r.out());
        assertTrue(r.out().contains("records: 2 for adapter " + ADAPTER.id() + " in " + cache), r.out());

        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        for (String k : List.of("budgetMs", "tuningMs", "cacheHits", "workloads")) assertTrue(report.has(k), k);
        JsonObject w = report.getAsJsonArray("workloads").get(0).getAsJsonObject();
        for (String k : List.of("family", "problem", "occurrences", "candidates", "tried", "defaultConfig", "defaultMs",
                "bestConfig", "bestMs", "speedup", "source", "maxError", "workbench")) {
            assertTrue(w.has(k), k + " in " + w);
        }

        FakeTuning second = new FakeTuning(DecisionSource.CACHE);
        r = tune(second, MODEL, "--inputs", FEEDS, "--cache", cache.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(Files.readString(cache), second.given.get(0) == null ? null : Files.readString(cache));
        assertTrue(second.given.get(0).contains("m12n32k32"), second.given.get(0));
        assertTrue(r.out().contains("| cache |"), r.out());
    }

    @Test void withoutACacheFileNothingIsPassedOrWritten() {
        FakeTuning t = new FakeTuning(DecisionSource.TUNED);
        MainTest.Invocation r = tune(t, MODEL, "--inputs", FEEDS);
        assertEquals(Main.OK, r.code(), r.err());
        assertNull(t.given.get(0));
        assertTrue(!r.out().contains("records:"), r.out());
    }

    @Test void usageAndInputErrors() throws Exception {
        FakeTuning t = new FakeTuning(DecisionSource.TUNED);
        assertEquals(Main.USAGE, tune(t, MODEL).code());
        assertEquals(Main.USAGE, tune(t, MODEL, "--inputs", FEEDS, "--budget", "-1").code());
        assertEquals(Main.USAGE, tune(t, MODEL, "--inputs", FEEDS, "--budget", "soon").code());
        assertEquals(Main.USAGE, tune(t, MODEL, "--inputs", FEEDS, "--frobnicate").code());
        MainTest.Invocation r = tune(t, "missing.onnx", "--inputs", FEEDS);
        assertEquals(Main.ERROR, r.code());
        assertEquals("nnjit: error: model file not found: missing.onnx\n", r.err());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"something-else\"}");
        r = tune(t, MODEL, "--inputs", FEEDS, "--cache", bad.toString());
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().startsWith("nnjit: error: " + bad + ": not a tuning-record document"), r.err());
        assertTrue(t.given.isEmpty(), "no session for bad input");
        assertTrue(MainTest.nnjit("tune", "--help").out().contains("--budget SECONDS"));
        assertTrue(MainTest.nnjit("--help").out().contains("nnjit tune MODEL.onnx"));
        assertTrue(MainTest.nnjit("--help").out().contains("nnjit kernels MODEL.onnx"));
    }
}
