package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.nnjit.tune.workbench.Family;
import dev.nnjit.tune.workbench.WorkbenchRequest;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** nnjit workbench arguments, usage errors before Chromium starts, and the table it prints. */
class WorkbenchOptionsTest {
    @Test void parsesFamilyOperatorAndOptions() {
        WorkbenchOptions o = WorkbenchOptions.parse(List.of("--op", "matmul", "--shape", "128x384x1536", "--candidates",
                "0,3,5", "--runs=7", "--json", "out.json", "--transB", "--seed", "9", "--timing", "submit", "--rank-by",
                "min"));
        assertTrue(o.rankByMin());
        WorkbenchRequest r = o.request();
        assertEquals(Family.MATMUL, r.family());
        assertEquals("128x384x1536", r.shape());
        assertTrue(r.transB());
        assertEquals("[0, 3, 5]", java.util.Arrays.toString(r.candidates()));
        assertEquals(7, r.runs());
        assertEquals(9, r.seed());
        assertEquals(WorkbenchRequest.Timing.SUBMIT, r.timing());
        assertEquals(Paths.get("out.json"), o.json());
        assertEquals("wasm-gc", o.engine());
        JsonObject page = o.pageRequest();
        assertEquals("matmul", page.get("family").getAsString());
        assertEquals("0,3,5", page.get("candidates").getAsString());
        assertEquals("submit", page.get("timing").getAsString());

        WorkbenchOptions e = WorkbenchOptions.parse(List.of("--op", "reduce:max", "--shape", "4x8x16", "--axes", "0,2",
                "--engine", "js", "--dry-run"));
        assertEquals(Family.REDUCE, e.request().family());
        assertEquals("max", e.request().operator());
        assertEquals("0,2", e.pageRequest().get("axes").getAsString());
        assertEquals("all", e.pageRequest().get("candidates").getAsString());
        assertTrue(e.request().dryRun());
        assertNull(WorkbenchOptions.parse(List.of("--op", "softmax", "--shape", "4x8")).request().operator());
    }

