package dev.nnjit.codegen;

import dev.nnjit.schedule.ReductionConfig;
import java.util.List;

/**
 * ArgMax/ArgMin as a row reduction ({@link RowLayout}): each of a row's T invocations scans its columns in
 * increasing order, then a tree in workgroup memory combines (value, index) pairs, preferring the better value and,
 * between equal values, the lower index (or the higher with select_last_index), so the result does not depend on
 * T. (A NaN compares false, as in the reference's scan, but may win where the reference's order would not pick
 * it.) Bindings: x (read), y (read_write, i32).
 */
public final class ArgReduceKernel implements KernelGenerator<ReductionConfig, ArgReduceProblem> {
    public static final ArgReduceKernel INSTANCE = new ArgReduceKernel();
    private static final String NONE = "0xffffffffu";

    @Override public String family() { return "argreduce"; }

    @Override public int[] workgroupSize(ReductionConfig c, ArgReduceProblem p) {
        return new int[] {c.workgroupSize(), 1, 1};
    }

    @Override public int workgroupStorageBytes(ReductionConfig c, ArgReduceProblem p) { return 8 * c.workgroupSize(); }

    @Override public DispatchSize dispatch(ReductionConfig c, ArgReduceProblem p) {
        return RowReduction.dispatch(c, p.layout().rows());
    }

    @Override public List<Binding> bindings(ReductionConfig c, ArgReduceProblem p) {
        RowLayout l = p.layout();
        return List.of(Binding.read(0, "x", p.type(), false, l.elements()),
                Binding.write(1, "y", ScalarType.I32, false, l.rows()));
    }

    @Override public String generate(ReductionConfig c, ArgReduceProblem p) {
        RowLayout l = p.layout();
        String t = p.type().value;
        String cmp = p.max() ? ">" : "<";
        WgslBuilder h = new WgslBuilder();
        h.comment("arg" + (p.max() ? "max" : "min") + (p.selectLast() ? " (last index on ties)" : "") + ": x "
                + Wgsl.shape(p.shape()) + " " + t + " over axis " + p.axis() + " -> y (" + l.rows() + ") i32; "
                + l.describe());
        h.bindings(bindings(c, p));
        WgslBuilder b = new WgslBuilder();
        // (value a, index ia) replaced by (value v, index iv)? NONE marks an empty slot.
        b.open("fn better(v: " + t + ", iv: u32, a: " + t + ", ia: u32) -> bool {");
        b.line("if (iv == " + NONE + ") { return false; }");
        b.line("if (ia == " + NONE + ") { return true; }");
        b.line("return v " + cmp + " a || (v == a && iv " + (p.selectLast() ? ">" : "<") + " ia);");
        b.close();
        b.blank();
        int rows = l.rows();
        DispatchSize d = dispatch(c, p);
        int threads = c.threadsPerRow();
        b.line("var<workgroup> rv: array<" + t + ", " + c.workgroupSize() + ">;");
        b.line("var<workgroup> ri: array<u32, " + c.workgroupSize() + ">;");
        b.blank();
        b.line("@compute @workgroup_size(" + c.workgroupSize() + ")");
        b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {");
        b.line("let t = lid % " + Wgsl.u32(threads) + ";");
        b.line("let r = lid / " + Wgsl.u32(threads) + ";");
        b.line("let rowIdx = " + IndexMath.workgroupIndex(d) + " * " + Wgsl.u32(c.rowsPerWorkgroup()) + " + r;");
        boolean guard = d.total() * c.rowsPerWorkgroup() != rows;
        b.line("let row = " + (guard ? "min(rowIdx, " + Wgsl.u32(rows - 1) + ")" : "rowIdx") + ";");
        l.emitRowBase(b, "row", "base");
        b.line("var best = x[base];");
        b.line("var bi = " + NONE + ";");
        RowReduction.forColumns(b, c, l, (bb, off) -> {
            bb.line("let v = x[" + off + "];");
            bb.line("if (better(v, j, best, bi)) { best = v; bi = j; }");
        });
        b.line("rv[lid] = best;");
        b.line("ri[lid] = bi;");
        b.line("workgroupBarrier();");
        for (int s = threads / 2; s > 0; s /= 2) {
            b.open("if (t < " + Wgsl.u32(s) + ") {");
            String o = "lid + " + Wgsl.u32(s);
            b.open("if (better(rv[" + o + "], ri[" + o + "], rv[lid], ri[lid])) {");
            b.line("rv[lid] = rv[" + o + "];");
            b.line("ri[lid] = ri[" + o + "];");
            b.close();
            b.close();
            b.line("workgroupBarrier();");
        }
        if (guard) b.open("if (rowIdx < " + Wgsl.u32(rows) + " && t == 0u) {");
        else b.open("if (t == 0u) {");
        b.line("y[rowIdx] = i32(ri[lid]);");
        b.close();
        b.close();
        return Wgsl.assemble(h.build(), null, b.build());
    }
}
