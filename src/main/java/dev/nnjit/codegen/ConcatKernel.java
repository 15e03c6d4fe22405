package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Concat: each output item finds its input by its position along the axis (a chain of comparisons against static
 * boundaries) and copies. With vec4 (inner size divisible by 4) four elements move per item. Bindings: in0..in{N-1}
 * (read), out (read_write); more inputs than maxStorageBuffersPerShaderStage - 1 make the instance illegal (the
 * runtime then concatenates in groups).
 */
public final class ConcatKernel implements KernelGenerator<ElementwiseConfig, ConcatProblem> {
    public static final ConcatKernel INSTANCE = new ConcatKernel();

    @Override public String family() { return "concat"; }

    @Override public int[] workgroupSize(ElementwiseConfig c, ConcatProblem p) { return new int[] {c.workgroupSize(), 1, 1}; }

    private static long items(ElementwiseConfig c, ConcatProblem p) {
        long n = Wgsl.product(p.outShape());
        return c.vec4() ? n / 4 : n;
    }

    @Override public DispatchSize dispatch(ElementwiseConfig c, ConcatProblem p) {
        long per = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((items(c, p) + per - 1) / per);
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, ConcatProblem p) {
        List<Binding> l = new ArrayList<>();
        for (int i = 0; i < p.inputShapes().size(); i++) {
            l.add(Binding.read(i, "in" + i, p.type(), c.vec4(), Wgsl.product(p.inputShapes().get(i))));
        }
        l.add(Binding.write(l.size(), "out", p.type(), c.vec4(), Wgsl.product(p.outShape())));
        return l;
    }

    @Override public String generate(ElementwiseConfig c, ConcatProblem p) {
        if (c.vec4() && !p.vec4Allowed()) throw new IllegalArgumentException("vec4 concat needs inner size % 4 == 0: "
                + p.key());
        int w = c.vec4() ? 4 : 1;
        long inner = p.inner() / w;
        int[] out = p.outShape();
        long block = out[p.axis()] * inner;
        WgslBuilder h = new WgslBuilder();
        StringBuilder shapes = new StringBuilder();
        for (int[] s : p.inputShapes()) shapes.append(shapes.length() == 0 ? "" : ", ").append(Wgsl.shape(s));
        h.comment("concat: " + shapes + " " + p.type().value + " along axis " + p.axis() + " -> out " + Wgsl.shape(out));
        h.bindings(bindings(c, p));
        h.constU32("ITEMS", items(c, p));
        WgslBuilder b = new WgslBuilder();
        b.open("fn item(i: u32) {");
        b.line("let pa = i % " + Wgsl.u32(block) + ";");
        b.line("let outer = i / " + Wgsl.u32(block) + ";");
        long start = 0;
        int n = p.inputShapes().size();
        for (int k = 0; k < n; k++) {
            long size = p.inputShapes().get(k)[p.axis()] * inner;
            long end = start + size;
            String copy = "out[i] = in" + k + "[outer * " + Wgsl.u32(size) + " + pa" + (start > 0 ? " - " + Wgsl.u32(start) : "")
                    + "];";
            if (k == 0 && n == 1) b.line(copy);
            else if (k == 0) { b.open("if (pa < " + Wgsl.u32(end) + ") {"); b.line(copy); }
            else if (k < n - 1) { b.reopen("} else if (pa < " + Wgsl.u32(end) + ") {"); b.line(copy); }
            else { b.reopen("} else {"); b.line(copy); b.close(); }
            start = end;
        }
        b.close();
        b.blank();
        ElementwiseMain.emit(b, c, dispatch(c, p), items(c, p));
        return Wgsl.assemble(h.build(), null, b.build());
    }
}
