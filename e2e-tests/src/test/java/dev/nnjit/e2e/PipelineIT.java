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
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
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
 * and wasm, each driven by the Wasm GC and by the JavaScript build); truncation to tokenizer_config.json's maximum; and the Cache API: a second page
 * load fetches no model file from the network.
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

    @Test
    void aSecondPageLoadFetchesNoModelFile() {
        String base = modelBase();
        try (BrowserContext context = runner.browser().newContext()) {
            List<String> fetched = new ArrayList<>();
            context.onRequest(request -> {
                if (request.url().startsWith(base)) fetched.add(request.url().substring(base.length()));
            });
            try (Page first = context.newPage()) {
                JsonObject r = runPipeline(first, base, "wasm", "wasm-gc");
                assertTrue(fetched.contains("onnx/model.onnx"), fetched.toString());
                assertTrue(doneEvents(r).contains("onnx/model.onnx:false"), r.get("events").toString());
            }
            fetched.clear();
            try (Page second = context.newPage()) {
                JsonObject r = runPipeline(second, base, "wasm", "wasm-gc");
                assertEquals(List.of(), fetched, "model files fetched from the network on the second page load");
                assertTrue(doneEvents(r).contains("onnx/model.onnx:true"), r.get("events").toString());
            }
        }
    }

    /** The folder's URL on the runner's server (its mount of the test model folder). */
    private String modelBase() {
        return runner.urlOf(model.resolve("config.json")).replaceFirst("config\\.json$", "");
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
