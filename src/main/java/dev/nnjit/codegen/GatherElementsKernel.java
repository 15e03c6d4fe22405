package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/** GatherElements, one output element per item. Bindings: data (read), indices (read, i32), out (read_write). */
public final class GatherElementsKernel extends ItemKernel<GatherElementsProblem> {
    public static final GatherElementsKernel INSTANCE = new GatherElementsKernel();

    @Override public String family() { return "gather_elements"; }

    @Override public long items(GatherElementsProblem p) { return Wgsl.product(p.indicesShape()); }

    @Override public List<Binding> bindings(ElementwiseConfig c, GatherElementsProblem p) {
        return List.of(Binding.read(0, "data", p.type(), false, Wgsl.product(p.dataShape())),
                Binding.read(1, "indices", ScalarType.I32, false, items(p)),
                Binding.write(2, "out", p.type(), false, items(p)));
    }

    @Override protected void comment(WgslBuilder h, GatherElementsProblem p) {
        h.comment("gather_elements: data " + Wgsl.shape(p.dataShape()) + " " + p.type().value + ", indices "
                + Wgsl.shape(p.indicesShape()) + " i32, axis " + p.axis() + " -> out " + Wgsl.shape(p.indicesShape()));
    }

    @Override protected void body(WgslBuilder b, GatherElementsProblem p, WgslMath lib) {
        int[] data = p.dataShape();
        int dim = data[p.axis()];
        String[] c = coords(b, "e", p.indicesShape(), "c");
        b.line("let raw = indices[e];");
        b.line("let idx = u32(clamp(select(raw, raw + " + Wgsl.i32(dim) + ", raw < 0i), 0i, " + Wgsl.i32(dim - 1) + "));");
        c[p.axis()] = "idx";
        b.line("out[e] = data[" + offset(c, Wgsl.contiguousStrides(data)) + "];");
    }
}
