package dev.nnjit.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.api.Session;
import dev.nnjit.model.jvm.ModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's stop rules, streaming, context checks and config reading, on a counting model and on the BERT fixture. */
class GeneratorTest {
    private static final int VOCAB = 10;

    /** Predicts (last id + 1) mod 10, with a slowly falling score for the others so sampling has a distribution. */
    private static CausalModel counting(ModelConfig config) {
        return new CausalModel() {
            @Override public ModelConfig config() { return config; }

            @Override public Decoding start(long[] promptIds) {
                List<Long> seq = new ArrayList<>();
                for (long id : promptIds) seq.add(id);
                return new Decoding() {
                    @Override public long[] sequence() { return seq.stream().mapToLong(Long::longValue).toArray(); }
                    @Override public void append(long id) { seq.add(id); }
                    @Override public float[] nextLogits() {
                        float[] l = new float[VOCAB];
                        int next = (int) ((seq.get(seq.size() - 1) + 1) % VOCAB);
                        for (int i = 0; i < VOCAB; i++) l[i] = -0.3f * ((i - next + VOCAB) % VOCAB);
                        return l;
                    }
                };
            }
        };
    }

    private static final CausalModel COUNTING = counting(ModelConfig.UNKNOWN);

    @Test
    void withoutEosItProducesExactlyMaxNewTokens() {
        GenerationResult r = Generator.generate(COUNTING, new long[] {3}, GenerationConfig.DEFAULTS.withMaxNewTokens(7),
                null, null);
        assertArrayEquals(new long[] {4, 5, 6, 7, 8, 9, 0}, r.ids());
        assertEquals(StopReason.MAX_NEW_TOKENS, r.stopReason());
    }

    @Test
    void eosEndsGenerationAndIsKept() {
        GenerationConfig c = GenerationConfig.DEFAULTS.withMaxNewTokens(9).withEosTokenIds(List.of(6L, 9L));
        GenerationResult r = Generator.generate(COUNTING, new long[] {3}, c, null, null);
        assertArrayEquals(new long[] {4, 5, 6}, r.ids());
        assertEquals(StopReason.EOS, r.stopReason());
    }

    @Test
    void stopStringEndsAfterTheTokenThatCompletesIt() {
        TextDecoder letters = ids -> {
            StringBuilder b = new StringBuilder();
            for (long id : ids) b.append((char) ('a' + id));
            return b.toString();
        };
        GenerationConfig c = GenerationConfig.DEFAULTS.withMaxNewTokens(9).withStopStrings(List.of("fgh"));
        GenerationResult r = Generator.generate(COUNTING, new long[] {3}, c, null, letters);
        assertArrayEquals(new long[] {4, 5, 6, 7}, r.ids());
        assertEquals(StopReason.STOP_STRING, r.stopReason());
        assertTrue(assertThrows(GenerationException.class, () -> Generator.generate(COUNTING, new long[] {3}, c, null, null))
                .getMessage().contains("tokenizer"));
    }

    @Test
    void streamerSeesEveryTokenAndCanCancel() {
        List<Long> seen = new ArrayList<>();
        GenerationResult r = Generator.generate(COUNTING, new long[] {0}, GenerationConfig.DEFAULTS.withMaxNewTokens(9),
                (id, index) -> { seen.add(id); return index < 2; }, null);
        assertArrayEquals(new long[] {1, 2, 3}, r.ids());
        assertEquals(List.of(1L, 2L, 3L), seen);
        assertEquals(StopReason.CANCELLED, r.stopReason());
    }

