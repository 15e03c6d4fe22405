package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Integer bit operations with broadcasting: BitShift (direction LEFT/RIGHT; bits shifted past the type's width are
 * lost, shifts of 64 or more give 0), BitwiseAnd, BitwiseOr, BitwiseXor, and BitwiseNot. Results wrap to the dtype.
 */
public final class BitwiseOp implements OpDef {
    public enum Kind { SHIFT, AND, OR, XOR, NOT }

    private final String opType;
    private final Kind kind;

    public BitwiseOp(String opType, Kind kind) {
        this.opType = opType;
        this.kind = kind;
    }

    @Override public String opType() { return opType; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        if (kind == Kind.NOT) {
            ctx.requireInputs(1, 1);
            return new TensorType[] {new TensorType(TypeChecks.require(ctx, 0, Kinds.INT), ctx.inputType(0).shape())};
        }
        ctx.requireInputs(2, 2);
        DType t = TypeChecks.same(ctx, Kinds.INT, 0, 1);
        if (kind == Kind.SHIFT) {
            String dir = ctx.attrString("direction", "");
            if (!dir.equals("LEFT") && !dir.equals("RIGHT")) {
                throw ctx.error("attribute 'direction' must be \"LEFT\" or \"RIGHT\", got \"" + dir + "\"");
            }
        }
        return new TensorType[] {new TensorType(t, TypeChecks.broadcast(ctx, 0, 1))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor a = inputs[0];
        DType t = a.dtype();
        if (kind == Kind.NOT) {
            long[] x = a.longs(), out = new long[x.length];
            for (int i = 0; i < x.length; i++) out[i] = t.wrap(~x[i]);
            return new Tensor[] {Tensor.ofLongs(t, a.shape(), out)};
        }
        Tensor b = inputs[1];
        int[] shape = TypeChecks.broadcast(ctx, a.shape(), b.shape());
        int[] ia = TypeChecks.readMap(a.shape(), shape), ib = TypeChecks.readMap(b.shape(), shape);
        long[] x = a.longs(), y = b.longs(), out = new long[Tensor.checkedSize(shape, "output")];
        boolean left = kind == Kind.SHIFT && ctx.attrString("direction", "").equals("LEFT");
        for (int i = 0; i < out.length; i++) {
            long u = x[ia == null ? i : ia[i]], v = y[ib == null ? i : ib[i]];
            long r;
            switch (kind) {
                case SHIFT:
                    if (v < 0) throw ctx.error("negative shift amount " + v + " at output element " + i);
                    r = v >= 64 ? 0 : left ? u << v : u >>> v;
                    break;
                case AND: r = u & v; break;
                case OR: r = u | v; break;
                default: r = u ^ v;
            }
            out[i] = t.wrap(r);
        }
        return new Tensor[] {Tensor.ofLongs(t, shape, out)};
    }
}
