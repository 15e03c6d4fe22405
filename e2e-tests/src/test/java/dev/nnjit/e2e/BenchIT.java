package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.nnjit.cli.BenchCommand;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.host.OrtWebInstall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnjit bench} end to end on the tiny BERT fixture: nnjit-wasm and ONNX Runtime Web's wasm EP in one
 * Chromium, two timed runs each. Checks the report's structure and that the two runtimes' outputs agree (with each
 * other and with the fixture's PyTorch outputs) under the project's rule, max |diff| <= 1e-4 * max |reference|;
 * then bench-report.html renders the saved report. Not a timing test: only the relations min <= median <= max and
 * cold > 0 are asserted. Skipped, with a message, when onnxruntime-web is not installed and npm is missing.
 */
class BenchIT {
    static final Path MODEL = Paths.get("models/fixtures/bert/model.onnx");
    static final Path FEEDS = Paths.get("models/fixtures/bert/golden.json");

    @TempDir Path tmp;

    record Outcome(int code, String out, String err, JsonObject report) {}

    static Outcome bench(Path json, String... extra) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(MODEL.toString(), "--inputs", FEEDS.toString(),
                "--runtimes", "nnjit-wasm,ort-wasm", "--runs", "2", "--warmup", "0", "--json", json.toString()));
        args.addAll(List.of(extra));
        int code = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        JsonObject report = Files.isRegularFile(json)
                ? JsonParser.parseString(Files.readString(json)).getAsJsonObject() : null;
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), report);
    }

    static void assumeOrtInstallable() {
        boolean installed = OrtWebInstall.installedVersion(OrtWebInstall.benchDir()) != null;
        boolean npm;
        try {
            npm = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            npm = false;
        }
        Assumptions.assumeTrue(installed || npm, "skipped: onnxruntime-web is not installed in "
                + OrtWebInstall.benchDir() + " and npm is missing (apt-get install -y npm, then npm ci --prefix bench)");
    }

    /** bench-report.html?json=URL shows the report: one table row per runtime and one bar per timed runtime. */
    static void assertReportPageRenders(String reportJson) {
        try (BrowserRunner runner = BrowserRunner.start(null); Page page = runner.browser().newPage()) {
            page.route(runner.baseUrl() + "report.json", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("application/json").setBody(reportJson)));
            page.navigate(runner.baseUrl() + "bench-report.html?json=report.json");
            page.waitForFunction("() => window.nnjitReportRendered === true");
            assertEquals(3, page.locator(".bench-table tr").count(), "header + 2 runtimes");
            assertEquals(List.of("nnjit-wasm", "ort-wasm"),
                    page.locator(".bench-table tr td:first-child").allTextContents());
            assertEquals(2, page.locator("svg").count(), "warm and cold charts");
            assertEquals(4, page.locator("svg rect").count(), "one bar per runtime per chart");
        }
    }

    @Test void benchReportsBothRuntimesAndTheyAgree() throws IOException {
        assumeOrtInstallable();
        Path json = tmp.resolve("bench.json");
        Outcome o = bench(json);
        assertEquals(0, o.code, "exit code; stderr:\n" + o.err + "\nstdout:\n" + o.out);
        JsonObject r = o.report;

        assertEquals(MODEL.toString(), r.get("model").getAsString());
        JsonObject device = r.getAsJsonObject("device");
        for (String k : List.of("vendor", "architecture", "description", "hardwareConcurrency")) {
            assertTrue(device.has(k), "device." + k + " in " + device);
        }
        assertTrue(device.get("hardwareConcurrency").getAsInt() >= 1);
        assertTrue(device.get("crossOriginIsolated").getAsBoolean(), "the page must be cross-origin isolated");

        JsonObject runtimes = r.getAsJsonObject("runtimes");
        assertEquals(List.of("nnjit-wasm", "ort-wasm"), List.copyOf(runtimes.keySet()));
        for (String name : runtimes.keySet()) {
            JsonObject t = runtimes.getAsJsonObject(name);
            assertTrue(!t.has("unavailable"), name + " unavailable: " + t.get("unavailable"));
            double cold = t.get("coldMs").getAsDouble();
            double median = t.get("medianMs").getAsDouble();
            double min = t.get("minMs").getAsDouble();
            double max = t.get("maxMs").getAsDouble();
            assertEquals(2, t.get("runs").getAsInt(), name);
            assertEquals(2, t.getAsJsonArray("timesMs").size(), name);
            assertTrue(cold > 0 && min > 0 && min <= median && median <= max, name + ": " + t);
        }
        assertTrue(runtimes.getAsJsonObject("ort-wasm").get("config").getAsString().contains("1.30.0"));

        JsonObject ratios = r.getAsJsonObject("ratios");
        assertEquals("nnjit-wasm", ratios.get("baseline").getAsString());
        assertEquals(1.0, ratios.getAsJsonObject("median").get("nnjit-wasm").getAsDouble(), 0);
        double expectedRatio = runtimes.getAsJsonObject("ort-wasm").get("medianMs").getAsDouble()
                / runtimes.getAsJsonObject("nnjit-wasm").get("medianMs").getAsDouble();
        assertEquals(expectedRatio, ratios.getAsJsonObject("median").get("ort-wasm").getAsDouble(), 1e-9);

        // Cross-check: ORT against nnjit, and both against the fixture's PyTorch outputs in golden.json.
        JsonObject ortCheck = runtimes.getAsJsonObject("ort-wasm").getAsJsonObject("check");
        assertEquals("nnjit-wasm", ortCheck.get("against").getAsString());
        assertTrue(ortCheck.get("ok").getAsBoolean(), "ort-wasm vs nnjit-wasm: " + ortCheck);
        JsonObject perOutput = ortCheck.getAsJsonObject("outputs");
        assertEquals(List.of("last_hidden_state", "pooler_output"), List.copyOf(perOutput.keySet()));
        for (String out : perOutput.keySet()) {
            JsonObject d = perOutput.getAsJsonObject(out);
            assertTrue(d.get("maxAbsRef").getAsDouble() > 0.1, "a real output, not zeros: " + d);
            assertTrue(d.get("maxAbsDiff").getAsDouble() <= 1e-4 * d.get("maxAbsRef").getAsDouble(), out + ": " + d);
        }
        for (String name : runtimes.keySet()) {
            JsonObject cc = r.getAsJsonObject("crossCheck").getAsJsonObject(name);
            assertTrue(cc.get("ok").getAsBoolean(), name + ": " + cc);
            assertTrue(cc.get("expectedOk").getAsBoolean(), name + " vs golden.json: " + cc);
        }
        assertTrue(o.out.contains("ort-wasm") && o.out.contains("median"), "table printed:\n" + o.out);
        assertReportPageRenders(Files.readString(json));

        // The check is not vacuous: with tolerance 0 any nonzero difference must fail the command.
        double rel = r.getAsJsonObject("crossCheck").getAsJsonObject("ort-wasm").get("maxRelDiff").getAsDouble();
        if (rel > 0) {
            Outcome strict = bench(tmp.resolve("strict.json"), "--runs", "1", "--tolerance", "0");
            assertEquals(1, strict.code, "a disagreement must fail the bench; stderr:\n" + strict.err);
            assertTrue(strict.err.contains("outputs do not agree"), strict.err);
            assertTrue(strict.out.contains("DISAGREE"), strict.out);
        }
    }
}
