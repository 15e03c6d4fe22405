package dev.nnjit.codegen;

import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fused elementwise kernels: one output tensor computed from N strided inputs by an {@link ElementwiseExpr}.
 * Bindings: in0..in{N-1} (read), out (read_write). Items (elements, or groups of four innermost elements with
 * vec4) are spread over a 1-D range of workgroups; invocation {@code lid} of workgroup {@code g} handles items
 * {@code g*W*E + e*W + lid} for e in [0, E), so neighbouring invocations touch neighbouring memory.
 *
 * <p>With vec4, an input whose view is contiguous along the innermost dim and 4-aligned is bound as
 * {@code array<vec4<T>>} and read with one load; other inputs are read as one broadcast scalar (innermost stride 0)
 * or four scalars.
 */
public final class ElementwiseKernel implements KernelGenerator<ElementwiseConfig, ElementwiseProblem> {
    public static final ElementwiseKernel INSTANCE = new ElementwiseKernel();

    @Override public String family() { return "elementwise"; }

    @Override public int[] workgroupSize(ElementwiseConfig c, ElementwiseProblem p) {
        return new int[] {c.workgroupSize(), 1, 1};
    }

    private static long items(ElementwiseConfig c, ElementwiseProblem p) {
        return c.vec4() ? p.elements() / 4 : p.elements();
    }

    @Override public DispatchSize dispatch(ElementwiseConfig c, ElementwiseProblem p) {
        long perGroup = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((items(c, p) + perGroup - 1) / perGroup);
    }

    /** Whether input i is bound as array of vec4 under config c. */
    static boolean vec4Bound(ElementwiseConfig c, ElementwiseProblem p, int i) {
        if (!c.vec4()) return false;
        ElementwiseInput in = p.inputs().get(i);
        int[] out = p.outShape();
        int r = out.length;
        if (in.elements() % 4 != 0 || in.offset() % 4 != 0 || in.strides()[r - 1] != 1) return false;
        for (int d = 0; d < r - 1; d++) if (out[d] > 1 && in.strides()[d] % 4 != 0) return false;
        return true;
    }

    private static boolean isIdentity(ElementwiseInput in, int[] out) {
        if (in.offset() != 0 || in.elements() != Wgsl.product(out)) return false;
        int[] cs = Wgsl.contiguousStrides(out);
        for (int d = 0; d < out.length; d++) if (out[d] > 1 && in.strides()[d] != cs[d]) return false;
        return true;
    }

    @Override public List<Binding> bindings(ElementwiseConfig c, ElementwiseProblem p) {
        List<Binding> list = new ArrayList<>();
        for (int i = 0; i < p.inputs().size(); i++) {
            ElementwiseInput in = p.inputs().get(i);
            list.add(Binding.read(i, "in" + i, in.type(), vec4Bound(c, p, i), in.elements()));
        }
        list.add(Binding.write(p.inputs().size(), "out", p.outType(), c.vec4(), p.elements()));
        return list;
    }

    @Override public String generate(ElementwiseConfig c, ElementwiseProblem p) {
        if (c.vec4() && !p.vec4Allowed()) {
            throw new IllegalArgumentException(p.label() + ": vec4 needs the innermost output dim divisible by 4, got "
                    + Wgsl.shape(p.outShape()));
        }
        List<Binding> bindings = bindings(c, p);
        WgslBuilder h = new WgslBuilder();
        h.comment("elementwise " + p.label() + ": out " + Wgsl.shape(p.outShape()) + " " + p.outType().value + " = "
                + abbreviate(p.expr().toString()));
        for (int i = 0; i < p.inputs().size(); i++) {
            ElementwiseInput in = p.inputs().get(i);
            h.comment("in" + i + " " + Wgsl.shape(in.shape()) + " " + in.type().value + ", read at " + in.offset()
                    + " + coords . " + Wgsl.shape(in.strides()));
        }
        h.bindings(bindings);
        long items = items(c, p);
        h.constU32("ITEMS", items);

        WgslMath lib = new WgslMath();
        WgslBuilder b = new WgslBuilder();
        b.open("fn item(i: u32) {");
        emitItem(b, lib, c, p, bindings);
        b.close();
        b.blank();

        ElementwiseMain.emit(b, c, dispatch(c, p), items);
        return Wgsl.assemble(h.build(), lib, b.build());
    }

    static String abbreviate(String s) { return s.length() <= 160 ? s : s.substring(0, 157) + "..."; }

    private void emitItem(WgslBuilder b, WgslMath lib, ElementwiseConfig c, ElementwiseProblem p, List<Binding> bindings) {
        boolean v4 = c.vec4();
        int[] out = p.outShape();
        b.line(v4 ? "let e = i * 4u;" : "let e = i;");
        boolean needCoords = false;
        for (ElementwiseInput in : p.inputs()) if (!isIdentity(in, out)) needCoords = true;
        String[] coords = needCoords ? IndexMath.coords(b, "e", out, "c") : null;
        Map<ElementwiseExpr, String> names = new IdentityHashMap<>();
        // loads
        for (int i = 0; i < p.inputs().size(); i++) {
            ElementwiseInput in = p.inputs().get(i);
            String raw;
            String arr = "in" + i;
            if (isIdentity(in, out)) {
                raw = bindings.get(i).vec4() ? arr + "[i]" : v4 ? gather4(arr, "e", 1, in.type()) : arr + "[e]";
            } else {
                String off = IndexMath.offset(coords, in.strides(), in.offset());
                int inner = in.strides()[out.length - 1];
                if (bindings.get(i).vec4()) raw = arr + "[(" + off + ") / 4u]";
                else if (!v4) raw = arr + "[" + off + "]";
                else {
                    b.line("let o" + i + " = " + off + ";");
                    raw = inner == 0 ? in.type().storage(true) + "(" + arr + "[o" + i + "])"
                            : gather4(arr, "o" + i, inner, in.type());
                }
            }
            if (in.type() == ScalarType.BOOL) raw = "(" + raw + " != " + (v4 ? "vec4<u32>(0u)" : "0u") + ")";
            b.line("let x" + i + " = " + raw + ";");
        }
        int t = 0;
        for (ElementwiseExpr n : p.expr().topologicalOrder()) {
            if (n.op() == ElementwiseOp.INPUT) { names.put(n, "x" + n.inputIndex()); continue; }
            if (n.op() == ElementwiseOp.CONST) { names.put(n, Wgsl.literal(n.type(), n.constant(), v4)); continue; }
            String name = "t" + t++;
            b.line("let " + name + " = " + ExprText.of(n, names, lib, v4) + ";");
            names.put(n, name);
        }
        String result = names.get(p.expr());
        if (p.outType() == ScalarType.BOOL) result = p.outType().storage(v4) + "(" + result + ")";
        b.line("out[" + (v4 ? "i" : "e") + "] = " + result + ";");
    }

    /** Four scalars {@code arr[o], arr[o + s], ...} as one vec4. */
    private static String gather4(String arr, String o, int s, ScalarType t) {
        StringBuilder sb = new StringBuilder(t.storage(true)).append('(');
        for (int k = 0; k < 4; k++) {
            if (k > 0) sb.append(", ");
            long step = (long) k * s;
            if (step == 0) sb.append(arr).append('[').append(o).append(']');
            else if (step > 0) sb.append(arr).append('[').append(o).append(" + ").append(Wgsl.u32(step)).append(']');
            else sb.append(arr).append('[').append(o).append(" - ").append(Wgsl.u32(-step)).append(']');
        }
        return sb.append(')').toString();
    }
}
