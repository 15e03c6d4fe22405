package dev.nnjit.tune.measure;

/**
 * Reproducible random inputs: a SplitMix64 stream, so a seed gives the same floats on the JVM, in Wasm GC and in
 * TeaVM's JavaScript build (the JDK's Random is not guaranteed to match TeaVM's class library bit for bit).
 */
public final class SeededInputs {
    private long state;

    public SeededInputs(long seed) { this.state = seed; }

    private long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits (every value exact in f32). */
    public float unit() { return (next() >>> 40) * 0x1.0p-24f; }

    /** {@code n} floats uniform in [lo, hi). */
    public float[] uniform(long n, float lo, float hi) {
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("input of " + n + " elements is too large");
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * unit();
        return v;
    }
}
