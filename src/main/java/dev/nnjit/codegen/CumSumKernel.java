package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/**
 * CumSum, one line along the axis per item, summed sequentially in the reference's order (so f32 results round
 * the same way). Bindings: x (read), out (read_write).
 */
public final class CumSumKernel extends ItemKernel<CumSumProblem> {
    public static final CumSumKernel INSTANCE = new CumSumKernel();

    @Override public String family() { return "cumsum"; }

    @Override public long items(CumSumProblem p) { return p.lines(); }

    @Override public List<Binding> bindings(ElementwiseConfig c, CumSumProblem p) {
        long n = Wgsl.product(p.shape());
        return List.of(Binding.read(0, "x", p.type(), false, n), Binding.write(1, "out", p.type(), false, n));
    }

    @Override protected void comment(WgslBuilder h, CumSumProblem p) {
        h.comment("cumsum" + (p.exclusive() ? " exclusive" : "") + (p.reverse() ? " reverse" : "") + ": x "
                + Wgsl.shape(p.shape()) + " " + p.type().value + " along axis " + p.axis() + " -> out, same shape");
    }

    @Override protected void body(WgslBuilder b, CumSumProblem p, WgslMath lib) {
        int[] s = p.shape();
        int n = s[p.axis()];
        long inner = Wgsl.product(s, p.axis() + 1, s.length);
        b.line("let base = (e / " + Wgsl.u32(inner) + ") * " + Wgsl.u32(inner * n) + " + e % " + Wgsl.u32(inner) + ";");
        b.line("var acc = " + (p.type() == ScalarType.F32 ? "0.0" : "0i") + ";");
        b.open("for (var t = 0u; t < " + Wgsl.u32(n) + "; t = t + 1u) {");
        String k = p.reverse() ? "(" + Wgsl.u32(n - 1) + " - t)" : "t";
        b.line("let q = base + " + k + " * " + Wgsl.u32(inner) + ";");
        if (p.exclusive()) {
            b.line("out[q] = acc;");
            b.line("acc = acc + x[q];");
        } else {
            b.line("acc = acc + x[q];");
            b.line("out[q] = acc;");
        }
        b.close();
    }
}
