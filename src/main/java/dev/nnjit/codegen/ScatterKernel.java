package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/**
 * The scatter pass of ScatterND / ScatterElements over {@code out} (already a copy of data). Without a reduction,
 * one item per update element. With one, updates that can land on the same element are applied by one invocation,
 * in the reference's order, so no atomics are needed and float results round identically: ND, one item per slice
 * element looping over the tuples; ELEMENTS, one item per update position off the axis, looping along it.
 * Bindings: indices (read, i32), updates (read), out (read_write).
 */
public final class ScatterKernel extends ItemKernel<ScatterProblem> {
    public static final ScatterKernel INSTANCE = new ScatterKernel();

    @Override public String family() { return "scatter"; }

    @Override public long items(ScatterProblem p) {
        if (p.reduction() == ScatterProblem.Reduction.NONE) return p.updates();
        if (p.kind() == ScatterProblem.Kind.ND) return p.slice();
        return p.updates() / p.indicesShape()[p.axis()];
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, ScatterProblem p) {
        return List.of(Binding.read(0, "indices", ScalarType.I32, false, Wgsl.product(p.indicesShape())),
                Binding.read(1, "updates", p.type(), false, p.updates()),
                Binding.write(2, "out", p.type(), false, Wgsl.product(p.dataShape())));
    }

    @Override protected void comment(WgslBuilder h, ScatterProblem p) {
        h.comment("scatter " + p.kind().name().toLowerCase() + " reduction " + p.reduction().name().toLowerCase()
                + ": out " + Wgsl.shape(p.dataShape()) + " " + p.type().value + " <- updates at indices "
                + Wgsl.shape(p.indicesShape()) + (p.kind() == ScatterProblem.Kind.ELEMENTS ? ", axis " + p.axis() : ""));
    }

    @Override protected void body(WgslBuilder b, ScatterProblem p, WgslMath lib) {
        if (p.kind() == ScatterProblem.Kind.ND) nd(b, p);
        else elements(b, p);
    }

    private static String normalized(String raw, int dim) {
        return "u32(clamp(select(" + raw + ", " + raw + " + " + Wgsl.i32(dim) + ", " + raw + " < 0i), 0i, "
                + Wgsl.i32(dim - 1) + "))";
    }

    private static void combine(WgslBuilder b, ScatterProblem p, String target, String update) {
        String cur = "out[" + target + "]";
        switch (p.reduction()) {
            case ADD: b.line(cur + " = " + cur + " + " + update + ";"); break;
            case MUL: b.line(cur + " = " + cur + " * " + update + ";"); break;
            case MAX: b.line(cur + " = max(" + cur + ", " + update + ");"); break;
            case MIN: b.line(cur + " = min(" + cur + ", " + update + ");"); break;
            default: b.line(cur + " = " + update + ";");
        }
    }

    private static void nd(WgslBuilder b, ScatterProblem p) {
        int[] data = p.dataShape();
        int[] strides = Wgsl.contiguousStrides(data);
        int k = p.k();
        long slice = p.slice();
        boolean serial = p.reduction() != ScatterProblem.Reduction.NONE;
        if (serial) {
            b.line("let s = e;");
            b.open("for (var g = 0u; g < " + Wgsl.u32(p.tuples()) + "; g = g + 1u) {");
        } else {
            b.line("let s = e % " + Wgsl.u32(slice) + ";");
            b.line("let g = e / " + Wgsl.u32(slice) + ";");
        }
        b.line("var off = s;");
        for (int j = 0; j < k; j++) {
            b.line("off = off + " + normalized("indices[g * " + Wgsl.u32(k) + " + " + Wgsl.u32(j) + "]", data[j]) + " * "
                    + Wgsl.u32(strides[j]) + ";");
        }
        combine(b, p, "off", "updates[g * " + Wgsl.u32(slice) + " + s]");
        if (serial) b.close();
    }

    private static void elements(WgslBuilder b, ScatterProblem p) {
        int[] data = p.dataShape();
        int[] ind = p.indicesShape();
        int axis = p.axis();
        int[] dataStrides = Wgsl.contiguousStrides(data);
        int[] indStrides = Wgsl.contiguousStrides(ind);
        boolean serial = p.reduction() != ScatterProblem.Reduction.NONE;
        String[] c;
        if (serial) {
            int[] rest = ind.clone();
            rest[axis] = 1;
            c = coords(b, "e", rest, "c");
            b.open("for (var a = 0u; a < " + Wgsl.u32(ind[axis]) + "; a = a + 1u) {");
            c[axis] = "a";
        } else {
            c = coords(b, "e", ind, "c");
        }
        String u = offset(c, indStrides);
        b.line("let u = " + u + ";");
        String[] target = c.clone();
        target[axis] = "t";
        b.line("let t = " + normalized("indices[u]", data[axis]) + ";");
        combine(b, p, offset(target, dataStrides), "updates[u]");
        if (serial) b.close();
    }
}
