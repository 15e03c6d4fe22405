package dev.nnjit.codegen;

import dev.nnjit.schedule.ReductionConfig;

/**
 * The skeleton shared by row-reduction kernels: T = workgroupSize / rowsPerWorkgroup invocations per row, a
 * workgroup-shared array {@code red} and a tree reduction over each row's T slots. Every invocation executes every
 * barrier (rows past the end are clamped and only their stores skipped), as WGSL's uniformity rules require.
 * With T = 1 ({@link ReductionConfig#serial()}) each invocation owns a whole row: no shared array, no barriers,
 * the row's partial result is its result.
 */
final class RowReduction {
    private RowReduction() {}

    static DispatchSize dispatch(ReductionConfig c, int rows) {
        return DispatchSize.linear((rows + c.rowsPerWorkgroup() - 1) / c.rowsPerWorkgroup());
    }

    /**
     * Opens main and emits {@code t} (index within the row), {@code r} (row within the workgroup), {@code rowIdx}
     * (possibly past the end), {@code row} (clamped) and {@code base} (the row's offset in the input). Returns
     * whether stores need the {@code rowIdx < ROWS} guard.
     */
    static boolean open(WgslBuilder b, ReductionConfig c, RowLayout layout) {
        int rows = layout.rows();
        DispatchSize d = dispatch(c, rows);
        if (!c.serial()) {
            b.line("var<workgroup> red: array<f32, " + c.workgroupSize() + ">;");
            b.blank();
        }
        b.line("@compute @workgroup_size(" + c.workgroupSize() + ")");
        b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {");
        int t = c.threadsPerRow();
        if (c.serial()) {
            b.line("let r = lid;");
        } else {
            b.line("let t = lid % " + Wgsl.u32(t) + ";");
            b.line("let r = lid / " + Wgsl.u32(t) + ";");
        }
        b.line("let rowIdx = " + IndexMath.workgroupIndex(d) + " * " + Wgsl.u32(c.rowsPerWorkgroup()) + " + r;");
        boolean guard = d.total() * c.rowsPerWorkgroup() != rows;
        b.line("let row = " + (guard ? "min(rowIdx, " + Wgsl.u32(rows - 1) + ")" : "rowIdx") + ";");
        layout.emitRowBase(b, "row", "base");
        return guard;
    }

    /**
     * Emits a loop over the row's columns owned by this invocation: {@code j = t, t + T, ...}; {@code body} is given
     * the builder and the expression of the element's input offset.
     */
    static void forColumns(WgslBuilder b, ReductionConfig c, RowLayout layout, java.util.function.BiConsumer<WgslBuilder,
            String> body) {
        String from = c.serial() ? "0u" : "t";
        b.open("for (var j = " + from + "; j < " + Wgsl.u32(layout.cols()) + "; j = j + " + Wgsl.u32(c.threadsPerRow())
                + ") {");
        String col = layout.emitColOffset(b, "j", "co");
        body.accept(b, "base + " + col);
        b.close();
    }

    /**
     * Emits the tree reduction of the f32 variable {@code v} over the row's invocations with {@code combine} (a
     * format like "max(%a, %b)"), leaving the row's result in {@code let result}.
     */
    static void reduce(WgslBuilder b, ReductionConfig c, String v, String combine, String result) {
        if (c.serial()) {
            b.line("let " + result + " = " + v + ";");
            return;
        }
        b.line("red[lid] = " + v + ";");
        b.line("workgroupBarrier();");
        for (int s = c.threadsPerRow() / 2; s > 0; s /= 2) {
            b.open("if (t < " + Wgsl.u32(s) + ") {");
            b.line("red[lid] = " + combine.replace("%a", "red[lid]").replace("%b", "red[lid + " + Wgsl.u32(s) + "]") + ";");
            b.close();
            b.line("workgroupBarrier();");
        }
        b.line("let " + result + " = red[r * " + Wgsl.u32(c.threadsPerRow()) + "];");
        b.line("workgroupBarrier();");
    }
}
