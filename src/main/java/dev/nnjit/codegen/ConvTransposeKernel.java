package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * ConvTranspose in gather form, one output element per item: for each input channel of the output channel's group
 * and each kernel offset, the input position i = (o + padBegin - k*dilation) / stride contributes when the division
 * is exact and i is in range. No scatter, so no atomics. Bindings: x, w, [bias] (read), y (read_write).
 */
public final class ConvTransposeKernel extends ItemKernel<ConvTransposeProblem> {
    public static final ConvTransposeKernel INSTANCE = new ConvTransposeKernel();

    @Override public String family() { return "conv_transpose"; }

    @Override public long items(ConvTransposeProblem p) { return p.outputs(); }

    @Override public List<Binding> bindings(ElementwiseConfig c, ConvTransposeProblem p) {
        List<Binding> b = new ArrayList<>();
        b.add(Binding.read(0, "x", ScalarType.F32, false, (long) p.batch() * p.channels() * Wgsl.product(p.in())));
        b.add(Binding.read(1, "w", ScalarType.F32, false, (long) p.channels() * (p.outChannels() / p.group())
                * Wgsl.product(p.kernel())));
        if (p.bias()) b.add(Binding.read(2, "bias", ScalarType.F32, false, p.outChannels()));
        b.add(Binding.write(b.size(), "y", ScalarType.F32, false, p.outputs()));
        return b;
    }

    @Override protected void comment(WgslBuilder h, ConvTransposeProblem p) {
        h.comment("conv_transpose: x (" + p.batch() + "," + p.channels() + "," + Wgsl.shape(p.in()) + ") * w ("
                + p.channels() + "," + p.outChannels() / p.group() + "," + Wgsl.shape(p.kernel()) + ")"
                + (p.bias() ? " + bias" : "") + ", group " + p.group() + ", strides " + Wgsl.shape(p.strides())
                + ", dilations " + Wgsl.shape(p.dilations()) + ", pads begin " + Wgsl.shape(p.padBegin()) + " -> y ("
                + p.batch() + "," + p.outChannels() + "," + Wgsl.shape(p.out()) + ")");
    }

    @Override protected void body(WgslBuilder b, ConvTransposeProblem p, WgslMath lib) {
        int nd = p.in().length;
        long outSpatial = Wgsl.product(p.out());
        long inSpatial = Wgsl.product(p.in());
        long kSize = Wgsl.product(p.kernel());
        int cg = p.channels() / p.group();
        int mg = p.outChannels() / p.group();
        b.line("let o = e % " + Wgsl.u32(outSpatial) + ";");
        b.line("let m = (e / " + Wgsl.u32(outSpatial) + ") % " + Wgsl.u32(p.outChannels()) + ";");
        b.line("let n = e / " + Wgsl.u32(outSpatial * p.outChannels()) + ";");
        b.line("let g = m / " + Wgsl.u32(mg) + ";");
        b.line("let mm = m % " + Wgsl.u32(mg) + ";");
        String[] oc = coords(b, "o", p.out(), "oc");
        for (int d = 0; d < nd; d++) {
            b.line("let t" + d + " = i32(" + oc[d] + ") + " + Wgsl.i32(p.padBegin()[d]) + ";");
        }
        b.line("var acc = " + (p.bias() ? "bias[m]" : "0.0") + ";");
        b.open("for (var k = 0u; k < " + Wgsl.u32(kSize) + "; k = k + 1u) {");
        String[] kc = coords(b, "k", p.kernel(), "kc");
        int[] inStrides = Wgsl.contiguousStrides(p.in());
        StringBuilder ok = new StringBuilder();
        StringBuilder flat = new StringBuilder();
        for (int d = 0; d < nd; d++) {
            String kd = kc[d].equals("0u") ? "" : " - i32(" + kc[d] + ") * " + Wgsl.i32(p.dilations()[d]);
            b.line("let q" + d + " = t" + d + kd + ";");
            int s = p.strides()[d];
            b.line("let i" + d + " = q" + d + " / " + Wgsl.i32(s) + ";");
            if (d > 0) { ok.append(" && "); flat.append(" + "); }
            ok.append("q").append(d).append(" >= 0i && q").append(d).append(" % ").append(Wgsl.i32(s)).append(" == 0i && i")
                    .append(d).append(" < ").append(Wgsl.i32(p.in()[d]));
            flat.append("u32(i").append(d).append(") * ").append(Wgsl.u32(inStrides[d]));
        }
        b.open("if (" + ok + ") {");
        b.line("let xi = n * " + Wgsl.u32((long) p.channels() * inSpatial) + " + g * " + Wgsl.u32(cg * inSpatial) + " + "
                + flat + ";");
        b.line("let wi = (g * " + Wgsl.u32(cg) + ") * " + Wgsl.u32(mg * kSize) + " + mm * " + Wgsl.u32(kSize) + " + k;");
        b.open("for (var c = 0u; c < " + Wgsl.u32(cg) + "; c = c + 1u) {");
        b.line("acc = fma(x[xi + c * " + Wgsl.u32(inSpatial) + "], w[wi + c * " + Wgsl.u32(mg * kSize) + "], acc);");
        b.close();
        b.close();
        b.close();
        b.line("y[e] = acc;");
    }
}
