package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.nnjit.cli.Main;
import dev.nnjit.host.WorkbenchRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel workbench on WebGPU (SwiftShader) in headless Chromium: the page's form and results table for a small
 * matmul with three candidates, a softmax over all its candidates through the automation API, and the command
 * line. Every candidate must be within its stated tolerance of the Java reference and have positive times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchIT {
    private static final List<String> HEADERS = List.of("rank", "#", "config", "mark", "workgroup", "dispatch",
            "compile ms", "median ms", "min ms", "repeat", "GFLOP/s", "vs default", "max abs err", "err / tol", "ok");

    private WorkbenchRunner runner;

    @BeforeAll void start() { runner = WorkbenchRunner.start(null, null, Duration.ofMinutes(10)); }

    @AfterAll void stop() { if (runner != null) runner.close(); }

    @Test void matmulTableMarksDefaultAndBestSortedByTime() {
        List<String> pageErrors = new ArrayList<>();
        try (Page page = runner.browser().newPage()) {
            page.onPageError(pageErrors::add);
            page.navigate(runner.baseUrl() + "workbench.html");
            page.selectOption("#family", "matmul");
            page.fill("#shape", "64x96x80");
            page.fill("#candidates", "0,1,2");
            page.fill("#runs", "3");
            page.click("#run");
            page.waitForFunction("() => /^(done|.*Error|.*Exception)/.test(document.getElementById('status').textContent)",
                    null, new Page.WaitForFunctionOptions().setTimeout(300_000));
            assertTrue(page.textContent("#status").startsWith("done: 3 candidates"), page.textContent("#status"));

            assertEquals(HEADERS, page.locator("#results thead th").allTextContents());
            String summary = page.textContent("#summary");
            assertTrue(summary.contains("A (64,80) @ B (80,96) -> C (64,96)"), summary);
            assertTrue(summary.contains("swiftshader"), summary);
            assertTrue(summary.contains("candidates3 of "), summary);
            Locator rows = page.locator("#results tbody tr");
            assertEquals(3, rows.count());
            double previous = 0;
            int defaults = 0, bests = 0;
            for (int i = 0; i < 3; i++) {
                List<String> cells = rows.nth(i).locator("td").allTextContents();
                assertEquals(HEADERS.size(), cells.size());
                assertEquals(String.valueOf(i + 1), cells.get(0), "rank");
                double compile = Double.parseDouble(cells.get(6));
                double median = Double.parseDouble(cells.get(7));
                double min = Double.parseDouble(cells.get(8));
                assertTrue(compile > 0 && median > 0 && min > 0 && min <= median, cells.toString());
                assertTrue(median >= previous, "sorted by median time: " + cells);
                previous = median;
                assertTrue(Double.parseDouble(cells.get(13)) <= 1, "error within tolerance: " + cells);
                assertEquals("yes", cells.get(14));
                if (cells.get(3).contains("default")) {
                    defaults++;
                    assertEquals("0", cells.get(1), "candidate 0 is the default");
                    assertEquals("1.00x", cells.get(11));
                }
                if (cells.get(3).contains("best")) {
                    bests++;
                    assertEquals(0, i, "the best is the fastest of candidates within tolerance");
                    assertTrue(rows.nth(i).getAttribute("class").contains("best"));
                }
            }
            assertEquals(1, defaults);
            assertEquals(1, bests);

            // Ranked by minimum time instead: re-sorted in place, the best mark on the new first row.
            page.selectOption("#rank-by", "min");
            double previousMin = 0;
            for (int i = 0; i < 3; i++) {
                List<String> cells = rows.nth(i).locator("td").allTextContents();
                double min = Double.parseDouble(cells.get(8));
                assertTrue(min >= previousMin, "sorted by minimum time: " + cells);
                previousMin = min;
                assertEquals(i == 0, cells.get(3).contains("best"), cells.toString());
            }
            assertTrue(page.textContent("#summary").contains("ranked by minimum"));
        }
        assertEquals(List.of(), pageErrors);
    }

    @Test void softmaxAllCandidatesThroughTheApi() {
        JsonObject request = new JsonObject();
        request.addProperty("family", "softmax");
        request.addProperty("shape", "24x200");
        request.addProperty("candidates", "all");
        request.addProperty("runs", 3);
        List<WorkbenchRunner.Progress> progress = new ArrayList<>();
        WorkbenchRunner.Outcome o = runner.run("wasm-gc", request, progress::add);
        assertEquals("wasm-gc", o.engine());
        JsonObject r = o.report();
        assertEquals("softmax over axis 1 of x 24x200: 24 rows of 200", r.get("problem").getAsString());
        assertEquals(r.get("candidateCount").getAsInt(), r.getAsJsonArray("results").size());
        assertTrue(r.getAsJsonArray("results").size() >= 2);
        assertTrue(r.getAsJsonObject("tolerance").get("rtol").getAsDouble() > 0);
        assertFalse(r.get("best").isJsonNull());
        for (JsonElement e : r.getAsJsonArray("results")) {
            JsonObject c = e.getAsJsonObject();
            assertTrue(c.get("ok").getAsBoolean(), c.toString());
            assertTrue(c.get("errRatio").getAsDouble() <= 1, c.toString());
            assertTrue(c.get("medianMs").getAsDouble() > 0 && c.get("compileMs").getAsDouble() > 0, c.toString());
            assertTrue(c.get("gbps").getAsDouble() > 0 && c.get("gflops").isJsonNull(), c.toString());
        }
        assertFalse(progress.isEmpty(), "progress reported while running");
    }

    @Test void commandLineWritesTableAndJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("wb.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"workbench", "--op", "elementwise:mul", "--shape", "16x32,32", "--candidates",
            "0,1", "--runs", "2", "--json", json.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(table.contains("Mul(16x32, 32) -> 16x32"), table);
        assertTrue(table.contains("| GB/s | vs default |"), table);
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("wasm-gc", root.get("engine").getAsString());
        assertEquals(2, root.getAsJsonObject("report").getAsJsonArray("results").size());
        for (JsonElement e : root.getAsJsonObject("report").getAsJsonArray("results")) {
            assertTrue(e.getAsJsonObject().get("ok").getAsBoolean(), e.toString());
            assertEquals(0.0, e.getAsJsonObject().get("maxAbsErr").getAsDouble(), "mul is exact");
        }
    }
}
