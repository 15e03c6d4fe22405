package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Zero-size and size-1 dims through every data-movement op, for every storage kind. */
class EmptyAndUnitDimsTest {
    static DType[] dtypes() { return ALL_DTYPES; }

    @ParameterizedTest @MethodSource("dtypes")
    void emptyTensorsFlowThrough(DType dt) {
        Tensor e = tensor(dt, sh(2, 0, 3));
        assertArrayEquals(sh(3, 0, 2), run("Transpose", 13, none(), e).shape());
        assertArrayEquals(sh(2, 0, 2), run("Slice", 13, none(), e, vec(1), vec(3), vec(2)).shape());
        assertArrayEquals(sh(2, 0, 4), run("Gather", 13, attrs(i("axis", 2)), e, vec(0, 1, 2, -1)).shape());
        assertArrayEquals(sh(2, 0, 3), run("GatherElements", 13, none(), e, longs(sh(2, 0, 3))).shape());
        assertArrayEquals(sh(4, 0, 3), run("Concat", 13, attrs(i("axis", 0)), e, e).shape());
        assertArrayEquals(sh(2, 0, 6), run("Tile", 13, none(), e, vec(1, 5, 2)).shape());
        assertArrayEquals(sh(2, 2, 0, 3), run("Expand", 13, none(), e, vec(2, 1, 1, 1)).shape());
        assertArrayEquals(sh(2, 0, 3), run("ScatterND", 13, none(), e, longs(sh(0, 1)), tensor(dt, sh(0, 0, 3))).shape());
        assertArrayEquals(sh(2, 0, 3), run("Trilu", 14, none(), e).shape());
        // Constant padding can grow an empty axis; the pad value fills it.
        Tensor p = run("Pad", 13, none(), e, vec(0, 1, 0, 0, 0, 0), tensor(dt, sh(), 1));
        assertArrayEquals(sh(2, 1, 3), p.shape());
        for (int k = 0; k < p.size(); k++) assertEquals(get(tensor(dt, sh(1), 1), 0), get(p, k));
        Tensor[] parts = runN("Split", 13, attrs(i("axis", 2)), 2, e, vec(1, 2));
        assertArrayEquals(sh(2, 0, 2), parts[1].shape());
    }

    @ParameterizedTest @MethodSource("dtypes")
    void unitDimsBroadcastAndSqueeze(DType dt) {
        Tensor x = tensor(dt, sh(1, 3, 1), 1, 0, 2);
        Tensor y = run("Expand", 13, none(), x, vec(2, 1, 3, 2));
        assertArrayEquals(sh(2, 1, 3, 2), y.shape());
        for (int k = 0; k < y.size(); k++) assertEquals(get(x, (k / 2) % 3), get(y, k));
        assertArrayEquals(sh(3), run("Squeeze", 13, none(), x).shape());
        Tensor t = run("Transpose", 13, attrs(ints("perm", 2, 1, 0)), x);
        for (int k = 0; k < 3; k++) assertEquals(get(x, k), get(t, k));
        assertTensor(x, run("Slice", 13, none(), x, vec(0, 0), vec(1, 1), vec(0, 2)));
        Tensor g = run("Gather", 13, attrs(i("axis", 1)), x, longs(sh(1, 1), -1));
        assertArrayEquals(sh(1, 1, 1, 1), g.shape());
        assertEquals(get(x, 2), get(g, 0));
    }
}
