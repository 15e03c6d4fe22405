package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.host.WebServer;
import dev.nnjit.tools.NpmPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The npm package as web developers get it: {@code target/npm/nnjit-VERSION.tgz} (written by {@code mvn package})
 * installed with {@code npm install --offline} into an empty folder, next to the pages of {@code e2e-tests/npm-pages},
 * served by a plain static server (with and without COOP/COEP) to headless Chromium, and imported from Node. Every
 * run is the BERT fixture, compared with its PyTorch golden outputs within {@value #RELATIVE_TOLERANCE} x max|golden|
 * (the bound the engine's fixture tests use). Skipped, loudly, where npm or node is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NpmPackageIT {
    static final double RELATIVE_TOLERANCE = 1e-4;
    private static final Path FIXTURE = Paths.get("models", "fixtures", "bert").toAbsolutePath();
    private static final Path PAGES = Paths.get("e2e-tests", "npm-pages").toAbsolutePath();
    private static final long PAGE_TIMEOUT_MS = 300_000;

    private Path installDir;
    private BrowserRunner runner;
    private JsonObject golden;

    @BeforeAll void installThePackage() throws IOException, InterruptedException {
        Path npm = NpmPackage.findOnPath("npm");
        if (npm == null || NpmPackage.findOnPath("node") == null) {
            System.out.println("NpmPackageIT SKIPPED: npm or node is not on the PATH (install Node.js 20+ with npm)");
        }
        assumeTrue(npm != null && NpmPackage.findOnPath("node") != null, "npm and node are needed");
        Path tarball = tarball();
        installDir = E2eModels.workDir().resolveSibling("npm-install");
        deleteTree(installDir);
        Files.createDirectories(installDir);
        Files.writeString(installDir.resolve("package.json"), "{\"name\": \"nnjit-install-check\", \"private\": true}\n");
        String log = exec(installDir, 300, npm.toString(), "install", "--offline", "--no-audit", "--no-fund",
                tarball.toString());
        assertTrue(Files.isRegularFile(installDir.resolve("node_modules/nnjit/nnjit.global.js")), log);
        try (Stream<Path> pages = Files.list(PAGES)) {
            for (Path p : (Iterable<Path>) pages::iterator) Files.copy(p, installDir.resolve(p.getFileName()));
        }
        golden = JsonParser.parseString(Files.readString(FIXTURE.resolve("golden.json"))).getAsJsonObject();
        runner = BrowserRunner.start(null);
    }

    @AfterAll void stop() {
        if (runner != null) runner.close();
    }

    /** The one tarball mvn package wrote (-Dnnjit.npm.dir, else target/npm). */
    static Path tarball() throws IOException {
        Path dir = Paths.get(System.getProperty("nnjit.npm.dir", "target/npm")).toAbsolutePath();
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().matches("nnjit-.*\\.tgz")).forEach(found::add);
            }
        }
        assertEquals(1, found.size(), "one npm tarball in " + dir + " (run mvn package): " + found);
        return found.get(0);
    }

    @ParameterizedTest(name = "cross-origin isolated: {0}")
    @ValueSource(booleans = {false, true})
    void scriptTagDefinesTheGlobalAndRunsTheFixture(boolean isolated) {
        JsonObject r = openPage("script.html", isolated, "");
        assertEquals(isolated, r.get("crossOriginIsolated").getAsBoolean(), "COOP/COEP in effect");
        assertEquals("wasm", r.get("executionProvider").getAsString());
        assertEquals(List.of("initiate", "download", "progress", "done", "ready"), distinct(r.getAsJsonArray("progress")));
        assertTrue(r.get("version").getAsString().matches("\\d+\\.\\d+\\.\\d+.*"), "version " + r.get("version"));
        assertMatchesGolden("script tag", r);
    }

    @ParameterizedTest(name = "cross-origin isolated: {0}")
    @ValueSource(booleans = {false, true})
    void moduleImportRunsOrtWebUserCodeUnchanged(boolean isolated) {
        JsonObject r = openPage("module.html", isolated, "");
        assertEquals(isolated, r.get("crossOriginIsolated").getAsBoolean(), "COOP/COEP in effect");
        String provider = r.get("executionProvider").getAsString();
        assertTrue(provider.equals("webgpu") || provider.equals("wasm"),
                "the default (auto) has chosen webgpu or wasm by the end of the first run: " + provider);
        assertMatchesGolden("module import", r);
    }

    @Test void moduleWorkerRunsOrtWebUserCode() {
        JsonObject r = openPage("worker.html", false, "");
        assertTrue(r.get("inWorker").getAsBoolean());
        System.out.println("module Worker ran on " + r.get("executionProvider"));
        assertMatchesGolden("module worker", r);
    }

    /** The user code the nnjit pages run is ONNX Runtime Web code: it runs on onnxruntime-web itself too. */
    @Test void theSameUserCodeRunsOnOnnxRuntimeWeb() {
        Path ortDist = Paths.get("bench", "node_modules", "onnxruntime-web", "dist").toAbsolutePath();
        if (!Files.isRegularFile(ortDist.resolve("ort.wasm.min.mjs"))) {
            System.out.println("NpmPackageIT: onnxruntime-web is not installed in bench/node_modules: comparison skipped");
        }
        assumeTrue(Files.isRegularFile(ortDist.resolve("ort.wasm.min.mjs")), "onnxruntime-web installed in bench/");
        try (WebServer server = WebServer.start(installDir, true)) {
            String ort = server.mount("ort", ortDist) + "ort.wasm.min.mjs";
            JsonObject r = openPage(server, "ort-web.html", "&ort=" + ort);
            assertMatchesGolden("onnxruntime-web", r);
        }
    }

    /**
     * The package's pipeline on MiniLM (the folder mvn package lays out), from the script-tag build and from Node;
     * the paraphrase pair's cosine is ONNX Runtime's 0.7645 (PipelineIT checks every value against ONNX Runtime).
     */
    @Test void scriptTagAndNodeRunThePipeline() throws IOException, InterruptedException {
        try (WebServer server = WebServer.start(installDir, false)) {
            String minilm = server.mount("minilm", PipelineFixture.MODEL);
            JsonObject r = openPage(server, "pipeline-script.html", "&minilm=" + minilm);
            assertEquals("[2,384]", r.get("dims").toString());
            assertEquals(0.7645, r.get("cosine").getAsDouble(), 1e-3, "script tag");
        }
        String out = exec(installDir, 600, NpmPackage.findOnPath("node").toString(), "node-pipeline.mjs",
                PipelineFixture.MODEL.toString());
        JsonObject r = JsonParser.parseString(out.strip().substring(out.strip().lastIndexOf('\n') + 1)).getAsJsonObject();
        assertEquals("cpu", r.get("executionProvider").getAsString());
        assertEquals(0.7645, r.get("cosine").getAsDouble(), 1e-3, "node");
    }

    @Test void nodeImportsThePackageAndRunsTheFixtureOnCpu() throws IOException, InterruptedException {
        String out = exec(installDir, 300, NpmPackage.findOnPath("node").toString(), "node-run.mjs", FIXTURE.toString());
        String last = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
        JsonObject r = JsonParser.parseString(last).getAsJsonObject();
        assertEquals("cpu", r.get("executionProvider").getAsString());
        assertEquals(List.of("initiate", "download", "done", "ready"), distinct(r.getAsJsonArray("progress")));
        assertMatchesGolden("node", r);
        for (Map.Entry<String, JsonElement> o : r.getAsJsonObject("outputs").entrySet()) {
            assertEquals("Float32Array", o.getValue().getAsJsonObject().get("array").getAsString(), o.getKey());
        }
        JsonObject errors = r.getAsJsonObject("errors");
        Map<String, String> expected = Map.of(
                "missingInput", "input 'attention_mask' is missing in 'feeds'",
                "unknownInput", "'nope' is not a valid input name (inputs: input_ids, attention_mask, token_type_ids)",
                "wrongType", "input 'input_ids': expected a tensor of type int64, got int32",
                "wrongRank", "input 'input_ids': expected 2 dimensions [batch, sequence], got [24]",
                "unknownOutput", "'nope' is not a valid output name (outputs: last_hidden_state, pooler_output)",
                "badDims", "Tensor's size(6) does not match data length(5).",
                "afterRelease", "this session was released",
                "overriddenDim", "input 'input_ids': dimension 0 must be 3, got 2 (dims [2, 12])");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), errors.get(e.getKey()).getAsString(), e.getKey());
        }
        assertEquals("[3,\"sequence\"]", r.getAsJsonObject("overridden").get("input").toString(),
                "freeDimensionOverrides {batch: 3} in inputMetadata");
        assertEquals("[3,\"sequence\",32]", r.getAsJsonObject("overridden").get("output").toString());
        assertTrue(errors.get("missingFile").getAsString().startsWith("cannot read '"), errors.toString());
        assertTrue(errors.get("missingFile").getAsString().contains("missing.onnx"), errors.toString());
        assertTrue(errors.get("noProvider").getAsString().contains("webgpu: WebGPU is not available here"),
                errors.toString());

        // the default providers (auto) in Node: no WebGPU, so wasm is kept at load, before any run
        JsonObject auto = r.getAsJsonObject("auto");
        assertEquals("wasm", auto.get("executionProvider").getAsString(), auto.toString());
        assertEquals("wasm-simd", auto.get("backend").getAsString(), auto.toString());
        JsonObject choice = auto.getAsJsonObject("backendChoice");
        assertEquals("wasm-simd", choice.get("chosen").getAsString());
        assertEquals("wasm-simd is the only candidate that loaded (webgpu: WebGPU is not available here (no navigator.gpu))",
                choice.get("reason").getAsString());
        assertTrue(auto.get("maxRelativeDiff").getAsDouble() <= WebGpuModelsIT.RELATIVE_TOLERANCE, auto.toString());
    }

    // ---- helpers ----

    private JsonObject openPage(String page, boolean isolated, String query) {
        try (WebServer server = WebServer.start(installDir, isolated)) {
            return openPage(server, page, query);
        }
    }

    /** Opens the page with ?model=the fixture's URL and returns its window.result (failing on its error). */
    private JsonObject openPage(WebServer server, String page, String query) {
        String model = server.mount("fixture", FIXTURE);
        List<String> pageErrors = new ArrayList<>();
        try (Page p = runner.browser().newPage()) {
            p.onPageError(pageErrors::add);
            p.navigate(server.baseUrl() + page + "?model=" + model + query);
            p.waitForFunction("() => window.result !== undefined", null,
                    new Page.WaitForFunctionOptions().setTimeout(PAGE_TIMEOUT_MS));
            JsonObject r = JsonParser.parseString((String) p.evaluate("() => JSON.stringify(window.result)"))
                    .getAsJsonObject();
            assertTrue(!r.has("error"), page + " failed: " + r.get("error"));
            assertEquals(List.of(), pageErrors, page + " page errors");
            return r;
        }
    }

    /** Every golden output present with its dims and type, within RELATIVE_TOLERANCE x max|golden|. */
    private void assertMatchesGolden(String what, JsonObject result) {
        JsonObject outputs = result.getAsJsonObject("outputs");
        assertNotNull(outputs, what + ": no outputs in " + result);
        for (Map.Entry<String, JsonElement> e : golden.getAsJsonObject("outputs").entrySet()) {
            JsonObject g = e.getValue().getAsJsonObject();
            JsonObject o = outputs.getAsJsonObject(e.getKey());
            String name = what + " output '" + e.getKey() + "'";
            assertNotNull(o, name + " missing");
            assertEquals(g.get("dtype").getAsString(), o.get("type").getAsString(), name + " type");
            assertEquals(g.getAsJsonArray("shape"), o.getAsJsonArray("dims"), name + " dims");
            List<Double> expected = new ArrayList<>();
            flatten(g.get("data"), expected);
            JsonArray actual = o.getAsJsonArray("data");
            assertEquals(expected.size(), actual.size(), name + " length");
            double maxAbs = 0, worst = 0;
            for (double v : expected) maxAbs = Math.max(maxAbs, Math.abs(v));
            for (int i = 0; i < expected.size(); i++) {
                worst = Math.max(worst, Math.abs(expected.get(i) - actual.get(i).getAsDouble()));
            }
            System.out.printf("%s: max |error| %.3g, max |golden| %.3g%n", name, worst, maxAbs);
            assertTrue(worst <= RELATIVE_TOLERANCE * maxAbs, name + ": max |error| " + worst + " exceeds "
                    + RELATIVE_TOLERANCE + " x max|golden| " + maxAbs);
        }
    }

    private static void flatten(JsonElement e, List<Double> into) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) flatten(x, into);
        } else {
            into.add(e.getAsDouble());
        }
    }

    private static List<String> distinct(JsonArray statuses) {
        List<String> seen = new ArrayList<>();
        for (JsonElement s : statuses) if (!seen.contains(s.getAsString())) seen.add(s.getAsString());
        return seen;
    }

    /** Runs a command in dir; returns its output (stdout and stderr), failing on a non-zero exit. */
    static String exec(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("nnjit-npm-it", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
