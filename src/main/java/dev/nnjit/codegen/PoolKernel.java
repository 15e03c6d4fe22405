package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Pooling, one output element per item: the window's positions are visited in row-major kernel order (as the
 * reference does) with a flat loop whose coordinates are static divisions. Bindings: x (read), y (read_write),
 * [indices (read_write, i32) for MaxPool's second output].
 */
public final class PoolKernel extends ItemKernel<PoolProblem> {
    public static final PoolKernel INSTANCE = new PoolKernel();

    @Override public String family() { return "pool"; }

    @Override public long items(PoolProblem p) { return p.outputs(); }

    @Override public List<Binding> bindings(ElementwiseConfig c, PoolProblem p) {
        List<Binding> b = new ArrayList<>();
        b.add(Binding.read(0, "x", p.type(), false, (long) p.batch() * p.channels() * p.inSpatial()));
        b.add(Binding.write(1, "y", p.type(), false, p.outputs()));
        if (p.indices()) b.add(Binding.write(2, "indices", ScalarType.I32, false, p.outputs()));
        return b;
    }

    @Override protected void comment(WgslBuilder h, PoolProblem p) {
        h.comment(p.kind().name().toLowerCase() + "pool: x (" + p.batch() + "," + p.channels() + "," + Wgsl.shape(p.in())
                + ") " + p.type().value + ", kernel " + Wgsl.shape(p.kernel()) + " strides " + Wgsl.shape(p.strides())
                + " dilations " + Wgsl.shape(p.dilations()) + " pads " + Wgsl.shape(p.padBegin()) + "/"
                + Wgsl.shape(p.padEnd()) + " -> y (" + p.batch() + "," + p.channels() + "," + Wgsl.shape(p.out()) + ")");
    }

    @Override protected void body(WgslBuilder b, PoolProblem p, WgslMath lib) {
        int nd = p.in().length;
        String t = p.type().value;
        b.line("let plane = e / " + Wgsl.u32(p.outSpatial()) + ";");
        String[] oc = coords(b, "e % " + Wgsl.u32(p.outSpatial()), p.out(), "o");
        b.line("let base = plane * " + Wgsl.u32(p.inSpatial()) + ";");
        for (int d = 0; d < nd; d++) {
            b.line("let start" + d + " = i32(" + oc[d] + ") * " + Wgsl.i32(p.strides()[d]) + " - " + Wgsl.i32(p.padBegin()[d])
                    + ";");
        }
        switch (p.kind()) {
            case MAX:
                b.line("var acc: " + t + " = " + (p.type() == ScalarType.F32 ? Wgsl.NEG_INF : "(-2147483647i - 1i)") + ";");
                b.line("var arg = -1i;");
                break;
            case AVERAGE:
                b.line("var acc = 0.0;");
                b.line("var count = 0u;");
                break;
            default:
                b.line("var acc = 0.0;");
        }
        long kSize = Wgsl.product(p.kernel());
        int[] inStrides = Wgsl.contiguousStrides(p.in());
        b.open("for (var k = 0u; k < " + Wgsl.u32(kSize) + "; k = k + 1u) {");
        String[] kc = coords(b, "k", p.kernel(), "k");
        StringBuilder inside = new StringBuilder();
        StringBuilder flat = new StringBuilder();
        for (int d = 0; d < nd; d++) {
            String kd = kc[d].equals("0u") ? "0i" : "i32(" + kc[d] + ") * " + Wgsl.i32(p.dilations()[d]);
            b.line("let q" + d + " = start" + d + " + " + kd + ";");
            if (d > 0) { inside.append(" && "); flat.append(" + "); }
            inside.append("q").append(d).append(" >= 0i && q").append(d).append(" < ").append(Wgsl.i32(p.in()[d]));
            flat.append("u32(q").append(d).append(") * ").append(Wgsl.u32(inStrides[d]));
        }
        b.open("if (" + inside + ") {");
        b.line("let f = " + flat + ";");
        b.line("let v = x[base + f];");
        switch (p.kind()) {
            case MAX:
                b.open("if (v > acc || arg < 0i) {");
                b.line("acc = v;");
                b.line("arg = i32(f);");
                b.close();
                break;
            case AVERAGE:
                b.line("acc = acc + v;");
                b.line("count = count + 1u;");
                break;
            default:
                if (p.p() == 1) b.line("acc = acc + abs(v);");
                else if (p.p() == 2) b.line("acc = acc + v * v;");
                else b.line("acc = acc + pow(abs(v), " + Wgsl.f32(p.p()) + ");");
        }
        b.close();
        b.close();
        switch (p.kind()) {
            case MAX:
                b.line("y[e] = acc;");
                if (p.indices()) {
                    String spatial = "u32(arg)";
                    if (p.columnMajor() && nd > 1) {
                        String[] ac = coords(b, "u32(arg)", p.in(), "a");
                        int[] cm = new int[nd];
                        long s = 1;
                        for (int d = 0; d < nd; d++) { cm[d] = (int) s; s *= p.in()[d]; }
                        spatial = offset(ac, cm);
                    }
                    b.line("indices[e] = select(-1i, i32(base + " + spatial + "), arg >= 0i);");
                }
                break;
            case AVERAGE:
                if (p.countIncludePad()) {
                    StringBuilder padded = new StringBuilder();
                    for (int d = 0; d < nd; d++) {
                        // window positions of axis d inside [-padBegin, in + padEnd)
                        b.line("var n" + d + " = 0i;");
                        b.open("for (var j = 0i; j < " + Wgsl.i32(p.kernel()[d]) + "; j = j + 1i) {");
                        b.line("let q = start" + d + " + j * " + Wgsl.i32(p.dilations()[d]) + ";");
                        b.line("if (q >= " + Wgsl.i32(-p.padBegin()[d]) + " && q < " + Wgsl.i32(p.in()[d] + p.padEnd()[d])
                                + ") { n" + d + " = n" + d + " + 1i; }");
                        b.close();
                        if (d > 0) padded.append(" * ");
                        padded.append("f32(n").append(d).append(")");
                    }
                    b.line("y[e] = acc / (" + padded + ");");
                } else {
                    b.line("y[e] = acc / f32(count);");
                }
                break;
            default:
                if (p.p() == 1) b.line("y[e] = acc;");
                else if (p.p() == 2) b.line("y[e] = sqrt(acc);");
                else b.line("y[e] = pow(acc, " + Wgsl.f32(1f / p.p()) + ");");
        }
    }
}
