package dev.nnjit.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.api.Session;
import dev.nnjit.json.Json;
import dev.nnjit.json.JsonObject;
import dev.nnjit.model.jvm.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Greedy generation with a KV cache on the CPU backend against native ONNX Runtime: models/kv/reference.json holds the
 * ids onnxruntime-node chose on the hand-built models of models/kv (cache-less, with-past and merged variants, which
 * it checked agree). nnjit runs the with-past and the merged graph, with exact lengths and with the static
 * (bucketed, padded) cache, and must give the same ids, each case exactly maxNewTokens long.
 */
class KvCacheGenerationTest {
    static final Path KV = Path.of("models", "kv");
    private static final Map<String, Session> SESSIONS = new HashMap<>();

    @TestFactory
    List<DynamicTest> decoderOnlyGreedyIdsEqualOnnxRuntime() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonObject c : cases("decoder-only")) {
            for (String file : List.of("model-kv.onnx", "model-kv-merged.onnx")) {
                for (LengthBuckets buckets : List.of(LengthBuckets.EXACT, LengthBuckets.POWERS_OF_TWO)) {
                    String name = file + " " + buckets + " prompt " + c.array("prompt");
                    tests.add(DynamicTest.dynamicTest(name, () -> checkCausal(c, file, buckets)));
                }
            }
        }
        assertEquals(8, tests.size());
        return tests;
    }

    @TestFactory
    List<DynamicTest> encoderDecoderGreedyIdsEqualOnnxRuntime() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonObject c : cases("encoder-decoder")) {
            for (boolean merged : new boolean[] {false, true}) {
                String name = (merged ? "merged decoder" : "decoder + decoder with past") + " prompt " + c.array("prompt");
                tests.add(DynamicTest.dynamicTest(name, () -> checkSeq2Seq(c, merged)));
            }
        }
        assertEquals(4, tests.size());
        return tests;
    }

    private static void checkSeq2Seq(JsonObject c, boolean merged) {
        Path dir = KV.resolve("encoder-decoder");
        Session encoder = SESSIONS.computeIfAbsent("encoder", f -> Session.create(ModelFiles.load(dir.resolve("encoder_model.onnx"))));
        Session first = SESSIONS.computeIfAbsent(merged ? "merged" : "decoder", f -> Session.create(ModelFiles.load(
                dir.resolve(merged ? "decoder_model_merged.onnx" : "decoder_model.onnx"))));
        Session next = merged ? null : SESSIONS.computeIfAbsent("with-past", f -> Session.create(ModelFiles.load(
                dir.resolve("decoder_with_past_model.onnx"))));
        int n = c.integer("maxNewTokens");
        GenerationConfig config = GenerationConfig.DEFAULTS.withMaxNewTokens(n)
                .withDecoderStartTokenId((long) c.integer("decoderStart"));
        GenerationResult r = Generator.generate(new KvCacheSeq2SeqModel(encoder, first, next, ModelConfig.UNKNOWN,
                LengthBuckets.POWERS_OF_TWO), longs(c.array("prompt")), config, null, null);
        assertArrayEquals(longs(c.array("ids")), r.ids(), "nnjit's greedy ids differ from ONNX Runtime's");
        assertEquals(StopReason.MAX_NEW_TOKENS, r.stopReason());
        assertTrue(r.lengths().startsWith("KV cache, exact lengths (the model has no attention mask"), r.lengths());
    }

    static List<JsonObject> cases(String model) throws IOException {
        Path ref = KV.resolve("reference.json");
        JsonObject doc = JsonObject.root(Json.parse(Files.readString(ref)), ref.toString());
        List<Object> all = doc.array("cases");
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            JsonObject c = JsonObject.element(all, i, "cases");
            if (c.string("model").equals(model)) out.add(c);
        }
        return out;
    }

    private static void checkCausal(JsonObject c, String file, LengthBuckets buckets) {
        Session session = SESSIONS.computeIfAbsent(file, f -> Session.create(ModelFiles.load(KV.resolve("decoder-only").resolve(f))));
        int n = c.integer("maxNewTokens");
        GenerationConfig config = GenerationConfig.DEFAULTS.withMaxNewTokens(n);
        assertTrue(KvCacheCausalModel.accepts(session));
        GenerationResult r = Generator.generate(new KvCacheCausalModel(session, ModelConfig.UNKNOWN, buckets),
                longs(c.array("prompt")), config, null, null);
        assertArrayEquals(longs(c.array("ids")), r.ids(), file + ": nnjit's greedy ids differ from ONNX Runtime's");
        assertEquals(StopReason.MAX_NEW_TOKENS, r.stopReason());
        if (buckets.exact()) {
            assertTrue(r.lengths().startsWith("KV cache, exact"), r.lengths());
        } else {
            // checked by this decoding, or by an earlier one on the same session (the verdict is kept)
            assertTrue(r.lengths().contains("(padding checked"), r.lengths());
            // one prefill plan and one decode plan for the 16-wide past (n + prompt <= 32 keeps to two buckets at most)
            assertTrue(r.compiledShapes() <= 6, "compiled " + r.compiledShapes() + " shapes: " + r.lengths());
        }
    }

    static long[] longs(List<Object> values) {
        long[] a = new long[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = ((Number) values.get(i)).longValue();
        return a;
    }
}
