package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * MatMulInteger, exact in i32: one output element per item, a plain loop over k (the int8 models that use it run
 * small M; f32 matmul kernels would round sums above 2^24). Bindings: a, b, [a_zero_point], [b_zero_point] (read,
 * i32), out (read_write, i32).
 */
public final class IntMatmulKernel extends ItemKernel<IntMatmulProblem> {
    public static final IntMatmulKernel INSTANCE = new IntMatmulKernel();

    @Override public String family() { return "int_matmul"; }

    @Override public long items(IntMatmulProblem p) { return p.outputs(); }

    @Override public List<Binding> bindings(ElementwiseConfig c, IntMatmulProblem p) {
        List<Binding> b = new ArrayList<>();
        b.add(Binding.read(0, "a", ScalarType.I32, false, p.aElements()));
        b.add(Binding.read(1, "bm", ScalarType.I32, false, p.bElements()));
        if (p.aZeroPoint() > 0) b.add(Binding.read(b.size(), "za", ScalarType.I32, false, p.aZeroPoint() == 2 ? p.m() : 1));
        if (p.bZeroPoint() > 0) b.add(Binding.read(b.size(), "zb", ScalarType.I32, false, p.bZeroPoint() == 2 ? p.n() : 1));
        b.add(Binding.write(b.size(), "out", ScalarType.I32, false, p.outputs()));
        return b;
    }

    @Override protected void comment(WgslBuilder h, IntMatmulProblem p) {
        h.comment("int_matmul: (a - za) (" + Wgsl.shape(p.batch()) + "," + p.m() + "," + p.k() + ") @ (bm - zb) ("
                + p.k() + "," + p.n() + ") -> out (" + p.m() + "," + p.n() + ") i32 per batch " + Wgsl.shape(p.batch()));
    }

    @Override protected void body(WgslBuilder b, IntMatmulProblem p, WgslMath lib) {
        b.line("let col = e % " + Wgsl.u32(p.n()) + ";");
        b.line("let row = (e / " + Wgsl.u32(p.n()) + ") % " + Wgsl.u32(p.m()) + ";");
        b.line("let bi = e / " + Wgsl.u32((long) p.m() * p.n()) + ";");
        String aBase = "0u", bBase = "0u";
        if (p.batch().length > 0) {
            String[] c = coords(b, "bi", p.batch(), "bc");
            aBase = IndexMath.offset(c, p.aBatchStrides(), 0);
            bBase = IndexMath.offset(c, p.bBatchStrides(), 0);
        }
        b.line("let ab = " + aBase + " + row * " + Wgsl.u32(p.k()) + ";");
        b.line("let bb = " + bBase + " + col;");
        b.line("let za0 = " + (p.aZeroPoint() == 0 ? "0i" : p.aZeroPoint() == 1 ? "za[0]" : "za[row]") + ";");
        b.line("let zb0 = " + (p.bZeroPoint() == 0 ? "0i" : p.bZeroPoint() == 1 ? "zb[0]" : "zb[col]") + ";");
        b.line("var acc = 0i;");
        b.open("for (var t = 0u; t < " + Wgsl.u32(p.k()) + "; t = t + 1u) {");
        b.line("acc = acc + (a[ab + t] - za0) * (bm[bb + t * " + Wgsl.u32(p.n()) + "] - zb0);");
        b.close();
        b.line("out[e] = acc;");
    }
}
