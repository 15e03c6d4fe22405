package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.host.BrowserRunner;
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
 * Generation with a KV cache in headless Chromium: the hand-built decoder-only model of models/kv, as a with-past
 * export and as a merged one (an If on use_cache_branch), on WebGPU (Wasm GC and JS builds, SwiftShader) and on
 * wasm-simd; greedy ids equal ONNX Runtime's (models/kv/reference.json), with the static cache's padding checked.
 * A 64-token generation compiles a handful of shapes and its per-token times are printed (a table, not a timing
 * assertion).
 */
class GenerateKvCacheIT {
    private static final Path KV = Path.of("models", "kv");
    private static BrowserRunner runner;

    @BeforeAll static void start() { runner = BrowserRunner.start(null); }

    @AfterAll static void stop() { if (runner != null) runner.close(); }

    @TestFactory
    List<DynamicTest> decoderOnlyGreedyIdsEqualOnnxRuntime() throws Exception {
        JsonArray cases = JsonParser.parseString(Files.readString(KV.resolve("reference.json"))).getAsJsonObject()
                .getAsJsonArray("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            if (!c.get("model").getAsString().equals("decoder-only")) continue;
            for (String file : List.of("model-kv.onnx", "model-kv-merged.onnx")) {
                for (String backend : List.of("webgpu", "webgpu-js", "wasm-simd")) {
                    tests.add(DynamicTest.dynamicTest(file + " on " + backend + " prompt " + c.get("prompt"),
                            () -> check(c, KV.resolve("decoder-only").resolve(file), backend)));
                }
            }
        }
        assertEquals(12, tests.size());
        return tests;
    }

