package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Comparisons with broadcasting, producing bool: Equal (also on bool), Less, LessOrEqual, Greater, GreaterOrEqual.
 * Both inputs must have the same type. Comparisons follow IEEE: anything compared with NaN is false.
 */
public final class CompareOp implements OpDef {
    public enum Kind { EQ, LT, LE, GT, GE }

    private final String opType;
    private final Kind kind;

    public CompareOp(String opType, Kind kind) {
        this.opType = opType;
        this.kind = kind;
    }

    @Override public String opType() { return opType; }
    @Override public int minOpset() { return 7; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        TypeChecks.same(ctx, kind == Kind.EQ ? Kinds.ANY : Kinds.NUMERIC, 0, 1);
        return new TensorType[] {new TensorType(DType.BOOL, TypeChecks.broadcast(ctx, 0, 1))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor a = inputs[0], b = inputs[1];
        int[] shape = TypeChecks.broadcast(ctx, a.shape(), b.shape());
        int[] ia = TypeChecks.readMap(a.shape(), shape), ib = TypeChecks.readMap(b.shape(), shape);
        boolean[] out = new boolean[Tensor.checkedSize(shape, "output")];
        switch (a.dtype().storage) {
            case FLOAT: {
                float[] x = a.floats(), y = b.floats();
                for (int i = 0; i < out.length; i++) out[i] = test(x[ia == null ? i : ia[i]], y[ib == null ? i : ib[i]]);
                break;
            }
            case LONG: {
                long[] x = a.longs(), y = b.longs();
                for (int i = 0; i < out.length; i++) out[i] = test(x[ia == null ? i : ia[i]], y[ib == null ? i : ib[i]]);
                break;
            }
            default: {
                boolean[] x = a.bools(), y = b.bools();
                for (int i = 0; i < out.length; i++) out[i] = x[ia == null ? i : ia[i]] == y[ib == null ? i : ib[i]];
            }
        }
        return new Tensor[] {Tensor.ofBools(shape, out)};
    }

    private boolean test(float x, float y) {
        switch (kind) {
            case EQ: return x == y;
            case LT: return x < y;
            case LE: return x <= y;
            case GT: return x > y;
            default: return x >= y;
        }
    }

    private boolean test(long x, long y) {
        switch (kind) {
            case EQ: return x == y;
            case LT: return x < y;
            case LE: return x <= y;
            case GT: return x > y;
            default: return x >= y;
        }
    }
}
