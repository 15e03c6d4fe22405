package dev.nnjit.codegen;

import dev.nnjit.schedule.ReductionConfig;

/**
 * The skeleton shared by row-reduction kernels: T = workgroupSize / rowsPerWorkgroup invocations per row, a
 * workgroup-shared array {@code red} and a tree reduction over each row's T slots. Every invocation executes every
 * barrier (rows past the end are clamped and only their stores skipped), as WGSL's uniformity rules require.
 * With T = 1 ({@link ReductionConfig#serial()}) each invocation owns a whole row: no shared array, no barriers,
 * the row's partial result is its result.
 *
 * <p>Subgroup schedules ({@link ReductionConfig#subgroups()}): in the subgroup tree (one row per workgroup) each
 * subgroup combines its partials with one subgroup operation, its elected invocation writes {@code red[sg]}, and
 * after one barrier every invocation folds the {@code nsg} slots in order (every invocation gets the same value);
 * in rows per subgroup, loop {@code r = sg, sg + nsg, ...} over the workgroup's rows, lanes stride over the row by
 * {@code lanes} and one subgroup operation gives the row's result. Subgroups are identified by
 * {@code @builtin(subgroup_id)}, never by {@code lid / subgroup_size}: WGSL does not fix how invocations map onto
 * subgroups.
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
        if (c.workgroupStorageBytes() > 0) {
            b.line("var<workgroup> red: array<f32, " + c.workgroupSize() + ">;");
            b.blank();
        }
        b.line("@compute @workgroup_size(" + c.workgroupSize() + ")");
        if (c.subgroups()) {
            b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32,"
                    + " @builtin(subgroup_invocation_id) lane: u32, @builtin(subgroup_size) lanes: u32,"
                    + " @builtin(subgroup_id) sg: u32, @builtin(num_subgroups) nsg: u32) {");
        } else {
            b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {");
        }
        int t = c.threadsPerRow();
        if (c.rowsPerSubgroup()) {
            b.open("for (var r = sg; r < " + Wgsl.u32(c.rowsPerWorkgroup()) + "; r = r + nsg) {");
        } else if (c.serial()) {
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
     * The module directives a schedule needs, to be emitted after the shape comment and before any declaration: {@code enable subgroups;} and
     * {@code requires subgroup_id;} for subgroup schedules, and for rows per subgroup also
     * {@code diagnostic(off, subgroup_uniformity)}: its subgroup operations run in a loop whose bound depends on
     * {@code sg}, which is uniform in each subgroup (what the operations need) but not in the workgroup (what
     * WGSL's analysis checks where the {@code subgroup_uniformity} language feature is missing).
     */
    static void directives(WgslBuilder h, ReductionConfig c) {
        if (!c.subgroups()) return;
        h.line("enable subgroups;");
        h.line("requires subgroup_id;");
        if (c.rowsPerSubgroup()) h.line("diagnostic(off, subgroup_uniformity);");
    }

    /** The schedule comment: how a row is split and combined. */
    static String describe(ReductionConfig c, String row) {
        if (c.rowsPerSubgroup()) {
            return "schedule " + c.key() + ": one subgroup per " + row + ", " + c.rowsPerWorkgroup() + " " + row
                    + "(s) per workgroup";
        }
        return "schedule " + c.key() + ": " + c.threadsPerRow() + " invocations per " + row + ", "
                + c.rowsPerWorkgroup() + " " + row + "(s) per workgroup" + (c.subgroups() ? ", subgroup tree" : "");
    }

    /** Closes what {@link #open} opened (the row loop of rows per subgroup, then main). */
    static void close(WgslBuilder b, ReductionConfig c) {
        if (c.rowsPerSubgroup()) b.close();
        b.close();
    }

    /**
     * Emits a loop over the row's columns owned by this invocation: {@code j = t, t + T, ...}; {@code body} is given
     * the builder and the expression of the element's input offset.
     */
    static void forColumns(WgslBuilder b, ReductionConfig c, RowLayout layout, java.util.function.BiConsumer<WgslBuilder,
            String> body) {
        String from = c.serial() ? "0u" : c.rowsPerSubgroup() ? "lane" : "t";
        String step = c.rowsPerSubgroup() ? "lanes" : Wgsl.u32(c.threadsPerRow());
        b.open("for (var j = " + from + "; j < " + Wgsl.u32(layout.cols()) + "; j = j + " + step + ") {");
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
        if (c.subgroups()) {
            reduceWithSubgroups(b, c, v, combine, result);
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

    private static void reduceWithSubgroups(WgslBuilder b, ReductionConfig c, String v, String combine, String result) {
        String op = subgroupOp(combine);
        if (c.rowsPerSubgroup()) {
            b.line("let " + result + " = " + op + "(" + v + ");");
            return;
        }
        String part = result + "Sg", acc = result + "Acc";
        b.line("let " + part + " = " + op + "(" + v + ");");
        b.open("if (subgroupElect()) {");
        b.line("red[sg] = " + part + ";");
        b.close();
        b.line("workgroupBarrier();");
        b.line("var " + acc + " = red[0];");
        b.open("for (var si = 1u; si < nsg; si = si + 1u) {");
        b.line(acc + " = " + combine.replace("%a", acc).replace("%b", "red[si]") + ";");
        b.close();
        b.line("let " + result + " = " + acc + ";");
        b.line("workgroupBarrier();");
    }

    /** The subgroup operation of a combine format (the four that row reductions use). */
    static String subgroupOp(String combine) {
        switch (combine) {
            case "%a + %b": return "subgroupAdd";
            case "%a * %b": return "subgroupMul";
            case "max(%a, %b)": return "subgroupMax";
            case "min(%a, %b)": return "subgroupMin";
            default: throw new IllegalArgumentException("no subgroup operation for combine " + combine);
        }
    }
}
