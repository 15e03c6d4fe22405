package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Einsum against hand-written loops for the usual equations. The op sums in double and rounds once: results match
 * a double reference to 2e-7 relative (1e-6 absolute for sums that cancel).
 */
class EinsumOpTest {
    private static Tensor einsum(String eq, Tensor... in) {
        return run1("Einsum", 12, attrs(stringAttr("equation", eq)), in);
    }

    @Test
    void matmulTransposeTraceDiagonalAndBatch() {
        Random r = new Random(91);
        Tensor a = randFloats(r, -1, 1, 3, 4), b = randFloats(r, -1, 1, 4, 5);
        double[] mm = new double[15];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) for (int k = 0; k < 4; k++) {
            mm[i * 5 + j] += (double) a.floats()[i * 4 + k] * b.floats()[k * 5 + j];
        }
        assertClose(mm, einsum("ij,jk->ik", a, b), 1e-6, 2e-7);
        assertClose(mm, einsum("ij,jk", a, b), 1e-6, 2e-7); // implicit output: i, k
        Tensor t = einsum("ij->ji", a);
        assertShape(t, 4, 3);
        double[] tr = new double[12];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) tr[j * 3 + i] = a.floats()[i * 4 + j];
        assertClose(tr, t, 0, 0);
        assertClose(tr, einsum("ba", a), 0, 0); // implicit: letters sorted, so the result is transposed

        Tensor sq = randFloats(r, -1, 1, 2, 3, 3);
        Tensor diag = einsum("...ii->...i", sq);
        assertShape(diag, 2, 3);
        double[] dg = new double[6];
        for (int z = 0; z < 2; z++) for (int i = 0; i < 3; i++) dg[z * 3 + i] = sq.floats()[z * 9 + i * 3 + i];
        assertClose(dg, diag, 0, 0);
        Tensor trace = einsum("bii->b", sq);
        assertClose(new double[] {dg[0] + dg[1] + dg[2], dg[3] + dg[4] + dg[5]}, trace, 1e-6, 2e-7);

        Tensor x = randFloats(r, -1, 1, 2, 3, 4), y = randFloats(r, -1, 1, 2, 4, 2);
        double[] bm = new double[12];
        for (int z = 0; z < 2; z++) for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 4; k++) {
            bm[(z * 3 + i) * 2 + j] += (double) x.floats()[(z * 3 + i) * 4 + k] * y.floats()[(z * 4 + k) * 2 + j];
        }
        assertClose(bm, einsum("bik,bkj->bij", x, y), 1e-6, 2e-7);
    }

    @Test
    void ellipsisBroadcastsAndInnerProductAndIntegers() {
        Random r = new Random(92);
        Tensor x = randFloats(r, -1, 1, 2, 1, 4), y = randFloats(r, -1, 1, 3, 4);
        Tensor out = einsum("...k,...k->...", x, y);
        assertShape(out, 2, 3);
        double[] e = new double[6];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            e[i * 3 + j] += (double) x.floats()[i * 4 + k] * y.floats()[j * 4 + k];
        }
        assertClose(e, out, 1e-6, 2e-7);
        Tensor v = floats(shape(3), 1, 2, 3);
        assertClose(new double[] {14}, einsum("i,i", v, v), 0, 0);
        assertClose(new double[] {6}, einsum("i->", v), 0, 0);
        Tensor outer = einsum("i,j->ij", v, floats(shape(2), 10, 100));
        assertClose(new double[] {10, 100, 20, 200, 30, 300}, outer, 0, 0);
        Tensor li = einsum("ij,j->i", Tensor.ofLongs(DType.INT32, shape(2, 2), new long[] {1, 2, 3, 4}),
                Tensor.ofLongs(DType.INT32, shape(2), new long[] {5, 6}));
        assertLongs(li, 17, 39);
    }

    @Test
    void errors() {
        Tensor a = floats(shape(2, 3), new float[6]);
        expectError("has 2 input terms for 1 inputs", "Einsum", 12, attrs(stringAttr("equation", "ij,jk->ik")), 1, a);
        expectError("does not match input 0", "Einsum", 12, attrs(stringAttr("equation", "ijk->i")), 1, a);
        expectError("label 'j' has sizes", "Einsum", 12, attrs(stringAttr("equation", "ij,jk->ik")), 1, a, a);
        expectError("does not appear", "Einsum", 12, attrs(stringAttr("equation", "ij->z")), 1, a);
        expectError("invalid character", "Einsum", 12, attrs(stringAttr("equation", "i1->i")), 1, a);
    }
}
