package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DepthToSpace and SpaceToDepth. */
class SpaceDepthTest {
    private static Tensor seq(int[] shape) {
        double[] v = new double[IndexMaps.size(shape)];
        for (int k = 0; k < v.length; k++) v[k] = k;
        return tensor(DType.FLOAT, shape, v);
    }

    @Test void depthToSpaceOnnxDocExamples() {
        Tensor x = seq(sh(1, 8, 2, 3));
        assertFloats(sh(1, 2, 4, 6), new float[] {
            0, 12, 1, 13, 2, 14, 24, 36, 25, 37, 26, 38, 3, 15, 4, 16, 5, 17, 27, 39, 28, 40, 29, 41,
            6, 18, 7, 19, 8, 20, 30, 42, 31, 43, 32, 44, 9, 21, 10, 22, 11, 23, 33, 45, 34, 46, 35, 47},
            run("DepthToSpace", 13, attrs(i("blocksize", 2)), x));
        assertFloats(sh(1, 2, 4, 6), new float[] {
            0, 6, 1, 7, 2, 8, 12, 18, 13, 19, 14, 20, 3, 9, 4, 10, 5, 11, 15, 21, 16, 22, 17, 23,
            24, 30, 25, 31, 26, 32, 36, 42, 37, 43, 38, 44, 27, 33, 28, 34, 29, 35, 39, 45, 40, 46, 41, 47},
            run("DepthToSpace", 13, attrs(i("blocksize", 2), s("mode", "CRD")), x));
    }

    /** The spec's definitions as Reshape + Transpose + Reshape, run through this family's ops. */
    private static Tensor bySpec(Tensor x, long[] split, long[] perm, long[] out) {
        Tensor r = run("Reshape", 13, none(), x, vec(split));
        Tensor t = run("Transpose", 13, attrs(ints("perm", perm)), r);
        return run("Reshape", 13, none(), t, vec(out));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "INT64", "BOOL"})
    void randomMatchesReshapeTransposeDefinition(DType dt) {
        Random rnd = new Random(81 + dt.ordinal());
        for (int trial = 0; trial < 10; trial++) {
            int b = 1 + rnd.nextInt(3), n = 1 + rnd.nextInt(2), c = 1 + rnd.nextInt(3), h = 1 + rnd.nextInt(3), w = 1 + rnd.nextInt(3);
            Tensor deep = random(dt, sh(n, c * b * b, h, w), rnd);
            assertTensor(bySpec(deep, new long[] {n, b, b, c, h, w}, new long[] {0, 3, 4, 1, 5, 2}, new long[] {n, c, h * b, w * b}),
                    run("DepthToSpace", 13, attrs(i("blocksize", b)), deep));
            assertTensor(bySpec(deep, new long[] {n, c, b, b, h, w}, new long[] {0, 1, 4, 2, 5, 3}, new long[] {n, c, h * b, w * b}),
                    run("DepthToSpace", 13, attrs(i("blocksize", b), s("mode", "CRD")), deep));
            Tensor wide = random(dt, sh(n, c, h * b, w * b), rnd);
            Tensor s2d = run("SpaceToDepth", 13, attrs(i("blocksize", b)), wide);
            assertTensor(bySpec(wide, new long[] {n, c, h, b, w, b}, new long[] {0, 3, 5, 1, 2, 4}, new long[] {n, c * b * b, h, w}), s2d);
            // SpaceToDepth inverts DCR DepthToSpace.
            assertTensor(wide, run("DepthToSpace", 13, attrs(i("blocksize", b)), s2d));
        }
    }

    @Test void errorsAndTypes() {
        assertOpError("not divisible", () -> run("DepthToSpace", 13, attrs(i("blocksize", 2)), seq(sh(1, 6, 2, 2))));
        assertOpError("not divisible", () -> run("SpaceToDepth", 13, attrs(i("blocksize", 2)), seq(sh(1, 1, 3, 2))));
        assertOpError("4-D", () -> run("SpaceToDepth", 13, attrs(i("blocksize", 2)), seq(sh(4, 4))));
        assertOpError("'blocksize' is required", () -> run("SpaceToDepth", 13, none(), seq(sh(1, 1, 2, 2))));
        assertOpError("unknown mode", () -> run("DepthToSpace", 13, attrs(i("blocksize", 2), s("mode", "XYZ")), seq(sh(1, 4, 1, 1))));
        assertEquals(type(DType.FLOAT, sym("n"), d(2), unk(), d(8)),
                infer1("DepthToSpace", 13, attrs(i("blocksize", 2)), types(type(DType.FLOAT, sym("n"), d(8), sym("h"), d(4)))));
        assertEquals(type(DType.FLOAT, sym("n"), d(32), d(2), unk()),
                infer1("SpaceToDepth", 13, attrs(i("blocksize", 2)), types(type(DType.FLOAT, sym("n"), d(8), d(4), sym("w")))));
    }
}
