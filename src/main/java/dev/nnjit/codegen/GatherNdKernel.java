package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/**
 * GatherND, one output element per item: item i is element {@code i % SLICE} of tuple {@code i / SLICE}; the tuple's
 * k indices (wrapped when negative, then clamped into their dim so a bad index cannot read out of bounds) select
 * the slice within its batch. Bindings: data (read), indices (read, i32), out (read_write). Scalar items only (the
 * op moves little data in the models that use it: causal masks).
 */
public final class GatherNdKernel implements KernelGenerator<ElementwiseConfig, GatherNdProblem> {
    public static final GatherNdKernel INSTANCE = new GatherNdKernel();

    @Override public String family() { return "gathernd"; }

    @Override public int[] workgroupSize(ElementwiseConfig c, GatherNdProblem p) {
        return new int[] {c.workgroupSize(), 1, 1};
    }

    private static long items(GatherNdProblem p) { return Wgsl.product(p.outShape()); }

    @Override public DispatchSize dispatch(ElementwiseConfig c, GatherNdProblem p) {
        long per = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((items(p) + per - 1) / per);
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, GatherNdProblem p) {
        return List.of(Binding.read(0, "data", p.type(), false, Wgsl.product(p.dataShape())),
                Binding.read(1, "indices", ScalarType.I32, false, Wgsl.product(p.indicesShape())),
                Binding.write(2, "out", p.type(), false, items(p)));
    }

    @Override public String generate(ElementwiseConfig c, GatherNdProblem p) {
        if (c.vec4()) throw new IllegalArgumentException("gathernd has no vec4 form");
        int[] data = p.dataShape();
        int[] strides = Wgsl.contiguousStrides(data);
        int b = p.batchDims();
        int k = p.k();
        WgslBuilder h = new WgslBuilder();
        h.comment("gathernd: data " + Wgsl.shape(data) + " " + p.type().value + ", indices "
                + Wgsl.shape(p.indicesShape()) + " i32, batch_dims " + b + " -> out " + Wgsl.shape(p.outShape()));
        h.bindings(bindings(c, p));
        h.constU32("ITEMS", items(p));
        WgslBuilder f = new WgslBuilder();
        f.open("fn item(i: u32) {");
        f.line("let s = i % " + Wgsl.u32(p.slice()) + ";");
        f.line("let g = i / " + Wgsl.u32(p.slice()) + ";");
        long batchStride = Wgsl.product(data, b, data.length);
        f.line("var off = (g / " + Wgsl.u32(Math.max(1, p.tuplesPerBatch())) + ") * " + Wgsl.u32(batchStride) + " + s;");
        for (int j = 0; j < k; j++) {
            int dim = data[b + j];
            f.line("let r" + j + " = indices[g * " + Wgsl.u32(k) + " + " + Wgsl.u32(j) + "];");
            f.line("off += u32(clamp(select(r" + j + ", r" + j + " + " + Wgsl.i32(dim) + ", r" + j + " < 0i), 0i, "
                    + Wgsl.i32(dim - 1) + ")) * " + Wgsl.u32(strides[b + j]) + ";");
        }
        f.line("out[i] = data[off];");
        f.close();
        f.blank();
        ElementwiseMain.emit(f, c, dispatch(c, p), items(p));
        return Wgsl.assemble(h.build(), null, f.build());
    }
}