    @Test
    void seededSamplingIsReproducible() {
        GenerationConfig c = GenerationConfig.DEFAULTS.withMaxNewTokens(30).withSampling(1.5f, 0, 1.0, 99L);
        long[] a = Generator.generate(COUNTING, new long[] {0}, c, null, null).ids();
        long[] b = Generator.generate(COUNTING, new long[] {0}, c, null, null).ids();
        assertArrayEquals(a, b);
        GenerationConfig greedyish = GenerationConfig.DEFAULTS.withMaxNewTokens(30).withSampling(1f, 1, 1.0, 99L);
        long[] topOne = Generator.generate(COUNTING, new long[] {0}, greedyish, null, null).ids();
        for (int i = 0; i < topOne.length; i++) assertEquals((i + 1) % VOCAB, topOne[i], "top_k 1 is greedy");
    }

    @Test
    void promptLongerThanTheContextOrNoRoomForNewTokensIsAClearError() {
        CausalModel small = counting(new ModelConfig(10, false, "config.json n_positions"));
        GenerationConfig three = GenerationConfig.DEFAULTS.withMaxNewTokens(3);
        assertEquals(3, Generator.generate(small, new long[8], three, null, null).ids().length); // 8 + 3 - 1 = 10 fits
        String tooLong = assertThrows(GenerationException.class,
                () -> Generator.generate(small, new long[11], three, null, null)).getMessage();
        assertTrue(tooLong.contains("longer than the model's context of 10") && tooLong.contains("n_positions"), tooLong);
        String noRoom = assertThrows(GenerationException.class,
                () -> Generator.generate(small, new long[8], three.withMaxNewTokens(4), null, null)).getMessage();
        assertTrue(noRoom.contains("at most 3 new tokens fit"), noRoom);
    }

    @Test
    void aModelWithoutLogitsIsRejected() {
        Session bert = Session.create(ModelFiles.load(Path.of("models", "fixtures", "bert", "model.onnx")));
        String m = assertThrows(GenerationException.class, () -> new CachelessCausalModel(bert, ModelConfig.UNKNOWN))
                .getMessage();
        assertTrue(m.contains("no 'logits' output"), m);
    }

    @Test
    void configJsonThenGenerationConfigJson() {
        String config = "{\"eos_token_id\": 2, \"n_positions\": 64, \"decoder_start_token_id\": 0, \"top_k\": 7}";
        String generation = "{\"eos_token_id\": [2, 3], \"do_sample\": true, \"temperature\": 0.7, \"max_new_tokens\": 5,"
                + " \"top_p\": 0.9, \"repetition_penalty\": 1.2, \"pad_token_id\": 1}";
        GenerationConfig c = GenerationConfig.fromJson(config, generation);
        assertEquals(List.of(2L, 3L), c.eosTokenIds());
        assertTrue(c.doSample());
        assertEquals(0.7f, c.temperature());
        assertEquals(7, c.topK());
        assertEquals(0.9, c.topP());
        assertEquals(1.2f, c.repetitionPenalty());
        assertEquals(5, c.maxNewTokens());
        assertEquals(0L, c.decoderStartTokenId());
        assertEquals(1L, c.padTokenId());
        assertEquals(4, c.processors().size());
        assertEquals(new ModelConfig(64, false, "config.json n_positions"), ModelConfig.fromJson(config, "config.json"));
        assertEquals(GenerationConfig.DEFAULTS, GenerationConfig.fromJson(null, null));
    }

    @Test
    void badConfigValuesNameTheFieldAndTheFile() {
        String m = assertThrows(GenerationException.class,
                () -> GenerationConfig.fromJson(null, "{\"do_sample\": true, \"top_p\": 1.5}")).getMessage();
        assertTrue(m.contains("generation_config.json") && m.contains("top_p"), m);
        m = assertThrows(GenerationException.class,
                () -> GenerationConfig.fromJson("{\"max_new_tokens\": 0}", null)).getMessage();
        assertTrue(m.contains("config.json") && m.contains("max_new_tokens"), m);
        m = assertThrows(GenerationException.class,
                () -> GenerationConfig.fromJson("{\"eos_token_id\": \"x\"}", null)).getMessage();
        assertTrue(m.contains("eos_token_id"), m);
    }
}
