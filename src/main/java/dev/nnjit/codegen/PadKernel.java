package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.List;

/** Pad, one output element per item. Bindings: x (read), [value (read, 1 element)], out (read_write). */
public final class PadKernel extends ItemKernel<PadProblem> {
    public static final PadKernel INSTANCE = new PadKernel();

    @Override public String family() { return "pad"; }

    @Override public long items(PadProblem p) { return Wgsl.product(p.outShape()); }

    @Override public List<Binding> bindings(ElementwiseConfig c, PadProblem p) {
        List<Binding> b = new ArrayList<>();
        b.add(Binding.read(0, "x", p.type(), false, Wgsl.product(p.inShape())));
        if (p.mode() == PadProblem.Mode.CONSTANT && p.valueBound()) b.add(Binding.read(1, "value", p.type(), false, 1));
        b.add(Binding.write(b.size(), "out", p.type(), false, items(p)));
        return b;
    }

    @Override protected void comment(WgslBuilder h, PadProblem p) {
        h.comment("pad " + p.mode().name().toLowerCase() + ": x " + Wgsl.shape(p.inShape()) + " " + p.type().value
                + ", begin " + Wgsl.shape(p.begin()) + " -> out " + Wgsl.shape(p.outShape()));
    }

    @Override protected void body(WgslBuilder b, PadProblem p, WgslMath lib) {
        int[] in = p.inShape();
        int[] strides = Wgsl.contiguousStrides(in);
        String[] c = coords(b, "e", p.outShape(), "c");
        StringBuilder inside = new StringBuilder();
        StringBuilder off = new StringBuilder();
        for (int d = 0; d < in.length; d++) {
            int n = in[d];
            String i = "i" + d;
            b.line("let " + i + " = i32(" + c[d] + ") - " + Wgsl.i32(p.begin()[d]) + ";");
            String src;
            switch (p.mode()) {
                case EDGE: src = "clamp(" + i + ", 0i, " + Wgsl.i32(n - 1) + ")"; break;
                case WRAP: src = "((" + i + " % " + Wgsl.i32(n) + ") + " + Wgsl.i32(n) + ") % " + Wgsl.i32(n); break;
                case REFLECT:
                    if (n == 1) { src = "0i"; break; }
                    b.line("let m" + d + " = abs(" + i + ") % " + Wgsl.i32(2L * (n - 1)) + ";");
                    src = "select(m" + d + ", " + Wgsl.i32(2L * (n - 1)) + " - m" + d + ", m" + d + " >= " + Wgsl.i32(n) + ")";
                    break;
                default:
                    src = "clamp(" + i + ", 0i, " + Wgsl.i32(n - 1) + ")";
                    if (inside.length() > 0) inside.append(" && ");
                    inside.append(i).append(" >= 0i && ").append(i).append(" < ").append(Wgsl.i32(n));
            }
            b.line("let s" + d + " = u32(" + src + ");");
            if (off.length() > 0) off.append(" + ");
            off.append("s").append(d).append(" * ").append(Wgsl.u32(strides[d]));
        }
        String read = "x[" + off + "]";
        if (p.mode() == PadProblem.Mode.CONSTANT) {
            String v = p.valueBound() ? "value[0]" : Wgsl.literal(p.type(), p.value(), false);
            if (p.type() == ScalarType.BOOL && !p.valueBound()) v = p.value() != 0 ? "1u" : "0u";
            read = "select(" + v + ", " + read + ", " + inside + ")";
        }
        b.line("out[e] = " + read + ";");
    }
}
