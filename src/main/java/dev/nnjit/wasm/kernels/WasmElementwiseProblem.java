package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.ops.fused.Activation;

/**
 * A contiguous f32 elementwise map {@code out[i] = op(x[i] [, y[i]])} over the element range the call is given
 * (the length is a call argument, not a specialization: one module serves every size).
 */
public record WasmElementwiseProblem(Op op) implements KernelProblem {
    /**
     * The ops, each with its arity. Max and Relu propagate NaN (f32x4.max), as the Java reference does. GELU,
     * GELU_TANH and SILU are the {@link Activation}s of that name (one definition, shared with the matmul epilogues).
     */
    public enum Op {
        ADD(2, null), SUB(2, null), MUL(2, null), DIV(2, null), MAX(2, null), RELU(1, null), EXP(1, null),
        GELU(1, Activation.GELU), GELU_TANH(1, Activation.GELU_TANH), SILU(1, Activation.SILU);

        public final int arity;
        /** The activation this op applies, or null. */
        public final Activation activation;

        Op(int arity, Activation activation) {
            this.arity = arity;
            this.activation = activation;
        }
    }

    public WasmElementwiseProblem {
        if (op == null) throw new IllegalArgumentException("op must not be null");
    }

    @Override public String key() { return "f32_" + op.name().toLowerCase(); }
}
