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
 * Greedy generation on the CPU backend against native ONNX Runtime: models/generate/reference.json holds the ids
 * onnxruntime-node chose on the same fixtures with the same cache-less loop (models/generate/make_reference.mjs; node
 * is needed only to regenerate it, not by this test). Each case is checked to be exactly maxNewTokens ids (no EOS).
 */
class GenerateReferenceTest {
    private static final Path REFERENCE = Path.of("models", "generate", "reference.json");
    private static final Map<String, Session> SESSIONS = new HashMap<>();

    @TestFactory
    List<DynamicTest> greedyIdsEqualOnnxRuntime() throws IOException {
        return cases(LengthBuckets.EXACT);
    }

    /** Right-padded to power-of-two buckets (the WebGPU default), after the per-model padding check: the same ids. */
    @TestFactory
    List<DynamicTest> greedyIdsInLengthBucketsEqualOnnxRuntime() throws IOException {
        return cases(LengthBuckets.POWERS_OF_TWO);
    }

    private static List<DynamicTest> cases(LengthBuckets buckets) throws IOException {
        JsonObject doc = JsonObject.root(Json.parse(Files.readString(REFERENCE)), REFERENCE.toString());
        List<Object> cases = doc.array("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonObject c = JsonObject.element(cases, i, "cases");
            String name = c.string("fixture") + " penalty " + c.number("repetitionPenalty");
            tests.add(DynamicTest.dynamicTest(name, () -> check(c, buckets)));
        }
        assertEquals(8, tests.size(), "gpt2, llama, t5, bart, each with and without a repetition penalty");
        return tests;
    }

    private static void check(JsonObject c, LengthBuckets buckets) throws IOException {
        String fixture = c.string("fixture");
        Session session = SESSIONS.computeIfAbsent(fixture, f -> Session.create(
                ModelFiles.load(Path.of("models", "fixtures", f, "model.onnx"))));
        int n = c.integer("maxNewTokens");
        GenerationConfig config = GenerationConfig.DEFAULTS.withMaxNewTokens(n)
                .withRepetitionPenalty((float) c.number("repetitionPenalty"));
        long[] prompt = longs(c.array("prompt"));
        GenerationResult r;
        if (c.string("kind").equals("causal")) {
            r = Generator.generate(new CachelessCausalModel(session, ModelConfig.UNKNOWN, buckets), prompt, config, null, null);
        } else {
            config = config.withDecoderStartTokenId((long) c.integer("decoderStart"));
            r = Generator.generate(new CachelessSeq2SeqModel(session, ModelConfig.UNKNOWN, buckets), prompt, config, null, null);
        }
        assertArrayEquals(longs(c.array("ids")), r.ids(), fixture + ": nnjit's greedy ids differ from ONNX Runtime's");
        assertEquals(n, r.ids().length);
        assertEquals(StopReason.MAX_NEW_TOKENS, r.stopReason());
        assertTrue(r.prefillMs() > 0 && r.tokensPerSecond() > 0);
        if (!buckets.exact()) {
            assertTrue(r.lengths().endsWith("(padding checked)"), fixture + ": " + r.lengths());
        }
    }

    private static long[] longs(List<Object> values) {
        long[] a = new long[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = ((Number) values.get(i)).longValue();
        return a;
    }
}
