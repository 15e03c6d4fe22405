package dev.nnjit.codegen;

import dev.nnjit.ops.fused.Activation;

/** Shared pieces of matmul-family kernels: batch offsets and the alpha/bias/activation epilogue. */
final class MatmulEpilogue {
    private MatmulEpilogue() {}

    /** Emits aBase, bBase, cBase for the batch index expression {@code z}. */
    static void batchBases(WgslBuilder b, MatmulProblem p, String z) {
        if (p.batchShape().length == 0) {
            b.line("let aBase = 0u;");
            b.line("let bBase = 0u;");
            b.line("let cBase = 0u;");
            return;
        }
        String[] c = IndexMath.coords(b, z, p.batchShape(), "z");
        b.line("let aBase = " + IndexMath.offset(c, p.aBatchStrides(), 0) + ";");
        b.line("let bBase = " + IndexMath.offset(c, p.bBatchStrides(), 0) + ";");
        b.line("let cBase = " + z + " * " + Wgsl.u32((long) p.m() * p.n()) + ";");
    }

    /**
     * The epilogue value for accumulator {@code acc} at output row {@code r}, column {@code col} (first of four with
     * vec4): alpha, bias and activation applied.
     */
    static String value(MatmulProblem p, String acc, String r, String col, boolean vec4, WgslMath lib) {
        String v = acc;
        if (p.alpha() != 1f) v = "(" + v + " * " + Wgsl.f32(p.alpha()) + ")";
        if (p.bias() != null && p.beta() != 0f) {
            String bias = biasAt(p.bias(), r, col, vec4);
            if (p.beta() != 1f) bias = "(" + bias + " * " + Wgsl.f32(p.beta()) + ")";
            v = "(" + v + " + " + bias + ")";
        }
        Activation act = p.activation();
        return act == Activation.NONE ? v : ExprText.unary(act.op, v, ScalarType.F32, lib, vec4);
    }

    private static String biasAt(MatmulProblem.Bias bias, String r, String col, boolean vec4) {
        String base = term(r, bias.strideM());
        if (!vec4) return "bias[" + join(base, term(col, bias.strideN())) + "]";
        if (bias.strideN() == 0) return "vec4<f32>(bias[" + join(base, "") + "])";
        String o = join(base, term(col, bias.strideN()));
        StringBuilder sb = new StringBuilder("vec4<f32>(");
        for (int j = 0; j < 4; j++) {
            if (j > 0) sb.append(", ");
            sb.append("bias[").append(o).append(j == 0 ? "" : " + " + Wgsl.u32((long) j * bias.strideN())).append(']');
        }
        return sb.append(')').toString();
    }

    private static String term(String coord, int stride) {
        if (stride == 0) return "";
        return stride == 1 ? coord : coord + " * " + Wgsl.u32(stride);
    }

    private static String join(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) return "0u";
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return a + " + " + b;
    }
}
