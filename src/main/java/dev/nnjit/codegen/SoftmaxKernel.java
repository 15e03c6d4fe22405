package dev.nnjit.codegen;

import dev.nnjit.schedule.ReductionConfig;
import java.util.List;

/**
 * Softmax / LogSoftmax: per row, max (tree-reduced), then sum of exp(x - max) (tree-reduced), then the outputs.
 * Three passes over the row read it from storage each time (rows are short: the hidden or sequence length).
 * A row that is all -inf gives NaN, as the reference does. Bindings: x (read), y (read_write).
 */
public final class SoftmaxKernel implements KernelGenerator<ReductionConfig, SoftmaxProblem> {
    public static final SoftmaxKernel INSTANCE = new SoftmaxKernel();

    @Override public String family() { return "softmax"; }

    @Override public int[] workgroupSize(ReductionConfig c, SoftmaxProblem p) { return new int[] {c.workgroupSize(), 1, 1}; }

    @Override public int workgroupStorageBytes(ReductionConfig c, SoftmaxProblem p) { return c.workgroupStorageBytes(); }

    @Override public DispatchSize dispatch(ReductionConfig c, SoftmaxProblem p) {
        return RowReduction.dispatch(c, p.layout().rows());
    }

    @Override public List<Binding> bindings(ReductionConfig c, SoftmaxProblem p) {
        long n = p.layout().elements();
        return List.of(Binding.read(0, "x", ScalarType.F32, false, n), Binding.write(1, "y", ScalarType.F32, false, n));
    }

    @Override public String generate(ReductionConfig c, SoftmaxProblem p) {
        WgslBuilder h = new WgslBuilder();
        h.comment((p.log() ? "log_softmax" : "softmax") + ": x " + p.layout().describe() + " -> y, per row of "
                + p.layout().cols());
        h.comment(RowReduction.describe(c, "row"));
        RowReduction.directives(h, c);
        h.bindings(bindings(c, p));
        WgslBuilder b = new WgslBuilder();
        boolean guard = RowReduction.open(b, c, p.layout());
        b.line("var mx = " + Wgsl.NEG_INF + ";");
        RowReduction.forColumns(b, c, p.layout(), (bb, off) -> bb.line("mx = max(mx, x[" + off + "]);"));
        RowReduction.reduce(b, c, "mx", "max(%a, %b)", "rowMax");
        b.line("var sum = 0.0;");
        RowReduction.forColumns(b, c, p.layout(), (bb, off) -> bb.line("sum = sum + "
                + WgslMath.expOfNonPositive("x[" + off + "] - rowMax") + ";"));
        RowReduction.reduce(b, c, "sum", "%a + %b", "rowSum");
        if (guard) b.open("if (rowIdx < " + Wgsl.u32(p.layout().rows()) + ") {");
        if (p.log()) {
            b.line("let shift = rowMax + log(rowSum);");
            RowReduction.forColumns(b, c, p.layout(), (bb, off) -> bb.line("y[" + off + "] = x[" + off + "] - shift;"));
        } else {
            b.line("let inv = 1.0 / rowSum;");
            RowReduction.forColumns(b, c, p.layout(),
                    (bb, off) -> bb.line("y[" + off + "] = "
                            + WgslMath.expOfNonPositive("x[" + off + "] - rowMax") + " * inv;"));
        }
        if (guard) b.close();
        RowReduction.close(b, c);
        return Wgsl.assemble(h.build(), null, b.build());
    }
}
