package dev.nnjit.codegen;

/**
 * Plain-Java meaning of {@link ElementwiseExpr} for tests: f32 values computed in float (transcendentals in double,
 * rounded), i32 with Java int semantics (wrapping; WGSL's x / 0 = x), bools as 0/1.
 */
public final class ExprReference {
    private ExprReference() {}

    /** Values are carried as double: f32 exactly, i32 exactly, bool 0/1. */
    public static double eval(ElementwiseExpr e, double[] inputs) {
        switch (e.op()) {
            case INPUT: return inputs[e.inputIndex()];
            case CONST: return e.constant();
            default: break;
        }
        double a = eval(e.arg(0), inputs);
        double b = e.argCount() > 1 ? eval(e.arg(1), inputs) : 0;
        boolean f = e.arg(0).type() == ScalarType.F32;
        switch (e.op()) {
            case ADD: return f ? (float) (a + b) : (int) ((long) a + (long) b);
            case SUB: return f ? (float) (a - b) : (int) ((long) a - (long) b);
            case MUL: return f ? (float) a * (float) b : (int) ((long) a * (long) b);
            case DIV: return f ? (float) a / (float) b : b == 0 ? a : (int) ((long) a / (long) b);
            case MIN: return Math.min(a, b);
            case MAX: return Math.max(a, b);
            case POW: return (float) Math.pow(a, b);
            case NEG: return f ? (float) -a : (int) -(long) a;
            case ABS: return f ? Math.abs((float) a) : (int) Math.abs((long) a);
            case SQRT: return (float) Math.sqrt(a);
            case RECIPROCAL: return 1f / (float) a;
            case EXP: return (float) Math.exp(a);
            case LOG: return (float) Math.log(a);
            case FLOOR: return Math.floor(a);
            case CEIL: return Math.ceil(a);
            case RELU: return Math.max(a, 0);
            case ERF: return (float) erf(a);
            case TANH: return (float) Math.tanh(a);
            case SIGMOID: return (float) (1 / (1 + Math.exp(-a)));
            case GELU: return (float) (0.5 * a * (1 + erf(a / Math.sqrt(2))));
            case GELU_TANH: return (float) (0.5 * a * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (a + 0.044715 * a * a * a))));
            case SILU: return (float) (a / (1 + Math.exp(-a)));
            case EQUAL: return a == b ? 1 : 0;
            case NOT_EQUAL: return a != b ? 1 : 0;
            case LESS: return a < b ? 1 : 0;
            case LESS_EQUAL: return a <= b ? 1 : 0;
            case GREATER: return a > b ? 1 : 0;
            case GREATER_EQUAL: return a >= b ? 1 : 0;
            case AND: return a != 0 && b != 0 ? 1 : 0;
            case OR: return a != 0 || b != 0 ? 1 : 0;
            case XOR: return (a != 0) != (b != 0) ? 1 : 0;
            case NOT: return a != 0 ? 0 : 1;
            case WHERE: return a != 0 ? b : eval(e.arg(2), inputs);
            case CAST:
                switch (e.type()) {
                    case F32: return (float) a;
                    case I32: return e.arg(0).type() == ScalarType.F32 ? (int) (float) a : (int) a;
                    default: return a != 0 ? 1 : 0;
                }
            default: throw new IllegalStateException("no reference for " + e.op());
        }
    }

    /** erf to ~1e-15 (series for small |x|, continued fraction via erfc otherwise). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            double sum = ax;
            double term = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) break;
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // Lentz continued fraction for erfc.
            double f = ax;
            double c = ax;
            double d = 0;
            for (int n = 1; n < 300; n++) {
                double an = n / 2.0;
                d = ax + an * d;
                d = 1 / d;
                c = ax + an / c;
                double delta = c * d;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) break;
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
