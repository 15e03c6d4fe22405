package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernels applying one {@link MapFn} per output element (scalar items; no vec4 form). Bindings: in0..in{N-1}
 * (read), out (read_write). Items are spread as in {@link ElementwiseKernel}: invocation {@code lid} of workgroup
 * g handles items {@code g*W*E + e*W + lid}.
 */
public final class MapKernel implements KernelGenerator<ElementwiseConfig, MapProblem> {
    public static final MapKernel INSTANCE = new MapKernel();

    @Override public String family() { return "map"; }

    @Override public int[] workgroupSize(ElementwiseConfig c, MapProblem p) { return new int[] {c.workgroupSize(), 1, 1}; }

    @Override public DispatchSize dispatch(ElementwiseConfig c, MapProblem p) {
        long per = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((p.elements() + per - 1) / per);
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, MapProblem p) {
        List<Binding> list = new ArrayList<>();
        for (int i = 0; i < p.inputs().size(); i++) {
            ElementwiseInput in = p.inputs().get(i);
            list.add(Binding.read(i, "in" + i, in.type(), false, in.elements()));
        }
        list.add(Binding.write(p.inputs().size(), "out", p.outType(), false, p.elements()));
        return list;
    }

    @Override public String generate(ElementwiseConfig c, MapProblem p) {
        if (c.vec4()) throw new IllegalArgumentException("map kernels have no vec4 form");
        WgslBuilder h = new WgslBuilder();
        StringBuilder params = new StringBuilder();
        String[] names = p.fn().params();
        for (int i = 0; i < names.length; i++) params.append(i == 0 ? " (" : ", ").append(names[i]).append(' ')
                .append(p.params()[i]).append(i == names.length - 1 ? ")" : "");
        h.comment("map " + p.fn().name().toLowerCase() + params + ": out " + Wgsl.shape(p.outShape()) + " "
                + p.outType().value);
        for (int i = 0; i < p.inputs().size(); i++) {
            ElementwiseInput in = p.inputs().get(i);
            h.comment("in" + i + " " + Wgsl.shape(in.shape()) + " " + in.type().value + ", read at " + in.offset()
                    + " + coords . " + Wgsl.shape(in.strides()));
        }
        h.bindings(bindings(c, p));
        h.constU32("ITEMS", p.elements());
        WgslMath lib = new WgslMath();
        WgslBuilder b = new WgslBuilder();
        b.open("fn item(e: u32) {");
        int[] out = p.outShape();
        String[] coords = IndexMath.coords(b, "e", out, "c");
        String[] x = new String[p.inputs().size()];
        int[] contiguous = Wgsl.contiguousStrides(out);
        for (int i = 0; i < x.length; i++) {
            ElementwiseInput in = p.inputs().get(i);
            boolean identity = in.offset() == 0 && in.elements() == p.elements();
            for (int d = 0; d < out.length && identity; d++) {
                if (out[d] > 1 && in.strides()[d] != contiguous[d]) identity = false;
            }
            String off = identity ? "e" : IndexMath.offset(coords, in.strides(), in.offset());
            b.line("let x" + i + " = in" + i + "[" + off + "];");
            x[i] = "x" + i;
        }
        String v = expression(p, x, lib);
        if (p.outType() == ScalarType.BOOL) v = "u32(" + v + ")";
        b.line("out[e] = " + v + ";");
        b.close();
        b.blank();
        ElementwiseMain.emit(b, c, dispatch(c, p), p.elements());
        return Wgsl.assemble(h.build(), null, lib.source() + b.build());
    }