    /**
     * The PyTorch KV exports of the generative fixtures (models/fixtures/NAME/generate-kv.json, made by
     * make_fixtures.py --kv): greedy ids equal PyTorch's own cache loop, every id, on every page backend; decoder-only
     * as with-past and merged graphs, encoder-decoders as split and merged decoders (the encoder once).
     */
    @TestFactory
    List<DynamicTest> fixturesGreedyIdsEqualPyTorch() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("gpt2", "llama", "t5", "bart")) {
            Path dir = Path.of("models", "fixtures", name);
            JsonObject c = batch1(dir.resolve("generate-kv.json"));
            boolean seq2seq = c.has("decoder_start_token_id");
            List<String> variants = seq2seq ? List.of("split", "merged") : List.of("model-kv.onnx", "model-kv-merged.onnx");
            for (String variant : variants) {
                for (String backend : List.of("webgpu", "webgpu-js", "wasm-simd")) {
                    tests.add(DynamicTest.dynamicTest(name + " " + variant + " on " + backend,
                            () -> checkFixture(dir, c, variant, backend)));
                }
            }
        }
        assertEquals(24, tests.size());
        return tests;
    }

    private static void checkFixture(Path dir, JsonObject c, String variant, String backend) {
        JsonObject request = new JsonObject();
        request.add("inputIds", c.getAsJsonArray("input_ids").get(0));
        JsonArray expected = c.getAsJsonObject("ids").getAsJsonArray("pytorch_kv_loop").get(0).getAsJsonArray();
        request.addProperty("maxNewTokens", expected.size());
        request.addProperty("lengths", "buckets");
        JsonObject r;
        if (c.has("decoder_start_token_id")) {
            request.add("decoderStartTokenId", c.get("decoder_start_token_id"));
            boolean merged = variant.equals("merged");
            r = runner.generate(dir.resolve("encoder_model.onnx"),
                    dir.resolve(merged ? "decoder_model_merged.onnx" : "decoder_model.onnx"),
                    merged ? null : dir.resolve("decoder_with_past_model.onnx"), backend, request);
        } else {
            r = runner.generate(dir.resolve(variant), backend, request);
        }
        assertArrayEquals(longs(expected), longs(r.getAsJsonArray("ids")),
                dir.getFileName() + " " + variant + " on " + backend + " vs PyTorch: " + r);
        assertEquals("max_new_tokens", r.get("stopReason").getAsString());
        assertTrue(r.get("lengths").getAsString().startsWith("KV cache"), r.toString());
    }

    /** The batch-1 case of a generate-kv.json (the generation API takes one prompt). */
    private static JsonObject batch1(Path file) throws Exception {
        JsonObject doc = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("case").getAsString().equals("batch1")) {
                // an eager-wrapper diagnostic that could not run is not a disagreement (see kv_fixtures.py)
                boolean onlyDiagnostics = true;
                for (JsonElement m : c.getAsJsonArray("mismatches")) {
                    String text = m.getAsString();
                    onlyDiagnostics &= text.contains(": wrappers_eager_") && text.contains(" failed: ");
                }
                boolean agree = c.get("all_equal").getAsBoolean() || onlyDiagnostics;
                assertTrue(agree, file + ": the script's methods disagree: " + c.get("mismatches"));
                return c;
            }
        }
        throw new AssertionError(file + " has no batch1 case");
    }

    private static void check(JsonObject c, Path model, String backend) {
        JsonObject request = new JsonObject();
        request.add("inputIds", c.get("prompt"));
        request.add("maxNewTokens", c.get("maxNewTokens"));
        request.addProperty("lengths", "buckets");
        JsonObject r = runner.generate(model, backend, request);
        assertArrayEquals(longs(c.getAsJsonArray("ids")), longs(r.getAsJsonArray("ids")),
                model.getFileName() + " on " + backend + " vs ONNX Runtime: " + r);
        assertEquals("max_new_tokens", r.get("stopReason").getAsString());
        String lengths = r.get("lengths").getAsString();
        assertTrue(lengths.startsWith("KV cache") && lengths.contains("(padding checked"), lengths);
        // on WebGPU the cache stays in GPU memory once the checks are done; the CPU backends keep it on the host
        assertEquals(backend.startsWith("webgpu"), lengths.endsWith("; cache kept in GPU memory"), lengths);
    }

    /**
     * 6 + 64 positions: a padded prefill, pasts 16, 32, 64 and 128 wide (context 128 from config.json), plus the two
     * exact checking runs: at most 8 plans. The per-token times go to the log as a table.
     */
    @Test
    void sixtyFourTokensCompileAHandfulOfShapes() throws Exception {
        JsonObject request = new JsonObject();
        request.add("inputIds", JsonParser.parseString("[1, 17, 42, 5, 60, 7]"));
        request.addProperty("maxNewTokens", 64);
        request.addProperty("config", Files.readString(KV.resolve("decoder-only/config.json")));
        JsonObject r = runner.generate(KV.resolve("decoder-only/model-kv.onnx"), "webgpu", request);
        assertEquals(64, r.getAsJsonArray("ids").size(), r.toString());
        int shapes = r.get("compiledShapes").getAsInt();
        assertTrue(shapes >= 1 && shapes <= 8, "compiled shapes " + shapes + ": " + r);
        JsonArray steps = r.getAsJsonArray("stepMs");
        StringBuilder table = new StringBuilder("[generate-kv] decoder-only 64 tokens on webgpu: " + shapes
                + " compiled shapes, prefill " + r.get("prefillMs") + " ms, lengths " + r.get("lengths")
                + "\n[generate-kv] tokens | median ms per token\n");
        for (int from = 0; from + 16 <= steps.size(); from += 16) {
            double[] ms = new double[16];
            for (int i = 0; i < 16; i++) ms[i] = steps.get(from + i).getAsDouble();
            java.util.Arrays.sort(ms);
            table.append(String.format("[generate-kv] %d-%d | %.2f%n", from + 1, from + 16, (ms[7] + ms[8]) / 2));
        }
        System.out.print(table);
    }

    private static long[] longs(JsonArray a) {
        long[] r = new long[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsLong();
        return r;
    }
}
