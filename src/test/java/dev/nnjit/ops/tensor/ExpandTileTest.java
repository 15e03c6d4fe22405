package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExpandTileTest {
    // ---- Expand ----

    @Test void expandOnnxExamples() {
        // test_expand_dim_changed: [3, 1] to [2, 1, 6].
        Tensor x = floats(sh(3, 1), 1, 2, 3);
        Tensor y = run("Expand", 13, none(), x, vec(2, 1, 6));
        assertArrayEquals(sh(2, 3, 6), y.shape());
        for (int k = 0; k < y.size(); k++) assertEquals(1 + (k / 6) % 3, y.floats()[k]);
        // test_expand_dim_unchanged: [3, 1] to [3, 4].
        assertFloats(sh(3, 4), new float[] {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}, run("Expand", 8, none(), x, vec(3, 4)));
        // A 1 in shape keeps the input dim; a shorter shape is right-aligned.
        assertArrayEquals(sh(3, 1), run("Expand", 13, none(), x, vec(1, 1)).shape());
        assertArrayEquals(sh(3, 5), run("Expand", 13, none(), x, vec(5)).shape());
        assertArrayEquals(sh(2, 0), run("Expand", 13, none(), longs(sh(1, 1), 4), vec(2, 0)).shape());
        assertLongs(sh(2), new long[] {7, 7}, run("Expand", 13, none(), scalarL(7), vec(2)));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "INT32", "UINT8", "BOOL"})
    void randomExpandMatchesReference(DType dt) {
        Random rnd = new Random(41 + dt.ordinal());
        for (int trial = 0; trial < 20; trial++) {
            int r = rnd.nextInt(4), extra = rnd.nextInt(3);
            int[] is = randomShape(rnd, r, 3);
            for (int k = 0; k < r; k++) if (rnd.nextBoolean()) is[k] = 1;
            long[] target = new long[r + extra];
            int[] os = new int[r + extra];
            for (int k = 0; k < target.length; k++) {
                int j = k - extra;
                int in = j >= 0 ? is[j] : 1;
                target[k] = in == 1 ? rnd.nextInt(4) : rnd.nextBoolean() ? in : 1;
                os[k] = in == 1 ? (int) target[k] : in;
            }
            Tensor x = random(dt, is, rnd);
            Tensor expected = build(dt, os, flat -> {
                int[] c = unravel(flat, os);
                int[] ic = new int[r];
                for (int j = 0; j < r; j++) ic[j] = is[j] == 1 ? 0 : c[j + extra];
                return get(x, ravel(ic, is));
            });
            assertTensor(expected, run("Expand", 13, none(), x, vec(target)));
        }
    }

    @Test void expandErrorsAndTypes() {
        Tensor x = floats(sh(3, 2), 1, 2, 3, 4, 5, 6);
        assertOpError("cannot be expanded", () -> run("Expand", 13, none(), x, vec(3, 3)));
        assertOpError("negative", () -> run("Expand", 13, none(), x, vec(-1, 2)));
        TensorType in = type(DType.FLOAT, sym("b"), d(1), d(64));
        assertEquals(type(DType.FLOAT, sym("b"), d(12), d(64)),
                infer1("Expand", 13, none(), types(in, type(DType.INT64, 3)), null, vec(1, 12, 1)));
        assertEquals(type(DType.FLOAT, d(2), sym("b"), d(12), d(64)),
                infer1("Expand", 13, none(), types(in, type(DType.INT64, 4)), null, vec(2, 1, 12, 64)));
        assertEquals(type(DType.FLOAT, unk(), unk(), unk(), unk()), infer1("Expand", 13, none(), types(in, type(DType.INT64, 4))));
        assertEquals(unranked(DType.FLOAT), infer1("Expand", 13, none(), types(in, type(DType.INT64, sym("n")))));
    }

    // ---- Tile ----

    @Test void tileExamples() {
        Tensor x = longs(sh(2, 2), 1, 2, 3, 4);
        assertLongs(sh(2, 4), new long[] {1, 2, 1, 2, 3, 4, 3, 4}, run("Tile", 13, none(), x, vec(1, 2)));
        assertLongs(sh(4, 2), new long[] {1, 2, 3, 4, 1, 2, 3, 4}, run("Tile", 6, none(), x, vec(2, 1)));
        assertArrayEquals(sh(0, 2), run("Tile", 13, none(), x, vec(0, 1)).shape());
        assertTensor(bools(sh(3), true, true, true), run("Tile", 13, none(), bools(sh(1), true), vec(3)));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "BFLOAT16", "INT64", "INT8", "BOOL"})
    void randomTileMatchesReference(DType dt) {
        Random rnd = new Random(43 + dt.ordinal());
        for (int trial = 0; trial < 20; trial++) {
            int r = 1 + rnd.nextInt(3);
            int[] is = randomShape(rnd, r, 3);
            long[] reps = new long[r];
            int[] os = new int[r];
            for (int k = 0; k < r; k++) { reps[k] = rnd.nextInt(4); os[k] = is[k] * (int) reps[k]; }
            Tensor x = random(dt, is, rnd);
            Tensor expected = build(dt, os, flat -> {
                int[] c = unravel(flat, os);
                for (int k = 0; k < r; k++) c[k] %= is[k];
                return get(x, ravel(c, is));
            });
            assertTensor(expected, run("Tile", 13, none(), x, vec(reps)));
        }
    }

    @Test void tileErrorsAndTypes() {
        Tensor x = longs(sh(2, 2), 1, 2, 3, 4);
        assertOpError("1 entries for an input of rank 2", () -> run("Tile", 13, none(), x, vec(2)));
        assertOpError("negative", () -> run("Tile", 13, none(), x, vec(2, -1)));
        TensorType in = type(DType.FLOAT, sym("b"), d(3));
        assertEquals(type(DType.FLOAT, sym("b"), d(6)), infer1("Tile", 13, none(), types(in, type(DType.INT64, 2)), null, vec(1, 2)));
        assertEquals(type(DType.FLOAT, unk(), d(3)), infer1("Tile", 13, none(), types(in, type(DType.INT64, 2)), null, vec(2, 1)));
        assertEquals(type(DType.FLOAT, unk(), unk()), infer1("Tile", 13, none(), types(in, type(DType.INT64, 2))));
    }
}
