package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/** OneHot, one output element per item. Bindings: indices (read), values (read, 2 elements), out (read_write). */
public final class OneHotKernel extends ItemKernel<OneHotProblem> {
    public static final OneHotKernel INSTANCE = new OneHotKernel();

    @Override public String family() { return "onehot"; }

    @Override public long items(OneHotProblem p) { return Wgsl.product(p.outShape()); }

    @Override public List<Binding> bindings(ElementwiseConfig c, OneHotProblem p) {
        return List.of(Binding.read(0, "indices", p.indexType(), false, Math.max(1, Wgsl.product(p.indicesShape()))),
                Binding.read(1, "vals", p.valueType(), false, 2),
                Binding.write(2, "out", p.valueType(), false, items(p)));
    }

    @Override protected void comment(WgslBuilder h, OneHotProblem p) {
        h.comment("onehot: indices " + Wgsl.shape(p.indicesShape()) + " " + p.indexType().value + ", depth " + p.depth()
                + ", axis " + p.axis() + " -> out " + Wgsl.shape(p.outShape()) + " " + p.valueType().value);
    }

    @Override protected void body(WgslBuilder b, OneHotProblem p, WgslMath lib) {
        int[] out = p.outShape();
        long inner = Wgsl.product(out, p.axis() + 1, out.length);
        int depth = p.depth();
        b.line("let inner = e % " + Wgsl.u32(inner) + ";");
        b.line("let d = i32((e / " + Wgsl.u32(inner) + ") % " + Wgsl.u32(depth) + ");");
        b.line("let outer = e / " + Wgsl.u32(inner * depth) + ";");
        String raw = "indices[outer * " + Wgsl.u32(inner) + " + inner]";
        if (p.indexType() == ScalarType.F32) {
            // f32 index: truncate toward zero; values outside i32 can never match a depth position.
            b.line("let f = " + raw + ";");
            b.line("let v = select(-2147483647i, i32(f), abs(f) < 2147483648.0);");
        } else {
            b.line("let v = " + raw + ";");
        }
        b.line("let idx = select(v, v + " + Wgsl.i32(depth) + ", v < 0i);");
        b.line("out[e] = select(vals[0], vals[1], idx == d);");
    }
}
