package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import dev.nnjit.api.ReadmeExamples;
import dev.nnjit.api.Session;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.host.WebServer;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tools.NpmPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * README.md's JavaScript examples, taken from the file as written ({@link ReadmeExamples}) and run the way the README
 * says: in a folder where the npm tarball ({@code mvn package}) is installed and into which {@code models/fixtures/bert}
 * is copied; the two page blocks in headless Chromium from a plain static server, the Node block with node. Each
 * example ends with {@code console.log(provider, dims, data)} of last_hidden_state; the test records that call (in
 * the page through an init script, in Node through {@code --import}, neither changing the example) and checks the
 * provider, dims [1, 4, 32], finite values and agreement with the JVM reference engine on the README's feeds (ids
 * [2, 41, 307, 3], attention all ones, token types zero) within {@value #RELATIVE_TOLERANCE} x max|reference|.
 * Skipped, loudly, where npm or node is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeExamplesIT {
    static final double RELATIVE_TOLERANCE = 1e-4;
    private static final Path FIXTURE = Paths.get("models", "fixtures", "bert").toAbsolutePath();
    private static final long PAGE_TIMEOUT_MS = 120_000;

    /** Page init script: keeps each console.log call's arguments (typed arrays as plain arrays) and the page's errors. */
    private static final String PAGE_RECORDER = """
            window.readmeLogs = []; window.readmeErrors = [];
            const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v, Number) : Array.isArray(v) ? v.map(plain) : v;
            const log = console.log.bind(console);
            console.log = (...args) => { window.readmeLogs.push(args.map(plain)); log(...args); };
            addEventListener("error", (e) => window.readmeErrors.push(String(e.message)));
            addEventListener("unhandledrejection", (e) => window.readmeErrors.push(String(e.reason && e.reason.stack || e.reason)));
            """;
    /** Node preload: each console.log call becomes one line "README-LOG [args as JSON]". */
    private static final String NODE_RECORDER = """
            const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v, Number) : Array.isArray(v) ? v.map(plain) : v;
            console.log = (...args) => process.stdout.write("README-LOG " + JSON.stringify(args.map(plain)) + "\\n");
            """;

    private Path dir;
    private BrowserRunner runner;
    private float[] reference;

    @BeforeAll void installThePackageAndTheFixture() throws IOException, InterruptedException {
        Path npm = NpmPackage.findOnPath("npm");
        if (npm == null || NpmPackage.findOnPath("node") == null) {
            System.out.println("ReadmeExamplesIT SKIPPED: npm or node is not on the PATH (install Node.js 20+ with npm)");
        }
        assumeTrue(npm != null && NpmPackage.findOnPath("node") != null, "npm and node are needed");
        dir = E2eModels.workDir().resolveSibling("readme-examples");
        NpmPackageIT.deleteTree(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"nnjit-readme-examples\", \"private\": true}\n");
        String log = NpmPackageIT.exec(dir, 300, npm.toString(), "install", "--offline", "--no-audit", "--no-fund",
                NpmPackageIT.tarball().toString());
        assertTrue(Files.isRegularFile(dir.resolve("node_modules/nnjit/nnjit.global.js")), log);
        Path fixtureCopy = Files.createDirectories(dir.resolve("models/fixtures/bert"));
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, fixtureCopy.resolve(f.getFileName()));
        }

        Session session = Session.create(ModelFiles.load(FIXTURE.resolve("model.onnx")));
        int[] shape = {1, 4};
        reference = session.run(Map.of(
                "input_ids", Tensor.ofLongs(shape, new long[] {2, 41, 307, 3}),
                "attention_mask", Tensor.ofLongs(shape, new long[] {1, 1, 1, 1}),
                "token_type_ids", Tensor.ofLongs(shape, new long[] {0, 0, 0, 0}))).get("last_hidden_state").floats();
        runner = BrowserRunner.start(null);
    }

    @AfterAll void stop() {
        if (runner != null) runner.close();
    }

    @Test void scriptTagPageRunsAsWritten() {
        JsonArray logged = runPage("readme-script-tag.html", ReadmeExamples.block(ReadmeExamples.SCRIPT_TAG_PAGE));
        assertRunOfTheFixture("script-tag page", logged, Set.of("webgpu", "wasm"));
    }

    @Test void esModulePageRunsAsWritten() {
        JsonArray logged = runPage("readme-module.html", ReadmeExamples.block(ReadmeExamples.ES_MODULE_PAGE));
        assertRunOfTheFixture("ES module page", logged, Set.of("webgpu", "wasm"));
    }

    /** Node has no WebGPU: the default (auto) keeps wasm. */
    @Test void nodeExampleRunsAsWritten() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("readme-node.mjs"), ReadmeExamples.block(ReadmeExamples.NODE));
        Files.writeString(dir.resolve("readme-recorder.mjs"), NODE_RECORDER);
        String out = NpmPackageIT.exec(dir, 120, NpmPackage.findOnPath("node").toString(),
                "--import", "./readme-recorder.mjs", "readme-node.mjs");
        List<String> calls = out.lines().filter(l -> l.startsWith("README-LOG ")).toList();
        assertEquals(1, calls.size(), "one console.log call in the Node example:\n" + out);
        JsonArray logged = JsonParser.parseString(calls.get(0).substring("README-LOG ".length())).getAsJsonArray();
        assertRunOfTheFixture("Node", logged, Set.of("wasm"));
    }

    // ---- helpers ----

    /** Serves the block as a page of the install folder; returns the arguments of its console.log(provider, dims, data). */
    private JsonArray runPage(String name, String block) {
        try {
            Files.writeString(dir.resolve(name), "<!doctype html>\n<html><head><meta charset=\"utf-8\"></head><body>\n"
                    + block + "</body></html>\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> pageErrors = new ArrayList<>();
        try (WebServer server = WebServer.start(dir, false); Page p = runner.browser().newPage()) {
            p.onPageError(pageErrors::add);
            p.addInitScript(PAGE_RECORDER);
            p.navigate(server.baseUrl() + name);
            p.waitForFunction("() => window.readmeErrors.length > 0 || window.readmeLogs.some(a => a.length === 3)",
                    null, new Page.WaitForFunctionOptions().setTimeout(PAGE_TIMEOUT_MS));
            JsonArray errors = JsonParser.parseString((String) p.evaluate("() => JSON.stringify(window.readmeErrors)"))
                    .getAsJsonArray();
            assertEquals(0, errors.size(), name + " failed: " + errors);
            assertEquals(List.of(), pageErrors, name + " page errors");
            JsonArray calls = JsonParser.parseString((String) p.evaluate(
                    "() => JSON.stringify(window.readmeLogs.filter(a => a.length === 3))")).getAsJsonArray();
            assertEquals(1, calls.size(), name + ": one console.log(provider, dims, data) call: " + calls);
            return calls.get(0).getAsJsonArray();
        }
    }

    /** logged = [provider, dims, data] of last_hidden_state: dims [1, 4, 32], finite, within tolerance of the JVM's. */
    private void assertRunOfTheFixture(String what, JsonArray logged, Set<String> providers) {
        assertEquals(3, logged.size(), what + ": console.log(provider, dims, data), got " + logged);
        String provider = logged.get(0).getAsString();
        assertTrue(providers.contains(provider), what + ": execution provider " + provider + ", expected one of " + providers);
        assertEquals("[1,4,32]", logged.get(1).toString(), what + " dims");
        JsonArray data = logged.get(2).getAsJsonArray();
        assertEquals(reference.length, data.size(), what + " data length");
        double maxAbs = 0, worst = 0;
        for (float v : reference) maxAbs = Math.max(maxAbs, Math.abs(v));
        int i = 0;
        for (JsonElement e : data) {
            assertTrue(!e.isJsonNull(), what + ": value " + i + " is not a number (NaN or infinite)");
            double v = e.getAsDouble();
            assertTrue(Double.isFinite(v), what + ": value " + i + " is " + v);
            worst = Math.max(worst, Math.abs(v - reference[i++]));
        }
        System.out.printf("README %s example on %s: max |error| %.3g, max |reference| %.3g%n", what, provider, worst, maxAbs);
        assertTrue(maxAbs > 0, "the reference output is all zeros");
        assertTrue(worst <= RELATIVE_TOLERANCE * maxAbs, what + ": max |error| " + worst + " exceeds "
                + RELATIVE_TOLERANCE + " x max|reference| " + maxAbs);
    }
}