    /** The WGSL value of one element from operand values {@code x}. */
    private static String expression(MapProblem p, String[] x, WgslMath lib) {
        float[] q = p.params();
        String a = x[0];
        String b = x.length > 1 ? x[1] : null;
        boolean f = p.inputs().get(0).type() == ScalarType.F32;
        switch (p.fn()) {
            case SIN: return lib.require(WgslMath.Fn.SIN) + "(" + a + ")";
            case COS: return lib.require(WgslMath.Fn.COS) + "(" + a + ")";
            case TAN: return lib.require(WgslMath.Fn.TAN) + "(" + a + ")";
            case ASIN: return lib.require(WgslMath.Fn.ASIN) + "(" + a + ")";
            case ACOS: return lib.require(WgslMath.Fn.ACOS) + "(" + a + ")";
            case ATAN: return lib.require(WgslMath.Fn.ATAN) + "(" + a + ")";
            case SINH: return lib.require(WgslMath.Fn.SINH) + "(" + a + ")";
            case COSH: return lib.require(WgslMath.Fn.COSH) + "(" + a + ")";
            case ASINH: return lib.require(WgslMath.Fn.ASINH) + "(" + a + ")";
            case ACOSH: return lib.require(WgslMath.Fn.ACOSH) + "(" + a + ")";
            case ATANH: return lib.require(WgslMath.Fn.ATANH) + "(" + a + ")";
            case ROUND: return "round(" + a + ")";
            case SOFTPLUS: return lib.require(WgslMath.Fn.SOFTPLUS) + "(" + a + ")";
            case SOFTSIGN: return "(" + a + " / (1.0 + abs(" + a + ")))";
            case MISH: return "(" + a + " * " + lib.require(WgslMath.Fn.TANH) + "(" + lib.require(WgslMath.Fn.SOFTPLUS)
                    + "(" + a + ")))";
            case HARD_SWISH: return "(" + a + " * clamp(" + a + " / 6.0 + 0.5, 0.0, 1.0))";
            case ELU:
                return "select(" + a + ", " + Wgsl.f32(q[0]) + " * " + lib.require(WgslMath.Fn.EXPM1) + "(" + a + "), "
                        + a + " < 0.0)";
            case CELU:
                return "(max(" + a + ", 0.0) + min(0.0, " + Wgsl.f32(q[0]) + " * " + lib.require(WgslMath.Fn.EXPM1) + "("
                        + a + " / " + Wgsl.f32(q[0]) + ")))";
            case SELU:
                return Wgsl.f32(q[1]) + " * select(" + a + ", " + Wgsl.f32(q[0]) + " * "
                        + lib.require(WgslMath.Fn.EXPM1) + "(" + a + "), " + a + " <= 0.0)";
            case THRESHOLDED_RELU: return "select(0.0, " + a + ", " + a + " > " + Wgsl.f32(q[0]) + ")";
            case SHRINK: {
                String lo = Wgsl.f32(-q[0]), hi = Wgsl.f32(q[0]), bias = Wgsl.f32(q[1]);
                String xf = f ? a : "f32(" + a + ")";
                String r = "select(select(0.0, " + xf + " - " + bias + ", " + xf + " > " + hi + "), " + xf + " + " + bias
                        + ", " + xf + " < " + lo + ")";
                return f ? r : "i32(" + r + ")";
            }
            case SIGN: return "sign(" + a + ")";
            case IS_NAN: return "((bitcast<u32>(" + a + ") & 0x7fffffffu) > 0x7f800000u)";
            case IS_INF: {
                String pos = "(bitcast<u32>(" + a + ") == 0x7f800000u)";
                String neg = "(bitcast<u32>(" + a + ") == 0xff800000u)";
                boolean dp = q[0] != 0, dn = q[1] != 0;
                if (dp && dn) return "(" + pos + " || " + neg + ")";
                return dp ? pos : dn ? neg : "false";
            }
            case FMOD:
                if (f) return lib.require(WgslMath.Fn.FMOD) + "(" + a + ", " + b + ")";
                return lib.require(WgslMath.Fn.IMOD_TRUNC) + "(" + a + ", " + b + ")";
            case MOD: return lib.require(WgslMath.Fn.IMOD_FLOOR) + "(" + a + ", " + b + ")";
            case POW_INT: return lib.require(WgslMath.Fn.IPOW) + "(" + a + ", " + b + ")";
            case POW_INT_FLOAT_EXP: {
                String pf = "pow(f32(max(" + a + ", 0i)), " + b + ")";
                String truncated = "select(0i, i32(" + pf + "), " + a + " >= 0i && " + pf + " < 2147483648.0)";
                String exact = lib.require(WgslMath.Fn.IPOW) + "(" + a + ", i32(" + b + "))";
                return "select(" + truncated + ", " + exact + ", " + b + " == floor(" + b + ") && abs(" + b
                        + ") < 2147483648.0)";
            }
            case SHIFT_LEFT: {
                long mask = q[0] >= 32 ? 0xFFFFFFFFL : (1L << (int) q[0]) - 1;
                return "select(0i, bitcast<i32>((bitcast<u32>(" + a + ") << u32(" + b + ")) & " + Wgsl.u32(mask)
                        + "), " + b + " < " + Wgsl.i32((long) q[0]) + ")";
            }
            case SHIFT_RIGHT:
                return "select(0i, bitcast<i32>(bitcast<u32>(" + a + ") >> u32(" + b + ")), " + b + " < 32i)";
            case BIT_AND: return "(" + a + " & " + b + ")";
            case BIT_OR: return "(" + a + " | " + b + ")";
            case BIT_XOR: return "(" + a + " ^ " + b + ")";
            case BIT_NOT:
                if (q[0] == 0) return "(~" + a + ")";
                return "bitcast<i32>(~bitcast<u32>(" + a + ") & " + Wgsl.u32((1L << (int) q[0]) - 1) + ")";
            case QUANTIZE:
                return "i32(clamp(round(" + a + " / " + b + ") + f32(" + x[2] + "), " + Wgsl.f32(q[0]) + ", "
                        + Wgsl.f32(q[1]) + "))";
            case WRAP_INT: {
                int bits = (int) q[0];
                long mod = 1L << bits;
                String r;
                if (f) {
                    String m = lib.require(WgslMath.Fn.FMOD) + "(trunc(" + a + "), " + Wgsl.f32(mod) + ")";
                    String wrapped = "i32(select(" + m + ", " + m + " + " + Wgsl.f32(mod) + ", " + m + " < 0.0))";
                    // As the reference's Java conversion: NaN -> 0; |x| >= 2^63 saturates to the int64 range, whose
                    // ends wrap to all ones (max) and 0 (min).
                    r = "select(select(select(0i, " + Wgsl.i32(mod - 1) + ", " + a + " > 0.0), " + wrapped
                            + ", abs(" + a + ") < 9.223372036854775808e18), 0i, nn_is_nan(" + a + "))";
                } else {
                    r = "(" + a + " & " + Wgsl.i32(mod - 1) + ")";
                }
                if (q[1] == 0) return r;
                return "select(" + r + ", " + r + " - " + Wgsl.i32(mod) + ", " + r + " >= " + Wgsl.i32(mod / 2) + ")";
            }
            case ROUND_F16: return lib.require(WgslMath.Fn.ROUND_F16) + "(" + a + ")";
            case ROUND_BF16: return lib.require(WgslMath.Fn.ROUND_BF16) + "(" + a + ")";
            default: throw new IllegalStateException("no WGSL for " + p.fn());
        }
    }
}
