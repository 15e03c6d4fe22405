package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/**
 * ArgMax / ArgMin: one invocation per output position scans its slice along the axis (stride INNER), keeping the
 * best value and index with the reference's comparisons. Bindings: x (read), y (read_write, i32). A scan per
 * invocation suits the short axes models take argmax over (classes, vocabulary rows are split across invocations
 * by the outer dims).
 */
public final class ArgReduceKernel implements KernelGenerator<ElementwiseConfig, ArgReduceProblem> {
    public static final ArgReduceKernel INSTANCE = new ArgReduceKernel();

    @Override public String family() { return "argreduce"; }

    @Override public int[] workgroupSize(ElementwiseConfig c, ArgReduceProblem p) {
        return new int[] {c.workgroupSize(), 1, 1};
    }

    @Override public DispatchSize dispatch(ElementwiseConfig c, ArgReduceProblem p) {
        long per = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((p.outputs() + per - 1) / per);
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, ArgReduceProblem p) {
        return List.of(Binding.read(0, "x", p.type(), false, Wgsl.product(p.shape())),
                Binding.write(1, "y", ScalarType.I32, false, p.outputs()));
    }

    @Override public String generate(ElementwiseConfig c, ArgReduceProblem p) {
        if (c.vec4()) throw new IllegalArgumentException("argreduce has no vec4 form");
        WgslBuilder h = new WgslBuilder();
        h.comment((p.max() ? "argmax" : "argmin") + " of " + Wgsl.shape(p.shape()) + " " + p.type().value + " along axis "
                + p.axis() + " -> y (" + p.outer() + "," + p.inner() + ") i32, ties to the "
                + (p.selectLast() ? "last" : "first") + " index");
        h.bindings(bindings(c, p));
        h.constU32("ITEMS", p.outputs());
        String cmp = p.max() ? ">" : "<";
        String better = "v " + cmp + " best" + (p.selectLast() ? " || v == best" : "");
        WgslBuilder f = new WgslBuilder();
        f.open("fn item(i: u32) {");
        f.line("let base = (i / " + Wgsl.u32(p.inner()) + ") * " + Wgsl.u32((long) p.length() * p.inner()) + " + i % "
                + Wgsl.u32(p.inner()) + ";");
        f.line("var best = x[base];");
        f.line("var at = 0i;");
        f.open("for (var k = 1u; k < " + Wgsl.u32(p.length()) + "; k++) {");
        f.line("let v = x[base + k * " + Wgsl.u32(p.inner()) + "];");
        f.open("if (" + better + ") {");
        f.line("best = v;");
        f.line("at = i32(k);");
        f.close();
        f.close();
        f.line("y[i] = at;");
        f.close();
        f.blank();
        ElementwiseMain.emit(f, c, dispatch(c, p), p.outputs());
        return Wgsl.assemble(h.build(), null, f.build());
    }
}
