package dev.nnjit.generate;

/**
 * The lengths a cache-less decoding runs its growing sequence at. Every distinct length is a distinct input shape,
 * hence a plan the {@link dev.nnjit.api.Session} compiles (on WebGPU hundreds of ms each, against a few ms of run):
 * with buckets, a sequence of n real ids runs right-padded to the next power of two at or above {@code minimum}
 * (capped at the model's context length), so a 64-token generation compiles a handful of shapes. Padding is checked
 * per model before it is trusted ({@link PaddedSequence}).
 *
 * @param minimum the smallest bucket (a power of two); 0 means exact lengths, no padding
 */
public record LengthBuckets(int minimum) {
    /** Every length runs as it is. */
    public static final LengthBuckets EXACT = new LengthBuckets(0);
    /** Powers of two from 16. */
    public static final LengthBuckets POWERS_OF_TWO = new LengthBuckets(16);

    public LengthBuckets {
        if (minimum < 0 || (minimum & (minimum - 1)) != 0) {
            throw new IllegalArgumentException("the smallest length bucket must be 0 (exact) or a power of two, got "
                    + minimum);
        }
    }

    /**
     * The default for a backend: buckets on WebGPU, where each new shape compiles kernels, and on wasm-simd, where
     * each new shape generates and instantiates kernel modules and copies (and packs) the weights into its memory;
     * exact lengths on the reference backend, where a plan is cheap and padded positions would only add work.
     */
    public static LengthBuckets forBackend(String backendName) {
        return "webgpu".equals(backendName) || "wasm-simd".equals(backendName) ? POWERS_OF_TWO : EXACT;
    }

    public boolean exact() { return minimum == 0; }

    /** The length to run {@code n} real positions at; {@code context} (0: unknown) caps a bucket, never n itself. */
    public int lengthFor(int n, int context) {
        if (exact()) return n;
        long b = minimum;
        while (b < n) b *= 2;
        if (context > 0 && b > context) b = Math.max(n, context);
        return (int) b;
    }

    @Override public String toString() { return exact() ? "exact" : "powers of two from " + minimum; }
}
