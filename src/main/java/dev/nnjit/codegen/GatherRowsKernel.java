package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/**
 * One block of a row-split Gather ({@link GatherRowsProblem}): item i is element {@code i % INNER} of output row
 * {@code i / INNER}; it is written only when that row's (normalized) index falls in this block. Bindings: data (the
 * block, read), indices (read, i32), out (read_write: the whole output, shared by the blocks' dispatches).
 */
public final class GatherRowsKernel implements KernelGenerator<ElementwiseConfig, GatherRowsProblem> {
    public static final GatherRowsKernel INSTANCE = new GatherRowsKernel();

    @Override public String family() { return "gather_rows"; }

    @Override public int[] workgroupSize(ElementwiseConfig c, GatherRowsProblem p) {
        return new int[] {c.workgroupSize(), 1, 1};
    }

    @Override public DispatchSize dispatch(ElementwiseConfig c, GatherRowsProblem p) {
        long per = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((p.outputs() + per - 1) / per);
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, GatherRowsProblem p) {
        return List.of(Binding.read(0, "data", p.type(), false, (long) p.rows() * p.inner()),
                Binding.read(1, "indices", ScalarType.I32, false, Math.max(1, p.indices())),
                Binding.write(2, "out", p.type(), false, p.outputs()));
    }

    @Override public String generate(ElementwiseConfig c, GatherRowsProblem p) {
        if (c.vec4()) throw new IllegalArgumentException("gather_rows has no vec4 form");
        WgslBuilder h = new WgslBuilder();
        h.comment("gather rows [" + p.start() + ", " + (p.start() + p.rows()) + ") of a (" + p.dim() + "," + p.inner()
                + ") " + p.type().value + " table, indices " + Wgsl.shape(p.indicesShape()) + " i32 -> out ("
                + p.indices() + "," + p.inner() + "), rows of other blocks untouched");
        h.bindings(bindings(c, p));
        h.constU32("ITEMS", p.outputs());
        WgslBuilder f = new WgslBuilder();
        f.open("fn item(i: u32) {");
        f.line("let raw = indices[i / " + Wgsl.u32(p.inner()) + "];");
        f.line("let idx = clamp(select(raw, raw + " + Wgsl.i32(p.dim()) + ", raw < 0i), 0i, " + Wgsl.i32(p.dim() - 1)
                + ");");
        f.open("if (idx >= " + Wgsl.i32(p.start()) + " && idx < " + Wgsl.i32((long) p.start() + p.rows()) + ") {");
        f.line("out[i] = data[u32(idx - " + Wgsl.i32(p.start()) + ") * " + Wgsl.u32(p.inner()) + " + i % "
                + Wgsl.u32(p.inner()) + "];");
        f.close();
        f.close();
        f.blank();
        ElementwiseMain.emit(f, c, dispatch(c, p), p.outputs());
        return Wgsl.assemble(h.build(), null, f.build());
    }
}
