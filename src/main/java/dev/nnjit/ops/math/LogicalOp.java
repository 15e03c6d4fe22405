package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/** Boolean logic: And, Or, Xor with broadcasting, and Not. Inputs and output are bool. */
public final class LogicalOp implements OpDef {
    public enum Kind { AND, OR, XOR, NOT }

    private final String opType;
    private final Kind kind;

    public LogicalOp(String opType, Kind kind) {
        this.opType = opType;
        this.kind = kind;
    }

    @Override public String opType() { return opType; }
    @Override public int minOpset() { return kind == Kind.NOT ? 1 : 7; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        if (kind == Kind.NOT) {
            ctx.requireInputs(1, 1);
            TypeChecks.require(ctx, 0, Kinds.BOOL);
            return new TensorType[] {new TensorType(DType.BOOL, ctx.inputType(0).shape())};
        }
        ctx.requireInputs(2, 2);
        TypeChecks.same(ctx, Kinds.BOOL, 0, 1);
        Shape s = TypeChecks.broadcast(ctx, 0, 1);
        return new TensorType[] {new TensorType(DType.BOOL, s)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        if (kind == Kind.NOT) {
            boolean[] x = inputs[0].bools();
            boolean[] out = new boolean[x.length];
            for (int i = 0; i < x.length; i++) out[i] = !x[i];
            return new Tensor[] {Tensor.ofBools(inputs[0].shape(), out)};
        }
        Tensor a = inputs[0], b = inputs[1];
        int[] shape = TypeChecks.broadcast(ctx, a.shape(), b.shape());
        int[] ia = TypeChecks.readMap(a.shape(), shape), ib = TypeChecks.readMap(b.shape(), shape);
        boolean[] x = a.bools(), y = b.bools();
        boolean[] out = new boolean[Tensor.checkedSize(shape, "output")];
        for (int i = 0; i < out.length; i++) {
            boolean u = x[ia == null ? i : ia[i]], v = y[ib == null ? i : ib[i]];
            out[i] = kind == Kind.AND ? u && v : kind == Kind.OR ? u || v : u != v;
        }
        return new Tensor[] {Tensor.ofBools(shape, out)};
    }
}
