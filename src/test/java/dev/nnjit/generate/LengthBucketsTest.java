package dev.nnjit.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.api.Session;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Length buckets, the per-model padding check, and how many shapes a long generation compiles. */
class LengthBucketsTest {
    @Test
    void lengthsRoundUpToPowersOfTwoCappedByTheContext() {
        LengthBuckets b = LengthBuckets.POWERS_OF_TWO;
        assertEquals(16, b.lengthFor(1, 0));
        assertEquals(16, b.lengthFor(16, 0));
        assertEquals(32, b.lengthFor(17, 0));
        assertEquals(128, b.lengthFor(65, 0));
        assertEquals(100, b.lengthFor(65, 100), "capped at the context");
        assertEquals(7, LengthBuckets.EXACT.lengthFor(7, 0));
        assertThrows(IllegalArgumentException.class, () -> new LengthBuckets(12));
        assertEquals(LengthBuckets.POWERS_OF_TWO, LengthBuckets.forBackend("webgpu"));
        assertEquals(LengthBuckets.POWERS_OF_TWO, LengthBuckets.forBackend("wasm-simd"));
        assertEquals(LengthBuckets.EXACT, LengthBuckets.forBackend("cpu"));
    }

    /** Scores of position p: the sum of ids 0..p (causal), plus, when {@code lengthLeaks}, the total length. */
    private static PaddedSequence.Runner model(boolean lengthLeaks, List<Integer> lengthsRun) {
        return (ids, length) -> {
            lengthsRun.add(length);
            float[] data = new float[length * 2];
            float sum = 0;
            for (int p = 0; p < length; p++) {
                sum += p < ids.length ? ids[p] : 7;
                data[2 * p] = sum + (lengthLeaks ? length : 0);
                data[2 * p + 1] = -sum;
            }
            return Tensor.ofFloats(new int[] {1, length, 2}, data);
        };
    }

    @Test
    void causalPaddingIsCheckedOnceThenTrusted() {
        List<Integer> runs = new ArrayList<>();
        PaddedSequence s = new PaddedSequence(LengthBuckets.POWERS_OF_TWO, 0, model(false, runs));
        assertArrayEquals(new float[] {6, -6}, s.nextLogits(new long[] {1, 2, 3}));
        assertArrayEquals(new float[] {10, -10}, s.nextLogits(new long[] {1, 2, 3, 4}));
        assertEquals(List.of(16, 3, 16), runs, "the first padded step also runs the exact length, once");
        assertEquals("powers of two from 16 (padding checked)", s.lengths());
    }

    @Test
    void aModelWhoseScoresDependOnTheLengthFallsBackToExactLengths() {
        List<Integer> runs = new ArrayList<>();
        PaddedSequence s = new PaddedSequence(LengthBuckets.POWERS_OF_TWO, 0, model(true, runs));
        assertArrayEquals(new float[] {9, -6}, s.nextLogits(new long[] {1, 2, 3}), "the exact length's scores");
        assertArrayEquals(new float[] {14, -10}, s.nextLogits(new long[] {1, 2, 3, 4}));
        assertEquals(List.of(16, 3, 4), runs);
        assertTrue(s.lengths().startsWith("exact (right padding changed"), s.lengths());
    }

    @Test
    void aFailingPaddedRunFallsBackToExactLengths() {
        List<Integer> runs = new ArrayList<>();
        PaddedSequence.Runner ok = model(false, runs);
        PaddedSequence s = new PaddedSequence(LengthBuckets.POWERS_OF_TWO, 0, (ids, length) -> {
            if (length != ids.length) throw new IllegalStateException("Gather index 15 out of range");
            return ok.logits(ids, length);
        });
        assertArrayEquals(new float[] {6, -6}, s.nextLogits(new long[] {1, 2, 3}));
        assertTrue(s.lengths().contains("Gather index 15 out of range"), s.lengths());
    }

    /** 64 new tokens after a 6-token prompt: lengths 6..69 run in buckets 16, 32, 64, 128, plus the exact check. */
    @Test
    void sixtyFourTokensCompileAHandfulOfShapes() {
        Session session = Session.create(ModelFiles.load(Path.of("models", "fixtures", "llama", "model.onnx")));
        GenerationConfig config = GenerationConfig.DEFAULTS.withMaxNewTokens(64);
        long[] prompt = {1, 17, 42, 99, 123, 7};
        GenerationResult bucketed = Generator.generate(new CachelessCausalModel(session, new ModelConfig(128, false,
                "test"), LengthBuckets.POWERS_OF_TWO), prompt, config, null, null);
        assertEquals(5, bucketed.compiledShapes(), bucketed.lengths());
        assertEquals(5, session.planCache().size());
        GenerationResult exact = Generator.generate(new CachelessCausalModel(session, ModelConfig.UNKNOWN,
                LengthBuckets.EXACT), prompt, config, null, null);
        assertArrayEquals(exact.ids(), bucketed.ids());
        assertEquals(62, exact.compiledShapes(), "lengths 6..69 but two cached ones: 6 (the padding check) and 16"
                + " (32 and 64 were evicted before their turn)");
        assertEquals(16, session.planCache().size(), "the plan cache keeps its limit");
        assertEquals(5 + 62 - 16, session.planCache().evictions());
        assertEquals(DType.INT64, session.inputs().get("input_ids").dtype());
    }
}
