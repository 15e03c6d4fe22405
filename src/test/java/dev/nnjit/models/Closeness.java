package dev.nnjit.models;

import java.util.Arrays;

/**
 * Worst elementwise error of an output against its reference, with the tolerance the end-to-end tests use:
 * max |actual - expected| <= 1e-4 * max |expected|.
 *
 * <p>Why that bound: nnjit and the references all compute in float32, but in different summation orders (and ORT
 * fuses some ops), so results differ by a few ulps per op, which stays around 1e-6 relative to the output's scale
 * after a few layers (PyTorch vs ONNX Runtime on the same fixtures: below 1e-6 relative). A wrong op semantics
 * (mask, axis, epsilon, broadcasting) moves outputs by a large fraction of their scale, far above 1e-4.
 */
record Closeness(double maxAbsError, double maxAbsExpected, int worstIndex, float expectedAtWorst, float actualAtWorst) {
    static final double RELATIVE_TOLERANCE = 1e-4;

    static Closeness of(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + " != expected " + expected.length);
        }
        double worst = -1, scale = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.abs((double) actual[i] - expected[i]);
            if (Float.isNaN(actual[i])) e = Double.POSITIVE_INFINITY;
            if (e > worst) { worst = e; at = i; }
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return new Closeness(worst, scale, at, at < 0 ? 0 : expected[at], at < 0 ? 0 : actual[at]);
    }

    double relative() { return maxAbsExpected == 0 ? maxAbsError : maxAbsError / maxAbsExpected; }

    boolean ok() { return maxAbsError <= RELATIVE_TOLERANCE * maxAbsExpected; }

    String describe(String what, int[] shape) {
        return String.format("%s %s: max abs error %.3g (%.3g relative to max|expected| %.4g), worst at flat index %d"
                        + " (expected %.7g, got %.7g)", what, Arrays.toString(shape), maxAbsError, relative(),
                maxAbsExpected, worstIndex, expectedAtWorst, actualAtWorst);
    }
}
