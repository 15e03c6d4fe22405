package dev.nnjit.codegen;

import dev.nnjit.schedule.ConvConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution as an implicit GEMM: for group g = workgroup z, Y_g[m, p] = sum_q W_g[m, q] * X_col[q, p] with q =
 * (c, k) over C/group input channels times kernel offsets and p = (n, o) over images times output positions. The
 * im2col matrix is never stored: each X_col element is read from x at its input position (zero in the padding).
 * Each invocation keeps a threadM x threadN block of Y in registers: per q it loads threadM weights and threadN
 * inputs once and does threadM * threadN multiply-adds. Positions' input offsets are computed once before the
 * loop; per q only the kernel offset is decomposed (static divisions). Bindings: x, w, [bias] (read), y
 * (read_write).
 */
public final class ConvKernel implements KernelGenerator<ConvConfig, ConvProblem> {
    public static final ConvKernel INSTANCE = new ConvKernel();

    @Override public String family() { return "conv"; }

    @Override public int[] workgroupSize(ConvConfig c, ConvProblem p) {
        return new int[] {c.workgroupN(), c.workgroupM(), 1};
    }

    @Override public DispatchSize dispatch(ConvConfig c, ConvProblem p) {
        long x = (p.positions() + c.tileN() - 1) / c.tileN();
        long y = (p.outChannelsPerGroup() + c.tileM() - 1) / c.tileM();
        return new DispatchSize((int) x, (int) y, p.group());
    }

    @Override public List<Binding> bindings(ConvConfig c, ConvProblem p) {
        List<Binding> b = new ArrayList<>();
        b.add(Binding.read(0, "x", ScalarType.F32, false, (long) p.batch() * p.channels() * p.inSpatial()));
        b.add(Binding.read(1, "w", ScalarType.F32, false, (long) p.outChannels() * p.channelsPerGroup() * p.kernelSize()));
        if (p.bias()) b.add(Binding.read(2, "bias", ScalarType.F32, false, p.outChannels()));
        b.add(Binding.write(b.size(), "y", ScalarType.F32, false, (long) p.batch() * p.outChannels() * p.outSpatial()));
        return b;
    }

