package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.nnjit.host.BrowserRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nnjit.pipeline("feature-extraction")} on the real all-MiniLM-L6-v2, laid out like a Hugging Face repository
 * (see {@link PipelineFixture}): sentence embeddings (mean pooling, normalized) within {@value #TOLERANCE} of ONNX
 * Runtime Web's, in one padded batch and one text at a time, in Node (JavaScript build, cpu) and in Chromium (webgpu
 * and wasm, each driven by the Wasm GC and by the JavaScript build); truncation to tokenizer_config.json's maximum;
 * folders whose weights are in external data; and the Cache API: a second page load downloads no model file (304s),
 * a changed file is downloaded again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
    static final double TOLERANCE = 1e-4;
    private static final String PAGE_SCRIPT = """
            async ({base, texts, device, engine}) => {
              const nnjit = await import("/nnjit.js");
              nnjit.env.engine = engine;
              const events = [];
              const extractor = await nnjit.pipeline("feature-extraction", base, {device, tuning: false,
                progress_callback: (e) => events.push({status: e.status, file: e.file, cached: e.cached})});
              const batched = await extractor(texts, {pooling: "mean", normalize: true});
              const length = extractor.lastTimings.length;
              const single = [];
              for (const t of texts) single.push((await extractor(t, {pooling: "mean", normalize: true})).tolist()[0]);
              const result = {executionProvider: extractor.executionProvider, engine: extractor.engine, events,
                dims: batched.dims, length, batched: batched.tolist(), single};
              await extractor.dispose();
              return JSON.stringify(result);
            }""";

    private Path model;
    private double[][] ort;
    private BrowserRunner runner;

    @BeforeAll void prepare() {
        String missing = PipelineFixture.nodeMissing();
        if (missing != null) System.out.println("PipelineIT SKIPPED: " + missing);
        assumeTrue(missing == null, missing);
        model = PipelineFixture.testModel();
        ort = PipelineFixture.ortEmbeddings(model);
        runner = BrowserRunner.start(null);
    }

    @AfterAll void stop() {
        if (runner != null) runner.close();
    }

    @Test
    void nodeEmbeddingsMatchOnnxRuntime() {
        Path nnjitJs = Paths.get(System.getProperty("nnjit.webapp", "target/webapp"), "nnjit.js").toAbsolutePath();
        JsonObject r = PipelineFixture.node(PipelineFixture.SCRIPTS.resolve("node-embeddings.mjs").toString(),
                nnjitJs.toString(), model.toString(), model.resolve("texts.json").toString()).getAsJsonObject();
        assertEquals("cpu", r.get("executionProvider").getAsString());
        assertEquals("js", r.get("engine").getAsString());
        assertEquals("[5,384]", r.get("dims").toString());
        assertEquals(PipelineFixture.TEST_MAX_LENGTH, r.getAsJsonObject("batchShape").get("length").getAsInt(),
                "the long text is truncated to tokenizer_config.json's model_max_length");
        double batched = PipelineFixture.assertClose(ort, PipelineFixture.matrix(r.getAsJsonArray("batched")), TOLERANCE,
                "node batched");
        double single = PipelineFixture.assertClose(ort, PipelineFixture.matrix(r.getAsJsonArray("single")), TOLERANCE,
                "node one by one");
        System.out.printf("PipelineIT node (js, cpu): max |nnjit - ORT| batched %.2e, one by one %.2e%n", batched, single);
        assertEquals("[1,384]", r.get("clsDims").toString());
        assertEquals("[1,16,384]", r.get("noneDims").toString());
        List<String> statuses = new ArrayList<>();
        r.getAsJsonArray("statuses").forEach(s -> statuses.add(s.getAsString()));
        assertEquals(List.of("compile", "ready"), statuses.subList(statuses.size() - 2, statuses.size()), statuses.toString());
        assertTrue(statuses.containsAll(List.of("initiate", "download", "done")), statuses.toString());
        JsonObject errors = r.getAsJsonObject("errors");
        assertEquals("unknown pipeline task 'summarization' (nnjit has feature-extraction, embeddings, text-generation,"
                + " text2text-generation)",
                errors.get("unknownTask").getAsString());
        assertTrue(errors.get("tooLarge").getAsString().startsWith("http://127.0.0.1:9/big.onnx is 3.00 GB, more than"
                + " nnjit can load into the page"), errors.get("tooLarge").getAsString());
    }

    /** device/engine build: both providers on both builds of the engine. */
    @ParameterizedTest
    @ValueSource(strings = {"webgpu/wasm-gc", "wasm/wasm-gc", "webgpu/js", "wasm/js"})
    void browserEmbeddingsMatchOnnxRuntime(String deviceAndEngine) {
        String device = deviceAndEngine.split("/")[0];
        String engine = deviceAndEngine.split("/")[1];
        String base = modelBase();
        try (BrowserContext context = runner.browser().newContext(); Page page = context.newPage()) {
            JsonObject r = runPipeline(page, base, device, engine);
            assertEquals(device, r.get("executionProvider").getAsString());
            assertEquals(engine, r.get("engine").getAsString());
            assertEquals("[5,384]", r.get("dims").toString());
            assertEquals(PipelineFixture.TEST_MAX_LENGTH, r.get("length").getAsInt());
            double batched = PipelineFixture.assertClose(ort, PipelineFixture.matrix(r.getAsJsonArray("batched")),
                    TOLERANCE, device + " batched");
            double single = PipelineFixture.assertClose(ort, PipelineFixture.matrix(r.getAsJsonArray("single")),
                    TOLERANCE, device + " one by one");
            System.out.printf("PipelineIT chromium (%s, %s): max |nnjit - ORT| batched %.2e, one by one %.2e%n",
                    engine, device, batched, single);
        }
    }

    /**
     * The Cache API copies (fetch-file.js): a second page load downloads no body (every model file request is a
     * conditional one answered 304, every file comes from the cache); with revalidate: false it makes no request at
     * all, and keeps using a cached file the server has since changed; by default a changed file (here
     * tokenizer_config.json's model_max_length, 128 -> 64) is downloaded again and used, the others stay cached.
     */
    @Test
    void cachedFilesAreRevalidatedAndAChangedFileIsDownloadedAgain() throws IOException {
        Path folder = PipelineFixture.testModel("minilm-cache");
        String base = folderUrl(folder);
        try (BrowserContext context = runner.browser().newContext()) {
            List<String> responses = new ArrayList<>();
            context.onResponse(r -> {
                if (r.url().startsWith(base)) responses.add(r.url().substring(base.length()) + " " + r.status());
            });
            JsonObject first = loadForCache(context, base, true);
            assertTrue(responses.contains("onnx/model.onnx 200"), responses.toString());
            assertTrue(doneEvents(first).contains("onnx/model.onnx:false"), first.toString());
            assertEquals(PipelineFixture.TEST_MAX_LENGTH, first.get("length").getAsInt());

            responses.clear();
            JsonObject second = loadForCache(context, base, true);
            assertEquals(List.of(), responses.stream().filter(r -> !r.endsWith(" 304")).toList(),
                    "second page load: responses other than 304 Not Modified (all: " + responses + ")");
            assertTrue(responses.contains("onnx/model.onnx 304"), responses.toString());
            assertTrue(doneEvents(second).stream().allMatch(d -> d.endsWith(":true")), second.toString());

            Path config = folder.resolve("tokenizer_config.json");
            Files.writeString(config, Files.readString(config).replace("\"model_max_length\": "
                    + PipelineFixture.TEST_MAX_LENGTH, "\"model_max_length\": 64"));
            responses.clear();
            JsonObject offline = loadForCache(context, base, false);
            assertEquals(List.of(), responses, "revalidate: false makes no request");
            assertEquals(PipelineFixture.TEST_MAX_LENGTH, offline.get("length").getAsInt(), "the cached copy, as asked");

            responses.clear();
            JsonObject changed = loadForCache(context, base, true);
            assertTrue(responses.contains("tokenizer_config.json 200"), responses.toString());
            assertTrue(responses.contains("onnx/model.onnx 304"), responses.toString());
            assertTrue(doneEvents(changed).contains("tokenizer_config.json:false"), changed.toString());
            assertTrue(doneEvents(changed).contains("onnx/model.onnx:true"), changed.toString());
            assertEquals(64, changed.get("length").getAsInt(), "the changed tokenizer_config.json is used");
        }
    }

    /** A fresh page of the context loads the pipeline (wasm) and embeds the long text; {events, length}. */
    private JsonObject loadForCache(BrowserContext context, String base, boolean revalidate) {
        try (Page page = context.newPage()) {
            page.navigate(runner.urlOf(PipelineFixture.SCRIPTS.resolve("blank.html")));
            Object json = page.evaluate("""
                    async ({base, revalidate, text}) => {
                      const nnjit = await import("/nnjit.js");
                      const events = [];
                      const extractor = await nnjit.pipeline("feature-extraction", base, {device: "wasm", tuning: false,
                        revalidate, progress_callback: (e) => events.push({status: e.status, file: e.file, cached: e.cached})});
                      await extractor(text, {pooling: "mean", normalize: true});
                      const length = extractor.lastTimings.length;
                      await extractor.dispose();
                      return JSON.stringify({events, length});
                    }""", Map.of("base", base, "revalidate", revalidate, "text", PipelineFixture.TEXTS.get(4)));
            return JsonParser.parseString((String) json).getAsJsonObject();
        }
    }

    /**
     * Model folders whose weights are in external data, as Hugging Face repositories ship big models: onnx/model.onnx
     * + onnx/model.onnx_data declared in config.json (transformers.js's use_external_data_format), and onnx/model.onnx +
     * onnx/model.onnx.data (torch's name) that only the model names. Their embeddings equal the single-file folder's
     * (same engine, same weights: within 1e-6) and ONNX Runtime's (within TOLERANCE), and the data file was read.
     */
    @Test
    void externalDataFoldersInNode() throws IOException {
        Path nnjitJs = Paths.get(System.getProperty("nnjit.webapp", "target/webapp"), "nnjit.js").toAbsolutePath();
        List<String> args = new ArrayList<>(List.of(PipelineFixture.SCRIPTS.resolve("external-data.mjs").toString(),
                nnjitJs.toString(), shortTextsFile().toString(), "cpu"));
        externalDataFolders().forEach(f -> args.add(f.toString()));
        assertExternalDataEmbeddings("node (js, cpu)",
                PipelineFixture.node(args.toArray(String[]::new)).getAsJsonArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm/wasm-gc", "webgpu/js"})
    void externalDataFoldersInTheBrowser(String deviceAndEngine) {
        String device = deviceAndEngine.split("/")[0];
        String engine = deviceAndEngine.split("/")[1];
        Map<String, Object> args = new HashMap<>();
        args.put("script", runner.urlOf(PipelineFixture.SCRIPTS.resolve("external-data.mjs")));
        args.put("folders", externalDataFolders().stream().map(this::folderUrl).toList());
        args.put("texts", SHORT_TEXTS);
        args.put("device", device);
        args.put("engine", engine);
        try (BrowserContext context = runner.browser().newContext(); Page page = context.newPage()) {
            page.navigate(runner.urlOf(PipelineFixture.SCRIPTS.resolve("blank.html")));
            Object json = page.evaluate("""
                    async ({script, folders, texts, device, engine}) => {
                      const nnjit = await import("/nnjit.js");
                      nnjit.env.engine = engine;
                      const { embedEach } = await import(script);
                      return JSON.stringify(await embedEach(nnjit, folders, texts, device));
                    }""", args);
            assertExternalDataEmbeddings("chromium (" + engine + ", " + device + ")",
                    JsonParser.parseString((String) json).getAsJsonArray());
        }
    }

    /** The texts of the external data tests: the short ones (a fast batch on every backend). */
    private static final List<String> SHORT_TEXTS = PipelineFixture.TEXTS.subList(0, 4);

    private Path shortTextsFile() throws IOException {
        JsonArray a = new JsonArray();
        SHORT_TEXTS.forEach(a::add);
        return Files.writeString(E2eModels.workDir().resolve("short-texts.json"), a.toString());
    }

    /** The single-file folder, then the two external data layouts (see externalDataFoldersInNode). */
    private List<Path> externalDataFolders() {
        return List.of(model, PipelineFixture.externalDataModel("model.onnx_data", true),
                PipelineFixture.externalDataModel("model.onnx.data", false));
    }

    private void assertExternalDataEmbeddings(String where, JsonArray results) {
        assertEquals(3, results.size(), results.toString());
        double[][] single = PipelineFixture.matrix(results.get(0).getAsJsonObject().getAsJsonArray("embeddings"));
        double[][] ortRows = java.util.Arrays.copyOf(ort, SHORT_TEXTS.size());
        PipelineFixture.assertClose(ortRows, single, TOLERANCE, where + " single file");
        for (int i = 1; i < 3; i++) {
            JsonObject r = results.get(i).getAsJsonObject();
            String dataFile = i == 1 ? "onnx/model.onnx_data" : "onnx/model.onnx.data";
            assertTrue(r.getAsJsonArray("files").toString().contains("\"" + dataFile + "\""),
                    where + ": " + dataFile + " read: " + r);
            double[][] embeddings = PipelineFixture.matrix(r.getAsJsonArray("embeddings"));
            double fromSingle = PipelineFixture.assertClose(single, embeddings, 1e-6, where + " " + dataFile
                    + " against the single-file model");
            double fromOrt = PipelineFixture.assertClose(ortRows, embeddings, TOLERANCE, where + " " + dataFile);
            System.out.printf("PipelineIT %s, %s: max |external - single file| %.2e, max |nnjit - ORT| %.2e%n",
                    where, dataFile, fromSingle, fromOrt);
        }
    }

    /** The folder's URL on the runner's server (its mount of the test model folder). */
    private String modelBase() {
        return folderUrl(model);
    }

    private String folderUrl(Path folder) {
        return runner.urlOf(folder.resolve("config.json")).replaceFirst("config\\.json$", "");
    }

    private JsonObject runPipeline(Page page, String base, String device, String engine) {
        page.navigate(runner.urlOf(PipelineFixture.SCRIPTS.resolve("blank.html")));
        JsonObject args = new JsonObject();
        args.addProperty("base", base);
        args.add("texts", JsonParser.parseString(PipelineFixture.textsJson()));
        args.addProperty("device", device);
        args.addProperty("engine", engine);
        Object json = page.evaluate(PAGE_SCRIPT, new com.google.gson.Gson().fromJson(args, java.util.Map.class));
        return JsonParser.parseString((String) json).getAsJsonObject();
    }

    /** "file:cached" of every done event. */
    private static List<String> doneEvents(JsonObject r) {
        List<String> done = new ArrayList<>();
        JsonArray events = r.getAsJsonArray("events");
        events.forEach(e -> {
            JsonObject o = e.getAsJsonObject();
            if (o.get("status").getAsString().equals("done")) {
                done.add(o.get("file").getAsString() + ":" + o.get("cached").getAsBoolean());
            }
        });
        return done;
    }
}
