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
 * Greedy generation on the CPU backend against PyTorch, on the KV-cache exports of the four generative fixtures
 * (models/fixtures/{gpt2,llama,t5,bart}: made by {@code models/make_fixtures.py --kv} on the GPU machine, with the
 * weights of each fixture's model.onnx). Each fixture's generate-kv.json holds the ids of PyTorch's own cache loop
 * ({@code pytorch_kv_loop}, the reference) and of the cache-less loop ({@code pytorch_cacheless}); nnjit must equal
 * them exactly, every id, with the cache (with-past and merged graphs, exact lengths and the padded static cache;
 * for encoder-decoders the split decoders and the merged one) and without it (model.onnx, the whole sequence each
 * step). Exact equality is the right bar for greedy ids: the script records each step's top-1 margin
 * ({@code min_margin}) so a tie that float rounding could flip would show there, and none of these is that close.
 *
 * <p>Batch 1 only: the generation API takes one prompt; the batch-2 cases (padded rows) are for batch-capable
 * callers and are checked by the script itself against ONNX Runtime.
 */
class KvFixtureGenerationTest {
    static final Path FIXTURES = Path.of("models", "fixtures");
    static final List<String> CAUSAL = List.of("gpt2", "llama");
    static final List<String> SEQ2SEQ = List.of("t5", "bart");
    private static final Map<String, Session> SESSIONS = new HashMap<>();

    @TestFactory
    List<DynamicTest> decoderOnlyKvIdsEqualPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : CAUSAL) {
            Case c = batch1(name);
            for (String file : List.of("model-kv.onnx", "model-kv-merged.onnx")) {
                for (LengthBuckets buckets : List.of(LengthBuckets.EXACT, LengthBuckets.POWERS_OF_TWO)) {
                    tests.add(DynamicTest.dynamicTest(name + " " + file + " " + buckets,
                            () -> checkCausal(name, c, file, buckets)));
                }
            }
        }
        assertEquals(8, tests.size());
        return tests;
    }

    @TestFactory
    List<DynamicTest> encoderDecoderKvIdsEqualPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : SEQ2SEQ) {
            Case c = batch1(name);
            for (boolean merged : new boolean[] {false, true}) {
                tests.add(DynamicTest.dynamicTest(name + (merged ? " merged decoder" : " decoder + decoder with past"),
                        () -> checkSeq2Seq(name, c, merged)));
            }
        }
        assertEquals(4, tests.size());
        return tests;
    }

    @TestFactory
    List<DynamicTest> cachelessIdsEqualPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("gpt2", "llama", "t5", "bart")) {
            Case c = batch1(name);
            tests.add(DynamicTest.dynamicTest(name + " model.onnx without a cache", () -> {
                Session s = session(name, "model.onnx");
                GenerationConfig config = config(c);
                GenerationResult r = SessionGenerator.generate(s, ModelConfig.UNKNOWN, c.prompt, config,
                        LengthBuckets.EXACT, null, null);
                assertArrayEquals(c.cacheless, r.ids(), name + ": nnjit's cache-less ids differ from PyTorch's");
            }));
        }
        return tests;
    }

    private static void checkCausal(String name, Case c, String file, LengthBuckets buckets) {
        Session s = session(name, file);
        assertTrue(KvCacheCausalModel.accepts(s), file + " is not recognised as a KV-cache model");
        GenerationResult r = Generator.generate(new KvCacheCausalModel(s, ModelConfig.UNKNOWN, buckets), c.prompt,
                config(c), null, null);
        assertArrayEquals(c.kv, r.ids(), name + " " + file + " " + buckets + ": nnjit's ids differ from PyTorch's");
        assertEquals(StopReason.MAX_NEW_TOKENS, r.stopReason());
        assertTrue(r.lengths().startsWith("KV cache"), r.lengths());
    }

    private static void checkSeq2Seq(String name, Case c, boolean merged) {
        Session encoder = session(name, "encoder_model.onnx");
        Session first = session(name, merged ? "decoder_model_merged.onnx" : "decoder_model.onnx");
        Session next = merged ? null : session(name, "decoder_with_past_model.onnx");
        GenerationResult r = Generator.generate(new KvCacheSeq2SeqModel(encoder, first, next, ModelConfig.UNKNOWN,
                LengthBuckets.POWERS_OF_TWO), c.prompt, config(c), null, null);
        assertArrayEquals(c.kv, r.ids(), name + (merged ? " merged" : " split") + ": nnjit's ids differ from PyTorch's");
        assertEquals(StopReason.MAX_NEW_TOKENS, r.stopReason());
    }

    private static GenerationConfig config(Case c) {
        GenerationConfig config = GenerationConfig.DEFAULTS.withMaxNewTokens(c.kv.length);
        return c.decoderStart == null ? config : config.withDecoderStartTokenId(c.decoderStart);
    }

    private static Session session(String name, String file) {
        return SESSIONS.computeIfAbsent(name + "/" + file,
                k -> Session.create(ModelFiles.load(FIXTURES.resolve(name).resolve(file))));
    }

    /** The batch-1 case of a fixture's generate-kv.json: prompt, PyTorch's ids with and without the cache. */
    record Case(long[] prompt, long[] kv, long[] cacheless, Long decoderStart) {}

    static Case batch1(String name) throws IOException {
        Path p = FIXTURES.resolve(name).resolve("generate-kv.json");
        JsonObject doc = JsonObject.root(Json.parse(Files.readString(p)), p.toString());
        List<Object> cases = doc.array("cases");
        for (int i = 0; i < cases.size(); i++) {
            JsonObject c = JsonObject.element(cases, i, "cases");
            if (!c.string("case").equals("batch1")) continue;
            assertTrue(methodsThatRanAgree(c), p + ": the script found methods that disagree: " + c.array("mismatches"));
            JsonObject ids = c.object("ids");
            Long start = c.has("decoder_start_token_id") ? (long) c.integer("decoder_start_token_id") : null;
            return new Case(row(c.array("input_ids")), row(ids.array("pytorch_kv_loop")),
                    row(ids.array("pytorch_cacheless")), start);
        }
        throw new AssertionError(p + " has no batch1 case");
    }

    /**
     * Whether every greedy method the script ran chose the reference's ids: all_equal, or (files written before the
     * script told them apart) the only mismatches are eager-wrapper diagnostics that could not run at all, which
     * kv_fixtures.py now records under diagnostics_not_run. The ORT runs of the exported graphs are the checks.
     */
    static boolean methodsThatRanAgree(JsonObject c) {
        if (c.bool("all_equal", false)) return true;
        for (Object m : c.array("mismatches")) {
            String text = String.valueOf(m);
            if (!text.contains(": wrappers_eager_") || !text.contains(" failed: ")) return false;
        }
        return true;
    }

    /** The first (only) row of a [[...]] id list. */
    private static long[] row(List<Object> rows) {
        return KvCacheGenerationTest.longs(castList(rows.get(0)));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) { return (List<Object>) o; }
}
