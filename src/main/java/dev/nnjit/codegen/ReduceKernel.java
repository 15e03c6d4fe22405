package dev.nnjit.codegen;

import dev.nnjit.schedule.ReductionConfig;
import java.util.List;

/**
 * ReduceSum/Mean/Max/Min/Prod/SumSquare/L1/L2/LogSumExp over any axes: each output value is one row of the
 * {@link RowLayout}, reduced by {@code threadsPerRow} invocations and a tree in workgroup memory. LogSumExp
 * subtracts the row max first (two reductions). Bindings: x (read), y (read_write).
 */
public final class ReduceKernel implements KernelGenerator<ReductionConfig, ReduceProblem> {
    public static final ReduceKernel INSTANCE = new ReduceKernel();

    @Override public String family() { return "reduce"; }

    @Override public int[] workgroupSize(ReductionConfig c, ReduceProblem p) { return new int[] {c.workgroupSize(), 1, 1}; }

    @Override public int workgroupStorageBytes(ReductionConfig c, ReduceProblem p) { return c.workgroupStorageBytes(); }

    @Override public DispatchSize dispatch(ReductionConfig c, ReduceProblem p) {
        return RowReduction.dispatch(c, p.layout().rows());
    }

    @Override public List<Binding> bindings(ReductionConfig c, ReduceProblem p) {
        RowLayout l = p.layout();
        return List.of(Binding.read(0, "x", ScalarType.F32, false, l.elements()),
                Binding.write(1, "y", ScalarType.F32, false, l.rows()));
    }

    @Override public String generate(ReductionConfig c, ReduceProblem p) {
        RowLayout l = p.layout();
        WgslBuilder h = new WgslBuilder();
        h.comment("reduce_" + p.op().name().toLowerCase() + ": x " + Wgsl.shape(p.shape()) + " over axes "
                + Wgsl.shape(p.axes()) + " -> y (" + l.rows() + "), " + l.cols() + " values each; " + l.describe());
        h.comment(RowReduction.describe(c, "output"));
        RowReduction.directives(h, c);
        h.bindings(bindings(c, p));
        WgslBuilder b = new WgslBuilder();
        boolean guard = RowReduction.open(b, c, l);
        String init, acc, combine;
        switch (p.op()) {
            case MAX: init = Wgsl.NEG_INF; acc = "max(acc, v)"; combine = "max(%a, %b)"; break;
            case MIN: init = Wgsl.INF; acc = "min(acc, v)"; combine = "min(%a, %b)"; break;
            case PROD: init = "1.0"; acc = "acc * v"; combine = "%a * %b"; break;
            case SUM_SQUARE: case L2: init = "0.0"; acc = "fma(v, v, acc)"; combine = "%a + %b"; break;
            case L1: init = "0.0"; acc = "acc + abs(v)"; combine = "%a + %b"; break;
            default: init = "0.0"; acc = "acc + v"; combine = "%a + %b"; break;
        }
        String shift = "";
        if (p.op() == ReduceProblem.Op.LOG_SUM_EXP) {
            b.line("var mx = " + Wgsl.NEG_INF + ";");
            RowReduction.forColumns(b, c, l, (bb, off) -> bb.line("mx = max(mx, x[" + off + "]);"));
            RowReduction.reduce(b, c, "mx", "max(%a, %b)", "rowMax");
            acc = "acc + " + WgslMath.expOfNonPositive("v - rowMax");
            shift = "rowMax";
        }
        b.line("var acc = " + init + ";");
        String accFinal = acc;
        RowReduction.forColumns(b, c, l, (bb, off) -> {
            bb.line("let v = x[" + off + "];");
            bb.line("acc = " + accFinal + ";");
        });
        RowReduction.reduce(b, c, "acc", combine, "total");
        String result;
        switch (p.op()) {
            case MEAN: result = "total / " + Wgsl.f32(l.cols()); break;
            case L2: result = "sqrt(total)"; break;
            case LOG_SUM_EXP: result = shift + " + log(total)"; break;
            default: result = "total";
        }
        if (guard) b.open("if (rowIdx < " + Wgsl.u32(l.rows()) + ") {");
        b.line("y[rowIdx] = " + result + ";");
        if (guard) b.close();
        RowReduction.close(b, c);
        return Wgsl.assemble(h.build(), null, b.build());
    }
}
