package dev.nnjit.tensor;

/**
 * nnjit's one random stream (the sampler's draws, the tuner's and workbench's seeded inputs, random feeds, the bench
 * weights' generator): SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), integer arithmetic mod 2^64 only, so the stream is identical on the JVM, Wasm GC and TeaVM's JS target
 * (which emulates 64-bit longs exactly). Not java.util.Random, whose stream is a JDK detail.
 */
public final class SplitMix64 {
    /** The stream's increment (2^64 / golden ratio, odd). */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) { this.state = seed; }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** SplitMix64's finalizer: a bijection of 64-bit values that scatters every input bit over the output. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform on [0, 1): the top 53 bits of {@link #nextLong()} times 2^-53 (exact in a double). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
