package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/** Where(cond, X, Y): X where cond is true, else Y; all three broadcast together. X and Y share a type. */
public final class WhereOp implements OpDef {
    @Override public String opType() { return "Where"; }
    @Override public int minOpset() { return 9; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 3);
        TypeChecks.require(ctx, 0, Kinds.BOOL);
        DType t = TypeChecks.same(ctx, Kinds.ANY, 1, 2);
        return new TensorType[] {new TensorType(t, TypeChecks.broadcast(ctx, 0, 1, 2))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor c = inputs[0], x = inputs[1], y = inputs[2];
        int[] shape = TypeChecks.broadcast(ctx, c.shape(), x.shape(), y.shape());
        int n = Tensor.checkedSize(shape, "output");
        int[] ic = TypeChecks.readMap(c.shape(), shape);
        int[] ix = TypeChecks.readMap(x.shape(), shape), iy = TypeChecks.readMap(y.shape(), shape);
        boolean[] cond = c.bools();
        switch (x.dtype().storage) {
            case FLOAT: {
                float[] a = x.floats(), b = y.floats(), out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = cond[ic == null ? i : ic[i]] ? a[ix == null ? i : ix[i]] : b[iy == null ? i : iy[i]];
                }
                return new Tensor[] {Tensor.ofFloats(x.dtype(), shape, out)};
            }
            case LONG: {
                long[] a = x.longs(), b = y.longs(), out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = cond[ic == null ? i : ic[i]] ? a[ix == null ? i : ix[i]] : b[iy == null ? i : iy[i]];
                }
                return new Tensor[] {Tensor.ofLongs(x.dtype(), shape, out)};
            }
            default: {
                boolean[] a = x.bools(), b = y.bools(), out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = cond[ic == null ? i : ic[i]] ? a[ix == null ? i : ix[i]] : b[iy == null ? i : iy[i]];
                }
                return new Tensor[] {Tensor.ofBools(shape, out)};
            }
        }
    }
}
