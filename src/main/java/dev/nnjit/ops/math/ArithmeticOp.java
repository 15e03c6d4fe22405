package dev.nnjit.ops.math;

import dev.nnjit.tensor.PortableCasts;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Binary arithmetic with ONNX multidirectional broadcasting: Add, Sub, Mul, Div, Mod, Pow, and PRelu (whose slope
 * broadcasts one way, to X's shape).
 *
 * <p>Floats compute in float (Java float arithmetic is IEEE single, like ONNX Runtime's). Integers compute in long
 * and wrap to the dtype as C does; integer Div truncates toward zero, and a zero divisor is an error rather than
 * undefined behaviour. Pow accepts mixed base/exponent types and returns the base's type.
 */
public final class ArithmeticOp implements OpDef {
    public enum Kind { ADD, SUB, MUL, DIV, MOD, POW, PRELU }

    private final String opType;
    private final Kind kind;

    public ArithmeticOp(String opType, Kind kind) {
        this.opType = opType;
        this.kind = kind;
    }

    /** Opsets before 7 had limited broadcasting with 'broadcast'/'axis' attributes, which are not implemented. */
    @Override public int minOpset() { return kind == Kind.PRELU || kind == Kind.MOD ? 1 : 7; }
    @Override public String opType() { return opType; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        DType t;
        if (kind == Kind.POW) {
            t = TypeChecks.require(ctx, 0, Kinds.NUMERIC);
            TypeChecks.require(ctx, 1, Kinds.NUMERIC);
        } else {
            t = TypeChecks.same(ctx, Kinds.NUMERIC, 0, 1);
        }
        if (kind == Kind.MOD && t != null && t.isFloating() && ctx.attrInt("fmod", 0) != 1) {
            throw ctx.error("Mod on " + t + " requires attribute fmod=1");
        }
        Shape out = TypeChecks.broadcast(ctx, 0, 1);
        if (kind == Kind.PRELU) {
            Shape x = ctx.inputType(0).shape();
            if (x.hasRank() && out.hasRank() && !x.compatibleWith(out)) {
                throw ctx.error("slope of shape " + ctx.inputType(1).shape() + " does not broadcast to X's shape " + x);
            }
            out = x;
        }
        return new TensorType[] {new TensorType(t, out)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor a = inputs[0], b = inputs[1];
        int[] shape = TypeChecks.broadcast(ctx, a.shape(), b.shape());
        if (kind == Kind.PRELU && !java.util.Arrays.equals(shape, a.shape())) {
            throw ctx.error("slope " + b.describe() + " does not broadcast to X " + a.describe());
        }
        int[] ia = TypeChecks.readMap(a.shape(), shape), ib = TypeChecks.readMap(b.shape(), shape);
        int n = Tensor.checkedSize(shape, "output");
        DType t = a.dtype();
        if (t.isFloating()) {
            float[] x = a.floats();
            float[] out = new float[n];
            if (b.dtype().isFloating()) {
                floatLoop(x, ia, b.floats(), ib, out);
            } else { // Pow with an integer exponent
                long[] y = b.longs();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.pow(x[ia == null ? i : ia[i]], (double) y[ib == null ? i : ib[i]]);
                }
            }
            return new Tensor[] {Tensor.ofFloats(t, shape, out)};
        }
        long[] x = a.longs();
        long[] out = new long[n];
        if (b.dtype().isFloating()) { // Pow: integer base, float exponent; the result truncates like a C cast
            float[] y = b.floats();
            for (int i = 0; i < n; i++) {
                out[i] = t.wrap(PortableCasts.toLong(Math.pow(x[ia == null ? i : ia[i]], y[ib == null ? i : ib[i]])));
            }
        } else {
            longLoop(ctx, t, x, ia, b.longs(), ib, out);
        }
        return new Tensor[] {Tensor.ofLongs(t, shape, out)};
    }

    private void floatLoop(float[] x, int[] ia, float[] y, int[] ib, float[] out) {
        int n = out.length;
        switch (kind) {
            case ADD: for (int i = 0; i < n; i++) out[i] = x[ia == null ? i : ia[i]] + y[ib == null ? i : ib[i]]; break;
            case SUB: for (int i = 0; i < n; i++) out[i] = x[ia == null ? i : ia[i]] - y[ib == null ? i : ib[i]]; break;
            case MUL: for (int i = 0; i < n; i++) out[i] = x[ia == null ? i : ia[i]] * y[ib == null ? i : ib[i]]; break;
            case DIV: for (int i = 0; i < n; i++) out[i] = x[ia == null ? i : ia[i]] / y[ib == null ? i : ib[i]]; break;
            // Java's float % is C's fmod: the result has the dividend's sign (fmod=1 is required for floats).
            case MOD: for (int i = 0; i < n; i++) out[i] = x[ia == null ? i : ia[i]] % y[ib == null ? i : ib[i]]; break;
            case POW:
                for (int i = 0; i < n; i++) {
                    float u = x[ia == null ? i : ia[i]], v = y[ib == null ? i : ib[i]];
                    // u*u in float is exactly (float) Math.pow(u, 2): the double square of a float is exact.
                    out[i] = v == 2f ? u * u : (float) Math.pow(u, v);
                }
                break;
            case PRELU:
                for (int i = 0; i < n; i++) {
                    float v = x[ia == null ? i : ia[i]];
                    out[i] = v < 0 ? v * y[ib == null ? i : ib[i]] : v;
                }
                break;
            default: throw new IllegalStateException();
        }
    }

    private void longLoop(OpContext ctx, DType t, long[] x, int[] ia, long[] y, int[] ib, long[] out) {
        boolean fmod = ctx.attrInt("fmod", 0) == 1;
        for (int i = 0; i < out.length; i++) {
            long u = x[ia == null ? i : ia[i]], v = y[ib == null ? i : ib[i]];
            long r;
            switch (kind) {
                case ADD: r = u + v; break;
                case SUB: r = u - v; break;
                case MUL: r = u * v; break;
                case DIV:
                    if (v == 0) throw ctx.error("integer division by zero at output element " + i);
                    r = u / v; // Java long division truncates toward zero, as C does
                    break;
                case MOD:
                    if (v == 0) throw ctx.error("integer modulo by zero at output element " + i);
                    r = u % v; // C fmod semantics: sign of the dividend
                    if (!fmod && r != 0 && (r < 0) != (v < 0)) r += v; // Python semantics: sign of the divisor
                    break;
                case POW: r = intPow(ctx, u, v); break;
                case PRELU: r = u < 0 ? u * v : u; break;
                default: throw new IllegalStateException();
            }
            out[i] = t.wrap(r);
        }
    }

    /**
     * Integer power by squaring, wrapping like repeated C multiplication. Negative exponents give the truncated
     * real result (only 1 and -1 have non-zero ones); 0 to a negative power is an error.
     */
    static long intPow(OpContext ctx, long base, long exp) {
        if (exp < 0) {
            if (base == 0) throw ctx.error("integer 0 raised to negative power " + exp);
            if (base == 1) return 1;
            if (base == -1) return (exp & 1) == 0 ? 1 : -1;
            return 0;
        }
        long result = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) result *= base;
            base *= base;
            exp >>= 1;
        }
        return result;
    }
}
