package dev.nnjit.ops.reduce;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ArgMax / ArgMin against a straightforward scan, with ties (small integer values) and select_last_index. */
class ArgReduceOpTest {
    @Test
    void randomWithTies() {
        Random r = new Random(21);
        Tensor x = randLongs(r, DType.INT64, 0, 3, 3, 4, 5);
        Tensor xf = Tensor.ofFloats(x.shape(), toFloats(x));
        int[] s = x.shape();
        for (String op : new String[] {"ArgMax", "ArgMin"}) {
            for (int axis = -3; axis < 3; axis++) {
                int ax = (axis + 3) % 3;
                for (int last = 0; last < 2; last++) {
                    for (int keep = 0; keep < 2; keep++) {
                        int[] kept = s.clone();
                        kept[ax] = 1;
                        long[] e = new long[size(kept)];
                        for (int o = 0; o < e.length; o++) {
                            int[] c = coords(o, kept);
                            long best = -1;
                            long bestV = 0;
                            for (int k = 0; k < s[ax]; k++) {
                                c[ax] = k;
                                int idx = (c[0] * s[1] + c[1]) * s[2] + c[2];
                                long v = x.longs()[idx];
                                boolean better = best < 0 || (op.equals("ArgMax") ? v > bestV : v < bestV)
                                        || (last == 1 && v == bestV);
                                if (better) { best = k; bestV = v; }
                            }
                            e[o] = best;
                        }
                        for (Tensor in : new Tensor[] {x, xf}) {
                            Tensor y = run1(op, 13, attrs(intAttr("axis", axis), intAttr("select_last_index", last),
                                    intAttr("keepdims", keep)), in);
                            assertEquals(DType.INT64, y.dtype());
                            int[] want = keep == 1 ? kept : removeAxis(s, ax);
                            assertShape(y, want);
                            assertLongs(y, e);
                        }
                    }
                }
            }
        }
    }

    private static int[] removeAxis(int[] s, int ax) {
        int[] r = new int[s.length - 1];
        for (int i = 0, k = 0; i < s.length; i++) if (i != ax) r[k++] = s[i];
        return r;
    }

    private static float[] toFloats(Tensor t) {
        float[] f = new float[t.size()];
        for (int i = 0; i < f.length; i++) f[i] = t.longs()[i];
        return f;
    }

    @Test
    void handComputedDefaults() {
        Tensor x = floats(shape(2, 2), 2, 1, 3, 10);
        Tensor y = run1("ArgMax", 11, Map.of(), x); // axis 0, keepdims 1
        assertShape(y, 1, 2);
        assertLongs(y, 1, 1);
        assertLongs(run1("ArgMin", 11, attrs(intAttr("axis", 1), intAttr("keepdims", 0)), x), 1, 0);
    }

    @Test
    void errors() {
        expectError("out of range", "ArgMax", 13, attrs(intAttr("axis", 2)), 1, floats(shape(2, 2), 1, 2, 3, 4));
        expectError("empty axis", "ArgMin", 13, attrs(intAttr("axis", 1)), 1, Tensor.ofFloats(shape(2, 0), new float[0]));
    }
}
