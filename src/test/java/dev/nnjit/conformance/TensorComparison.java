package dev.nnjit.conformance;

import dev.nnjit.tensor.Tensor;
import java.util.Arrays;

/**
 * Compares an output with its reference the way ONNX's backend test runner does
 * ({@code onnx/backend/test/runner/__init__.py}, {@code assert_similar_outputs}): same dtype, same shape, then
 * {@code numpy.testing.assert_allclose}: every element must satisfy {@code |actual - expected| <= atol + rtol *
 * |expected|}, NaN equals NaN, and an infinity only equals the same infinity.
 *
 * <p>Integers and booleans are compared exactly. (numpy's allclose would admit a relative error on integers too,
 * e.g. 5000 vs 5004 at rtol 1e-3; no correct integer op needs that slack.)
 */
public final class TensorComparison {
    /**
     * ONNX's default tolerances for node tests: {@code onnx/backend/test/loader/__init__.py} gives every test case
     * {@code rtol = 1e-3, atol = 1e-7} unless its data.json overrides them (node tests have no data.json).
     */
    public static final double ONNX_RTOL = 1e-3;
    public static final double ONNX_ATOL = 1e-7;

    private TensorComparison() {}

    /** Null when {@code actual} matches {@code expected}, else a one-line description of the first differences. */
    public static String compare(String name, Tensor expected, Tensor actual, double rtol, double atol) {
        if (actual == null) return name + ": missing (expected " + expected.describe() + ")";
        if (expected.dtype() != actual.dtype()) {
            return name + ": dtype " + actual.dtype() + ", expected " + expected.dtype();
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return name + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape());
        }
        int mismatches = 0;
        int first = -1;
        int worst = -1;
        double worstDiff = -1;
        boolean floating = expected.dtype().isFloating();
        for (int i = 0; i < expected.size(); i++) {
            boolean ok;
            double diff;
            if (floating) {
                double e = expected.getDouble(i), a = actual.getDouble(i);
                if (Double.isNaN(e) || Double.isNaN(a)) {
                    ok = Double.isNaN(e) && Double.isNaN(a);
                    diff = ok ? 0 : Double.POSITIVE_INFINITY;
                } else if (Double.isInfinite(e) || Double.isInfinite(a)) {
                    ok = e == a;
                    diff = ok ? 0 : Double.POSITIVE_INFINITY;
                } else {
                    diff = Math.abs(a - e);
                    ok = diff <= atol + rtol * Math.abs(e);
                }
            } else {
                long e = expected.getLong(i), a = actual.getLong(i);
                ok = e == a;
                diff = Math.abs((double) a - (double) e);
            }
            if (!ok) {
                mismatches++;
                if (first < 0) first = i;
                if (diff > worstDiff) { worstDiff = diff; worst = i; }
            }
        }
        if (mismatches == 0) return null;
        StringBuilder sb = new StringBuilder(name).append(": ").append(mismatches).append(" of ")
                .append(expected.size()).append(" elements differ");
        if (floating) sb.append(" beyond |a-e| <= ").append(atol).append(" + ").append(rtol).append("*|e|");
        sb.append("; first at ").append(position(expected.shape(), first)).append(": expected ")
                .append(value(expected, first)).append(", got ").append(value(actual, first));
        if (worst != first) {
            sb.append("; largest at ").append(position(expected.shape(), worst)).append(": expected ")
                    .append(value(expected, worst)).append(", got ").append(value(actual, worst));
        }
        return sb.toString();
    }

    /** Multi-index of flat element {@code i}, e.g. "[0, 2, 1]". */
    static String position(int[] shape, int i) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) break;
            idx[d] = i % shape[d];
            i /= shape[d];
        }
        return Arrays.toString(idx);
    }

    private static String value(Tensor t, int i) {
        switch (t.dtype().storage) {
            case FLOAT: return Float.toString(t.floats()[i]);
            case BOOL: return Boolean.toString(t.bools()[i]);
            default: return Long.toString(t.longs()[i]);
        }
    }
}
