package dev.nnjit.tune.measure;

import dev.nnjit.tensor.SplitMix64;

/**
 * Reproducible random inputs: a SplitMix64 stream, so a seed gives the same floats on the JVM, in Wasm GC and in
 * TeaVM's JavaScript build (the JDK's Random is not guaranteed to match TeaVM's class library bit for bit).
 */
public final class SeededInputs {
    private final SplitMix64 random;

    public SeededInputs(long seed) { this.random = new SplitMix64(seed); }

    /** Uniform in [0, 1) with 24 random bits (every value exact in f32). */
    public float unit() { return (random.nextLong() >>> 40) * 0x1.0p-24f; }

    /** {@code n} floats uniform in [lo, hi). */
    public float[] uniform(long n, float lo, float hi) {
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("input of " + n + " elements is too large");
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * unit();
        return v;
    }
}
