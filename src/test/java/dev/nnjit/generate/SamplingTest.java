package dev.nnjit.generate;

import dev.nnjit.tensor.SplitMix64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The random stream and the draw: pinned values, an independent BigInteger SplitMix64, reproducibility. */
class SamplingTest {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);

    /** SplitMix64 in arbitrary precision, reduced mod 2^64 after each step (the published algorithm, spelled out). */
    private static long[] bigSplitMix(long seed, int n) {
        BigInteger state = BigInteger.valueOf(seed).mod(MOD);
        BigInteger gamma = new BigInteger("9E3779B97F4A7C15", 16);
        BigInteger m1 = new BigInteger("BF58476D1CE4E5B9", 16);
        BigInteger m2 = new BigInteger("94D049BB133111EB", 16);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            state = state.add(gamma).mod(MOD);
            BigInteger z = state;
            z = z.xor(z.shiftRight(30)).multiply(m1).mod(MOD);
            z = z.xor(z.shiftRight(27)).multiply(m2).mod(MOD);
            z = z.xor(z.shiftRight(31));
            out[i] = z.longValue();
        }
        return out;
    }

    @Test
    void firstFiveDrawsOfSeed42ArePinned() {
        long[] pinned = {0xbdd732262feb6e95L, 0x28efe333b266f103L, 0x47526757130f9f52L, 0x581ce1ff0e4ae394L,
                0x09bc585a244823f2L};
        SplitMix64 r = new SplitMix64(42);
        long[] got = new long[5];
        for (int i = 0; i < 5; i++) got[i] = r.nextLong();
        assertArrayEquals(pinned, got);
        assertArrayEquals(pinned, bigSplitMix(42, 5));
        SplitMix64 d = new SplitMix64(42);
        assertEquals(0.7415648787718233, d.nextDouble());
        assertEquals(0.1599103928769201, d.nextDouble());
    }

    @Test
    void streamMatchesTheBigIntegerReimplementationForOtherSeeds() {
        for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, 123456789}) {
            SplitMix64 r = new SplitMix64(seed);
            long[] got = new long[64];
            for (int i = 0; i < got.length; i++) got[i] = r.nextLong();
            assertArrayEquals(bigSplitMix(seed, 64), got, "seed " + seed);
        }
    }

    @Test
    void drawWalksTheCumulativeDistributionInIdOrder() {
        double[] p = {0.1, 0.0, 0.2, 0.7};
        assertEquals(0, TokenChooser.draw(p, 0.05));
        assertEquals(2, TokenChooser.draw(p, 0.1)); // u < 0.1 is false at id 0; id 1 has probability 0
        assertEquals(2, TokenChooser.draw(p, 0.29));
        assertEquals(3, TokenChooser.draw(p, 0.31));
        assertEquals(3, TokenChooser.draw(p, Math.nextDown(1.0)));
    }

    @Test
    void greedyTakesTheLowestIdAmongEqualMaxima() {
        assertEquals(1, TokenChooser.greedy().choose(new float[] {0f, 2f, 2f, -1f}));
    }

    @Test
    void sameSeedSameIdsAndAnotherSeedOthers() {
        float[] logits = new float[50];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) Math.sin(i * 0.7);
        int[] a = draws(7, logits), b = draws(7, logits), c = draws(8, logits);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    private static int[] draws(long seed, float[] logits) {
        TokenChooser chooser = TokenChooser.sampling(seed);
        int[] ids = new int[40];
        for (int i = 0; i < ids.length; i++) ids[i] = chooser.choose(logits.clone());
        return ids;
    }
}
