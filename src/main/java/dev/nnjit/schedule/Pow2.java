package dev.nnjit.schedule;

/** Integer helpers for tile arithmetic. */
public final class Pow2 {
    private Pow2() {}

    /** The smallest power of two {@code >= v} (1 for v <= 1). */
    public static int ceil(int v) {
        int p = 1;
        while (p < v) p <<= 1;
        return p;
    }

    public static boolean is(int v) { return v > 0 && (v & (v - 1)) == 0; }

    /** {@code ceil(a / b)} for positive numbers. */
    public static int ceilDiv(long a, long b) { return (int) ((a + b - 1) / b); }
}
