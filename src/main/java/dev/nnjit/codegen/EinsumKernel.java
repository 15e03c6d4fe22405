package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Einsum, one output element per item: its output labels fix each operand's base offset, then one flat loop over
 * the summed labels (coordinates by static division) multiplies the operands and accumulates. Suits the small
 * contractions exporters emit as Einsum; large products belong to MatMul. Bindings: in0..in{N-1} (read), out
 * (read_write).
 */
public final class EinsumKernel extends ItemKernel<EinsumProblem> {
    public static final EinsumKernel INSTANCE = new EinsumKernel();

    @Override public String family() { return "einsum"; }

    @Override public long items(EinsumProblem p) { return p.outputs(); }

    @Override public List<Binding> bindings(ElementwiseConfig c, EinsumProblem p) {
        List<Binding> b = new ArrayList<>();
        for (int i = 0; i < p.shapes().size(); i++) {
            b.add(Binding.read(i, "in" + i, p.type(), false, Math.max(1, Wgsl.product(p.shapes().get(i)))));
        }
        b.add(Binding.write(b.size(), "out", p.type(), false, p.outputs()));
        return b;
    }

    @Override protected void comment(WgslBuilder h, EinsumProblem p) {
        StringBuilder ins = new StringBuilder();
        for (int[] s : p.shapes()) ins.append(ins.length() == 0 ? "" : ", ").append(Wgsl.shape(s));
        h.comment("einsum: inputs " + ins + " " + p.type().value + "; loop labels " + Wgsl.shape(p.dims()) + ", the first "
                + p.outputRank() + " are the output's, the rest summed");
    }

    @Override protected void body(WgslBuilder b, EinsumProblem p, WgslMath lib) {
        int n = p.shapes().size();
        int r = p.outputRank();
        int depth = p.dims().length;
        int[] outDims = java.util.Arrays.copyOfRange(p.dims(), 0, r);
        int[] sumDims = java.util.Arrays.copyOfRange(p.dims(), r, depth);
        String[] oc = r == 0 ? new String[0] : coords(b, "e", outDims, "o");
        for (int i = 0; i < n; i++) {
            b.line("let b" + i + " = " + IndexMath.offset(oc, java.util.Arrays.copyOfRange(p.strides()[i], 0, r), 0) + ";");
        }
        String zero = p.type() == ScalarType.F32 ? "0.0" : "0i";
        b.line("var acc = " + zero + ";");
        b.open("for (var s = 0u; s < " + Wgsl.u32(p.summed()) + "; s = s + 1u) {");
        String[] sc = sumDims.length == 0 ? new String[0] : coords(b, "s", sumDims, "k");
        StringBuilder prod = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String off = IndexMath.offset(sc, java.util.Arrays.copyOfRange(p.strides()[i], r, depth), 0);
            if (i > 0) prod.append(" * ");
            prod.append("in").append(i).append("[b").append(i).append(" + ").append(off).append("]");
        }
        b.line("acc = acc + " + prod + ";");
        b.close();
        b.line("out[e] = acc;");
    }
}