    @Test void badArgumentsAreUsageErrors() {
        String[][] cases = {
            {"needs --op", "--shape", "4x4x4"},
            {"needs --shape", "--op", "matmul"},
            {"unknown op family 'conv'", "--op", "conv", "--shape", "4x4"},
            {"'q' is not a number", "--op", "matmul", "--shape", "4xqx4"},
            {"--runs must be in 1..1000", "--op", "matmul", "--shape", "4x4x4", "--runs", "0"},
            {"unknown reduce op 'median'", "--op", "reduce:median", "--shape", "4x4"},
            {"matmul takes no operator", "--op", "matmul:add", "--shape", "4x4x4"},
            {"--engine must be wasm-gc or js", "--op", "matmul", "--shape", "4x4x4", "--engine", "cpu"},
            {"unknown option '--fast'", "--op", "matmul", "--shape", "4x4x4", "--fast"},
            {"candidates '1-'", "--op", "matmul", "--shape", "4x4x4", "--candidates", "1-"},
            {"--rank-by must be median or min", "--op", "matmul", "--shape", "4x4x4", "--rank-by", "mean"},
        };
        for (String[] c : cases) {
            UsageException e = assertThrows(UsageException.class,
                    () -> WorkbenchOptions.parse(List.of(c).subList(1, c.length)));
            assertTrue(e.getMessage().contains(c[0]), c[0] + " / " + e.getMessage());
        }
        MainTest.Invocation r = MainTest.nnjit(Map.of(), "workbench", "--op", "matmul");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("workbench needs --shape"), r.err());
        MainTest.Invocation help = MainTest.nnjit(Map.of(), "workbench", "--help");
        assertEquals(Main.OK, help.code());
        assertTrue(help.out().contains("nnjit workbench --op FAMILY[:OPERATOR] --shape SHAPE"), help.out());
        assertTrue(MainTest.nnjit(Map.of(), "--help").out().contains("workbench  Times one op at one shape"));
        assertTrue(help.out().contains("workbench  Runs one op at one shape"), help.out());
    }

    private static JsonObject result(int index, Double median, boolean ok, String failure) {
        return result(index, median, median == null ? null : median - 1, ok, failure);
    }

    private static JsonObject result(int index, Double median, Double min, boolean ok, String failure) {
        JsonObject r = new JsonObject();
        r.addProperty("index", index);
        r.addProperty("key", "k" + index);
        r.addProperty("workgroup", "8x8x1");
        r.addProperty("compileMs", 10.0);
        if (median == null) r.add("medianMs", JsonNull.INSTANCE); else r.addProperty("medianMs", median);
        if (min == null) r.add("minMs", JsonNull.INSTANCE); else r.addProperty("minMs", min);
        r.addProperty("gflops", median == null ? 0 : 100 / median);
        if (median == null) r.add("vsDefault", JsonNull.INSTANCE); else r.addProperty("vsDefault", 20 / median);
        r.addProperty("maxAbsErr", 1e-6);
        r.addProperty("errRatio", ok ? 0.01 : 3.0);
        r.addProperty("failing", ok ? 0 : 2);
        r.addProperty("ok", ok && failure == null);
        if (failure != null) r.addProperty("failure", failure);
        return r;
    }

    @Test void tableIsSortedByTimeWithDefaultBestAndFailuresLast() {
        JsonObject report = new JsonObject();
        report.addProperty("family", "matmul");
        report.addProperty("shape", "4x4x4");
        report.addProperty("problem", "A (4,4) @ B (4,4) -> C (4,4)");
        report.addProperty("adapter", "google swiftshader");
        report.addProperty("timing", "timestamp-query");
        report.addProperty("runs", 5);
        report.addProperty("seed", 1);
        report.addProperty("candidateCount", 10);
        report.addProperty("referenceMs", 1.5);
        report.addProperty("metric", "GFLOP/s");
        report.addProperty("best", 2);
        JsonObject tol = new JsonObject();
        tol.addProperty("atol", 1e-4);
        tol.addProperty("rtol", 0);
        tol.addProperty("rule", "K * 2^-20");
        report.add("tolerance", tol);
        JsonArray results = new JsonArray();
        results.add(result(0, 20.0, 10.0, true, null));
        results.add(result(1, null, false, "WGSL error"));
        results.add(result(2, 5.0, 4.0, true, null));
        results.add(result(3, 2.0, false, null));
        report.add("results", results);
        String table = WorkbenchTable.format(report, "wasm-gc");
        String[] lines = table.split("\n");
        int header = 0;
        while (!lines[header].startsWith("| rank")) header++;
        assertTrue(lines[header].contains("| GFLOP/s | vs default |"), lines[header]);
        assertTrue(lines[header + 2].startsWith("| 1 | 3 | k3 |  |"), lines[header + 2]);
        assertTrue(lines[header + 2].endsWith("| no (2 elements) |"), lines[header + 2]);
        assertTrue(lines[header + 3].startsWith("| 2 | 2 | k2 | best |"), lines[header + 3]);
        assertTrue(lines[header + 3].contains("| 4.00x |"), lines[header + 3]);
        assertTrue(lines[header + 4].startsWith("| 3 | 0 | k0 | default |"), lines[header + 4]);
        assertTrue(lines[header + 5].startsWith("|  | 1 | k1 |  |"), lines[header + 5]);
        assertTrue(lines[header + 5].endsWith("| WGSL error |"), lines[header + 5]);
        assertEquals(header + 6, lines.length);

        // Ranked by minimum time: k3 (min 1.0, wrong output), k0 (1.5), k2 (4.0); the best by minimum is k0.
        results.set(0, result(0, 20.0, 1.5, true, null));
        report.addProperty("bestByMin", 0);
        String byMin = WorkbenchTable.format(report, "wasm-gc", true);
        String[] m = byMin.split("\n");
        assertTrue(byMin.contains("ranked by minimum time"), byMin);
        assertTrue(m[header + 2].startsWith("| 1 | 3 | k3 |  |"), m[header + 2]); // min 1.0, but not ok
        assertTrue(m[header + 3].startsWith("| 2 | 0 | k0 | default best |"), m[header + 3]);
        assertTrue(m[header + 3].contains("| 1.00x |"), m[header + 3]);
        assertTrue(m[header + 4].startsWith("| 3 | 2 | k2 |  |"), m[header + 4]);
        assertTrue(m[header + 4].contains("| 0.38x |"), m[header + 4]);
        assertEquals("1.00e-04", WorkbenchTable.num(tol.get("atol")));
        assertEquals("", WorkbenchTable.num(JsonNull.INSTANCE));
    }
}