    @Override public String generate(ConvConfig c, ConvProblem p) {
        int tm = c.threadM(), tn = c.threadN();
        int nd = p.in().length;
        long q = (long) p.channelsPerGroup() * p.kernelSize();
        long positions = p.positions();
        int mg = p.outChannelsPerGroup();
        WgslBuilder h = new WgslBuilder();
        h.comment("conv: x (" + p.batch() + "," + p.channels() + "," + Wgsl.shape(p.in()) + ") * w (" + p.outChannels()
                + "," + p.channelsPerGroup() + "," + Wgsl.shape(p.kernel()) + ")" + (p.bias() ? " + bias" : "") + ", group "
                + p.group() + ", strides " + Wgsl.shape(p.strides()) + ", dilations " + Wgsl.shape(p.dilations())
                + ", pads begin " + Wgsl.shape(p.padBegin()) + " -> y (" + p.batch() + "," + p.outChannels() + ","
                + Wgsl.shape(p.out()) + ")");
        h.comment("implicit GEMM per group: (" + mg + " x " + q + ") @ (" + q + " x " + positions + "); schedule "
                + c.key());
        h.bindings(bindings(c, p));
        WgslBuilder b = new WgslBuilder();
        b.line("@compute @workgroup_size(" + c.workgroupN() + ", " + c.workgroupM() + ", 1)");
        b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {");
        b.line("let g = wid.z;");
        b.line("let m0 = (wid.y * " + Wgsl.u32(c.workgroupM()) + " + lid.y) * " + Wgsl.u32(tm) + ";");
        b.line("let p0 = (wid.x * " + Wgsl.u32(c.workgroupN()) + " + lid.x) * " + Wgsl.u32(tn) + ";");
        int[] inStrides = Wgsl.contiguousStrides(p.in());
        long imageStride = (long) p.channels() * p.inSpatial();
        for (int j = 0; j < tn; j++) {
            b.line("let pp" + j + " = min(p0 + " + Wgsl.u32(j) + ", " + Wgsl.u32(positions - 1) + ");");
            b.line("let n" + j + " = pp" + j + " / " + Wgsl.u32(p.outSpatial()) + ";");
            b.line("let o" + j + " = pp" + j + " % " + Wgsl.u32(p.outSpatial()) + ";");
            String[] oc = IndexMath.coords(b, "o" + j, p.out(), "oc" + j + "_");
            for (int d = 0; d < nd; d++) {
                b.line("let s" + j + "_" + d + " = i32(" + oc[d] + ") * " + Wgsl.i32(p.strides()[d]) + " - "
                        + Wgsl.i32(p.padBegin()[d]) + ";");
            }
            b.line("let xb" + j + " = n" + j + " * " + Wgsl.u32(imageStride) + " + g * " + Wgsl.u32((long) p.channelsPerGroup()
                    * p.inSpatial()) + ";");
        }
        for (int i = 0; i < tm; i++) {
            b.line("let wb" + i + " = (g * " + Wgsl.u32(mg) + " + min(m0 + " + Wgsl.u32(i) + ", " + Wgsl.u32(mg - 1) + ")) * "
                    + Wgsl.u32(q) + ";");
            for (int j = 0; j < tn; j++) b.line("var acc" + i + "_" + j + " = 0.0;");
        }
        b.open("for (var q = 0u; q < " + Wgsl.u32(q) + "; q = q + 1u) {");
        b.line("let ci = q / " + Wgsl.u32(p.kernelSize()) + ";");
        String[] kc = IndexMath.coords(b, "q % " + Wgsl.u32(p.kernelSize()), p.kernel(), "k");
        b.line("let cb = ci * " + Wgsl.u32(p.inSpatial()) + ";");
        for (int j = 0; j < tn; j++) {
            StringBuilder inside = new StringBuilder();
            StringBuilder flat = new StringBuilder();
            for (int d = 0; d < nd; d++) {
                String kd = kc[d].equals("0u") ? "" : " + i32(" + kc[d] + ") * " + Wgsl.i32(p.dilations()[d]);
                String pos = "y" + j + "_" + d;
                b.line("let " + pos + " = s" + j + "_" + d + kd + ";");
                if (d > 0) { inside.append(" && "); flat.append(" + "); }
                inside.append(pos).append(" >= 0i && ").append(pos).append(" < ").append(Wgsl.i32(p.in()[d]));
                flat.append("u32(").append(pos).append(") * ").append(Wgsl.u32(inStrides[d]));
            }
            b.line("var x" + j + " = 0.0;");
            b.line("if (" + inside + ") { x" + j + " = x[xb" + j + " + cb + " + flat + "]; }");
        }
        for (int i = 0; i < tm; i++) {
            b.line("let w" + i + " = w[wb" + i + " + q];");
            for (int j = 0; j < tn; j++) {
                String acc = "acc" + i + "_" + j;
                b.line(acc + " = fma(w" + i + ", x" + j + ", " + acc + ");");
            }
        }
        b.close();
        long outImage = (long) p.outChannels() * p.outSpatial();
        for (int i = 0; i < tm; i++) {
            b.open("if (m0 + " + Wgsl.u32(i) + " < " + Wgsl.u32(mg) + ") {");
            b.line("let m = g * " + Wgsl.u32(mg) + " + m0 + " + Wgsl.u32(i) + ";");
            if (p.bias()) b.line("let bv = bias[m];");
            for (int j = 0; j < tn; j++) {
                b.open("if (p0 + " + Wgsl.u32(j) + " < " + Wgsl.u32(positions) + ") {");
                b.line("y[n" + j + " * " + Wgsl.u32(outImage) + " + m * " + Wgsl.u32(p.outSpatial()) + " + o" + j + "] = acc"
                        + i + "_" + j + (p.bias() ? " + bv" : "") + ";");
                b.close();
            }
            b.close();
        }
        b.close();
        return Wgsl.assemble(h.build(), null, b.build());
    }
}
