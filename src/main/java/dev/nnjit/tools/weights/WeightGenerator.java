package dev.nnjit.tools.weights;

import dev.nnjit.tensor.SplitMix64;

/**
 * The deterministic weight rule of the bench models (models/make_fixtures.py writes the same values with numpy, and
 * its manifests carry SHA-256 checksums of them). Counter-based, so any element can be produced on its own:
 *
 * <pre>
 *   mix(z)    = splitmix64 finalizer: z=(z^(z>>>30))*0xBF58476D1CE4E5B9; z=(z^(z>>>27))*0x94D049BB133111EB; z^(z>>>31)
 *   base      = mix(seed + (stream+1)*GAMMA)                    GAMMA = 0x9E3779B97F4A7C15, all arithmetic mod 2^64
 *   k_j       = (mix(base + (j+1)*GAMMA) >>> 40) - 2^23          a signed 24-bit integer, exact as a float
 *   value_j   = (float) k_j * ((float) scale * 2^-23)            one float32 rounding; exact when scale is 2^e
 * </pre>
 *
 * Values lie in [-scale, scale). Java's float arithmetic is IEEE single precision (strict since Java 17), matching
 * numpy's float32 product, so the bytes agree bit for bit.
 */
public final class WeightGenerator {
    static final long GAMMA = SplitMix64.GOLDEN_GAMMA;

    private WeightGenerator() {}

    /** The splitmix64 finalizer. */
    public static long mix64(long z) { return SplitMix64.mix64(z); }

    /** Elements [first, first + dst.length) of stream (seed, stream), written to dst. */
    public static void uniform(long seed, long stream, float scale, long first, float[] dst, int count) {
        long base = mix64(seed + (stream + 1) * GAMMA);
        float mult = scale * 0x1p-23f;
        for (int i = 0; i < count; i++) {
            long z = mix64(base + (first + i + 1) * GAMMA);
            int k = (int) (z >>> 40) - (1 << 23);
            dst[i] = (float) k * mult;
        }
    }

    /** The first n elements of stream (seed, stream). */
    public static float[] uniform(long seed, long stream, float scale, int n) {
        float[] out = new float[n];
        uniform(seed, stream, scale, 0, out, n);
        return out;
    }
}
