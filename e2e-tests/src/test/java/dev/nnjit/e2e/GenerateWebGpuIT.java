package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.api.Session;
import dev.nnjit.cli.Main;
import dev.nnjit.generate.GenerationConfig;
import dev.nnjit.generate.LengthBuckets;
import dev.nnjit.generate.ModelConfig;
import dev.nnjit.generate.SessionGenerator;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.model.jvm.ModelFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Generation on WebGPU in headless Chromium (SwiftShader): greedy ids equal the JVM cpu backend's and ONNX Runtime's
 * (models/generate/reference.json) on the GPT-2, Llama, T5 and BART fixtures, with the sequence run in length
 * buckets after the per-model padding check; a 64-token generation compiles a handful of shapes; the command line's
 * {@code --backend webgpu} path gives the same ids.
 */
class GenerateWebGpuIT {
    private static final Path REFERENCE = Path.of("models", "generate", "reference.json");
    private static BrowserRunner runner;

    @BeforeAll static void start() { runner = BrowserRunner.start(null); }

    @AfterAll static void stop() { if (runner != null) runner.close(); }

    @TestFactory
    List<DynamicTest> greedyIdsOnWebGpuEqualCpuAndOnnxRuntime() throws Exception {
        JsonArray cases = JsonParser.parseString(Files.readString(REFERENCE)).getAsJsonObject().getAsJsonArray("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            tests.add(DynamicTest.dynamicTest(c.get("fixture").getAsString() + " penalty "
                    + c.get("repetitionPenalty").getAsDouble(), () -> check(c)));
        }
        assertEquals(8, tests.size());
        return tests;
    }

    private static void check(JsonObject c) {
        String fixture = c.get("fixture").getAsString();
        Path model = Path.of("models", "fixtures", fixture, "model.onnx");
        JsonObject request = new JsonObject();
        request.add("inputIds", c.get("prompt"));
        request.add("maxNewTokens", c.get("maxNewTokens"));
        request.add("repetitionPenalty", c.get("repetitionPenalty"));
        if (c.has("decoderStart")) request.add("decoderStartTokenId", c.get("decoderStart"));
        JsonObject r = runner.generate(model, "webgpu", request);
        long[] expected = longs(c.getAsJsonArray("ids"));
        assertArrayEquals(expected, longs(r.getAsJsonArray("ids")), fixture + " on webgpu vs ONNX Runtime: " + r);
        assertArrayEquals(expected, longs(r.getAsJsonArray("streamed")), "the callback saw every id, in order");
        assertArrayEquals(expected, cpuIds(model, c), fixture + " on the JVM cpu backend");
        assertEquals("max_new_tokens", r.get("stopReason").getAsString());
        assertTrue(r.get("lengths").getAsString().endsWith("(padding checked)"), r.get("lengths").getAsString());
        assertTrue(r.get("prefillMs").getAsDouble() > 0 && r.get("tokensPerSecond").getAsDouble() > 0, r.toString());
    }

    private static long[] cpuIds(Path model, JsonObject c) {
        GenerationConfig config = GenerationConfig.DEFAULTS.withMaxNewTokens(c.get("maxNewTokens").getAsInt())
                .withRepetitionPenalty(c.get("repetitionPenalty").getAsFloat());
        if (c.has("decoderStart")) config = config.withDecoderStartTokenId(c.get("decoderStart").getAsLong());
        return SessionGenerator.generate(Session.create(ModelFiles.load(model)), ModelConfig.UNKNOWN,
                longs(c.getAsJsonArray("prompt")), config, LengthBuckets.EXACT, null, null).ids();
    }

    /** Lengths 6..69 run in buckets 16, 32, 64, 128 (context 128 from config.json), plus the exact-length check. */
    @Test
    void sixtyFourTokensCompileAHandfulOfShapes() throws Exception {
        JsonObject meta = JsonParser.parseString(Files.readString(Path.of("models/fixtures/llama/meta.json")))
                .getAsJsonObject();
        JsonObject request = new JsonObject();
        request.add("inputIds", JsonParser.parseString("[1, 17, 42, 99, 123, 7]"));
        request.addProperty("maxNewTokens", 64);
        request.addProperty("config", meta.getAsJsonObject("config").toString());
        request.add("eosTokenId", new JsonArray());  // llama's config names EOS 2: count all 64 tokens regardless
        JsonObject r = runner.generate(Path.of("models/fixtures/llama/model.onnx"), "webgpu-js", request);
        assertEquals(64, r.getAsJsonArray("ids").size(), r.toString());
        int shapes = r.get("compiledShapes").getAsInt();
        assertTrue(shapes >= 1 && shapes <= 5, "compiled shapes " + shapes + ": " + r);
        System.out.println("[generate] llama 64 tokens on webgpu-js: " + r.get("compiledShapes") + " compiled shapes, "
                + "prefill " + r.get("prefillMs") + " ms, " + r.get("decodeMsPerToken") + " ms/token, lengths "
                + r.get("lengths"));
    }

    @Test
    void commandLineGeneratesOnWebGpu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"generate", "models/fixtures/gpt2", "--input-ids", "0,17,42,99,123,7",
                "--max-new-tokens", "12", "--backend", "webgpu", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                System.getenv());
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8));
        JsonObject doc = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertArrayEquals(new long[] {421, 421, 421, 421, 404, 404, 404, 404, 404, 404, 404, 404},
                longs(doc.getAsJsonArray("ids")), "reference.json's gpt2 ids");
        assertTrue(doc.get("compiledShapes").getAsInt() <= 3, doc.toString());
    }

    private static long[] longs(JsonArray a) {
        long[] r = new long[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsLong();
        return r;
    }
}
