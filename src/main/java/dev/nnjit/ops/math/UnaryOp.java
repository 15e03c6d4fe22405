package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.function.Function;

/**
 * An elementwise op of one input whose output has the input's type (Relu, Exp, Neg, ...).
 *
 * <p>The function is built per node from its attributes ({@code LeakyRelu}'s alpha, ...), so attribute parsing and
 * validation happen once, not per element. Float functions receive and return float; implementations compute in
 * double where that makes the float result correctly rounded or nearly so. Integer results are wrapped to the
 * dtype's range as C would.
 */
public final class UnaryOp implements OpDef {
    /** The element function on floats. */
    public interface FloatFn { float apply(float x); }
    /** The element function on integers (held as long). */
    public interface LongFn { long apply(long x); }

    private final String opType;
    private final Function<OpContext, FloatFn> floatFn;
    private final Function<OpContext, LongFn> longFn;

    private UnaryOp(String opType, Function<OpContext, FloatFn> floatFn, Function<OpContext, LongFn> longFn) {
        this.opType = opType;
        this.floatFn = floatFn;
        this.longFn = longFn;
    }

    /** A float-only op without attributes. */
    public static UnaryOp floats(String opType, FloatFn f) { return new UnaryOp(opType, ctx -> f, null); }

    /** A float-only op whose function depends on attributes. */
    public static UnaryOp floatsWith(String opType, Function<OpContext, FloatFn> f) { return new UnaryOp(opType, f, null); }

    /** An op on floats and integers, without attributes. */
    public static UnaryOp numeric(String opType, FloatFn f, LongFn g) { return new UnaryOp(opType, ctx -> f, ctx -> g); }

    /** An op on floats and integers whose functions depend on attributes. */
    public static UnaryOp numericWith(String opType, Function<OpContext, FloatFn> f, Function<OpContext, LongFn> g) {
        return new UnaryOp(opType, f, g);
    }

    @Override public String opType() { return opType; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType t = TypeChecks.require(ctx, 0, longFn == null ? Kinds.FLOAT : Kinds.NUMERIC);
        if (t == null || t.isFloating()) floatFn.apply(ctx); else longFn.apply(ctx); // validates attributes
        return new TensorType[] {new TensorType(t, ctx.inputType(0).shape())};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor x = inputs[0];
        int n = x.size();
        if (x.dtype().isFloating()) {
            FloatFn f = floatFn.apply(ctx);
            float[] in = x.floats();
            float[] out = new float[n];
            for (int i = 0; i < n; i++) out[i] = f.apply(in[i]);
            return new Tensor[] {Tensor.ofFloats(x.dtype(), x.shape(), out)};
        }
        LongFn g = longFn.apply(ctx);
        long[] in = x.longs();
        long[] out = new long[n];
        DType t = x.dtype();
        for (int i = 0; i < n; i++) out[i] = t.wrap(g.apply(in[i]));
        return new Tensor[] {Tensor.ofLongs(t, x.shape(), out)};
    }
}
