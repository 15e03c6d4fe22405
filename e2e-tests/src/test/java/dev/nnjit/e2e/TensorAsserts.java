package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.Map;

/** Comparisons of the browser's outputs with the JVM engine's. */
final class TensorAsserts {
    private TensorAsserts() {}

    /**
     * Every output present with the same dtype and shape. Floats: bitwise equal when {@code tolerance} is 0 (NaN
     * matches NaN), else |actual - expected| <= tolerance * max(1, |expected|); integers and bools exactly.
     *
     * @return the largest float difference seen (0 for bitwise-equal outputs)
     */
    static double assertOutputsMatch(String what, Map<String, Tensor> expected, Map<String, Tensor> actual,
                                     double tolerance) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), what + ": output names");
        double worst = 0;
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            String name = what + " output '" + e.getKey() + "'";
            Tensor x = e.getValue();
            Tensor y = actual.get(e.getKey());
            assertEquals(x.dtype(), y.dtype(), name + " dtype");
            assertArrayEquals(x.shape(), y.shape(), name + " shape");
            if (x.dtype().storage == DType.Storage.FLOAT) {
                float[] a = x.floats();
                float[] b = y.floats();
                for (int i = 0; i < a.length; i++) {
                    if (Float.floatToIntBits(a[i]) == Float.floatToIntBits(b[i])) continue; // NaN matches NaN
                    if (tolerance != 0 && a[i] == b[i]) continue; // 0 and -0
                    double diff = Math.abs((double) a[i] - b[i]);
                    worst = Math.max(worst, diff / Math.max(1, Math.abs(a[i])));
                    boolean ok = tolerance == 0 ? Float.floatToIntBits(a[i]) == Float.floatToIntBits(b[i])
                            : diff <= tolerance * Math.max(1, Math.abs(a[i]));
                    if (!ok) {
                        fail(name + " element " + i + ": JVM " + a[i] + " (bits " + Integer.toHexString(
                                Float.floatToRawIntBits(a[i])) + "), browser " + b[i] + " (bits "
                                + Integer.toHexString(Float.floatToRawIntBits(b[i])) + ")"
                                + (tolerance == 0 ? ", expected bitwise equality" : ", tolerance " + tolerance));
                    }
                }
            } else if (x.dtype().storage == DType.Storage.LONG) {
                assertArrayEquals(x.longs(), y.longs(), name);
            } else {
                assertArrayEquals(x.bools(), y.bools(), name);
            }
        }
        return worst;
    }
}
