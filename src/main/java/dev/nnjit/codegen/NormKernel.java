package dev.nnjit.codegen;

import dev.nnjit.schedule.ReductionConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * LayerNorm and RMSNorm: per row a tree-reduced sum (mean), for LayerNorm a second tree-reduced sum of squared
 * deviations (two passes: no cancellation, unlike E[x^2] - E[x]^2), then y. Bindings: x, scale, [bias] (read),
 * y (read_write).
 */
public final class NormKernel implements KernelGenerator<ReductionConfig, NormProblem> {
    public static final NormKernel INSTANCE = new NormKernel();

    @Override public String family() { return "norm"; }

    @Override public int[] workgroupSize(ReductionConfig c, NormProblem p) { return new int[] {c.workgroupSize(), 1, 1}; }

    @Override public int workgroupStorageBytes(ReductionConfig c, NormProblem p) { return c.workgroupStorageBytes(); }

    @Override public DispatchSize dispatch(ReductionConfig c, NormProblem p) { return RowReduction.dispatch(c, p.rows()); }

    @Override public List<Binding> bindings(ReductionConfig c, NormProblem p) {
        long n = (long) p.rows() * p.cols();
        List<Binding> l = new ArrayList<>();
        l.add(Binding.read(0, "x", ScalarType.F32, false, n));
        l.add(Binding.read(1, "scale", ScalarType.F32, false, p.cols()));
        if (p.hasBias()) l.add(Binding.read(2, "bias", ScalarType.F32, false, p.cols()));
        l.add(Binding.write(l.size(), "y", ScalarType.F32, false, n));
        return l;
    }

    @Override public String generate(ReductionConfig c, NormProblem p) {
        boolean layer = p.kind() == NormProblem.Kind.LAYER;
        WgslBuilder h = new WgslBuilder();
        h.comment((layer ? "layer_norm" : "rms_norm") + ": x (" + p.rows() + "," + p.cols() + "), scale (" + p.cols() + ")"
                + (p.hasBias() ? ", bias (" + p.cols() + ")" : "") + " -> y (" + p.rows() + "," + p.cols() + "), eps "
                + p.epsilon());
        h.comment(RowReduction.describe(c, "row"));
        RowReduction.directives(h, c);
        h.bindings(bindings(c, p));
        WgslBuilder b = new WgslBuilder();
        RowLayout layout = p.layout();
        boolean guard = RowReduction.open(b, c, layout);
        if (layer) {
            b.line("var s = 0.0;");
            RowReduction.forColumns(b, c, layout, (bb, off) -> bb.line("s = s + x[" + off + "];"));
            RowReduction.reduce(b, c, "s", "%a + %b", "total");
            b.line("let mean = total / " + Wgsl.f32(p.cols()) + ";");
            b.line("var q = 0.0;");
            RowReduction.forColumns(b, c, layout, (bb, off) -> {
                bb.line("let d = x[" + off + "] - mean;");
                bb.line("q = fma(d, d, q);");
            });
            RowReduction.reduce(b, c, "q", "%a + %b", "sq");
            b.line("let inv = inverseSqrt(sq / " + Wgsl.f32(p.cols()) + " + " + Wgsl.f32(p.epsilon()) + ");");
        } else {
            b.line("var q = 0.0;");
            RowReduction.forColumns(b, c, layout, (bb, off) -> {
                bb.line("let v = x[" + off + "];");
                bb.line("q = fma(v, v, q);");
            });
            RowReduction.reduce(b, c, "q", "%a + %b", "sq");
            b.line("let inv = inverseSqrt(sq / " + Wgsl.f32(p.cols()) + " + " + Wgsl.f32(p.epsilon()) + ");");
        }
        if (guard) b.open("if (rowIdx < " + Wgsl.u32(p.rows()) + ") {");
        String shift = layer ? " - mean" : "";
        RowReduction.forColumns(b, c, layout, (bb, off) -> bb.line("y[" + off + "] = (x[" + off + "]" + shift
                + ") * inv * scale[j]" + (p.hasBias() ? " + bias[j]" : "") + ";"));
        if (guard) b.close();
        RowReduction.close(b, c);
        return Wgsl.assemble(h.build(), null, b.build());
    }
}
