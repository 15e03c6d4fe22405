package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.KernelProblem;

/**
 * A binary f32 elementwise op whose second operand repeats: {@code out[r][j] = op(x[r][j], y[j])} over rows of
 * {@code inner} elements (a bias or mask broadcast along leading dims), or {@code op(x[r][j], y[0])} when
 * {@code yScalar}. Rows are split across calls.
 */
public record WasmBroadcastProblem(WasmElementwiseProblem.Op op, int inner, boolean yScalar) implements KernelProblem {
    public WasmBroadcastProblem {
        if (op == null || op.arity != 2) throw new IllegalArgumentException("a broadcast op takes two operands: " + op);
        if (inner <= 0) throw new IllegalArgumentException("rows need inner > 0, got " + inner);
    }

    @Override public String key() {
        return "f32_" + op.name().toLowerCase() + "_inner" + inner + (yScalar ? "_scalar" : "_row");
    }
}
