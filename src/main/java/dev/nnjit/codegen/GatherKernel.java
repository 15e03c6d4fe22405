package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/**
 * Gather along one axis (embedding lookups, index_select). A negative index counts from the end, as ONNX
 * specifies; an index still out of range cannot raise an error on the GPU, so it is clamped to [0, dim-1] (the
 * CPU reference reports it). With vec4 (inner size divisible by 4), four consecutive elements move per item.
 * Bindings: data (read), indices (read, i32), out (read_write).
 */
public final class GatherKernel implements KernelGenerator<ElementwiseConfig, GatherProblem> {
    public static final GatherKernel INSTANCE = new GatherKernel();

    @Override public String family() { return "gather"; }

    @Override public int[] workgroupSize(ElementwiseConfig c, GatherProblem p) { return new int[] {c.workgroupSize(), 1, 1}; }

    private static long items(ElementwiseConfig c, GatherProblem p) {
        long n = Wgsl.product(p.outShape());
        return c.vec4() ? n / 4 : n;
    }

    @Override public DispatchSize dispatch(ElementwiseConfig c, GatherProblem p) {
        long per = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((items(c, p) + per - 1) / per);
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, GatherProblem p) {
        return List.of(Binding.read(0, "data", p.type(), c.vec4(), Wgsl.product(p.dataShape())),
                Binding.read(1, "indices", ScalarType.I32, false, Math.max(1, Wgsl.product(p.indicesShape()))),
                Binding.write(2, "out", p.type(), c.vec4(), Wgsl.product(p.outShape())));
    }

    @Override public String generate(ElementwiseConfig c, GatherProblem p) {
        if (c.vec4() && !p.vec4Allowed()) throw new IllegalArgumentException("vec4 gather needs inner size % 4 == 0: "
                + p.key());
        int w = c.vec4() ? 4 : 1;
        int inner = p.inner() / w;
        long nIdx = Wgsl.product(p.indicesShape());
        int dim = p.dataShape()[p.axis()];
        WgslBuilder h = new WgslBuilder();
        h.comment("gather: data " + Wgsl.shape(p.dataShape()) + " " + p.type().value + ", indices "
                + Wgsl.shape(p.indicesShape()) + " i32, axis " + p.axis() + " -> out " + Wgsl.shape(p.outShape()));
        h.bindings(bindings(c, p));
        h.constU32("ITEMS", items(c, p));
        WgslBuilder b = new WgslBuilder();
        b.open("fn item(i: u32) {");
        b.line("let inner = i % " + Wgsl.u32(inner) + ";");
        b.line("let q = i / " + Wgsl.u32(inner) + ";");
        b.line("let pos = q % " + Wgsl.u32(nIdx) + ";");
        b.line("let outer = q / " + Wgsl.u32(nIdx) + ";");
        b.line("let raw = indices[pos];");
        b.line("let idx = u32(clamp(select(raw, raw + " + Wgsl.i32(dim) + ", raw < 0i), 0i, " + Wgsl.i32(dim - 1) + "));");
        b.line("out[i] = data[(outer * " + Wgsl.u32(dim) + " + idx) * " + Wgsl.u32(inner) + " + inner];");
        b.close();
        b.blank();
        ElementwiseMain.emit(b, c, dispatch(c, p), items(c, p));
        return Wgsl.assemble(h.build(), null, b.build());
    }
}
