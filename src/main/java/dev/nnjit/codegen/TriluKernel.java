package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/** Trilu: out = x where the diagonal band condition holds, else 0. Bindings: x (read), out (read_write). */
public final class TriluKernel extends ItemKernel<TriluProblem> {
    public static final TriluKernel INSTANCE = new TriluKernel();

    @Override public String family() { return "trilu"; }

    @Override public long items(TriluProblem p) { return Wgsl.product(p.shape()); }

    @Override public List<Binding> bindings(ElementwiseConfig c, TriluProblem p) {
        return List.of(Binding.read(0, "x", p.type(), false, items(p)), Binding.write(1, "out", p.type(), false, items(p)));
    }

    @Override protected void comment(WgslBuilder h, TriluProblem p) {
        h.comment("trilu " + (p.upper() ? "upper" : "lower") + " k=" + p.k() + ": x " + Wgsl.shape(p.shape()) + " "
                + p.type().value + " -> out, same shape");
    }

    @Override protected void body(WgslBuilder b, TriluProblem p, WgslMath lib) {
        int[] s = p.shape();
        int rows = s[s.length - 2], cols = s[s.length - 1];
        // j - i ranges over [-(rows-1), cols-1]: clamp k into [-rows, cols] so the literal fits i32 and the test holds.
        long k = Math.max(-(long) rows, Math.min(cols, p.k()));
        b.line("let j = i32(e % " + Wgsl.u32(cols) + ");");
        b.line("let i = i32((e / " + Wgsl.u32(cols) + ") % " + Wgsl.u32(rows) + ");");
        String keep = p.upper() ? "j - i >= " + Wgsl.i32(k) : "j - i <= " + Wgsl.i32(k);
        String zero = p.type() == ScalarType.F32 ? "0.0" : p.type() == ScalarType.I32 ? "0i" : "0u";
        b.line("out[e] = select(" + zero + ", x[e], " + keep + ");");
    }
}
