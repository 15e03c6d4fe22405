package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.KernelProblem;

/**
 * A contiguous f32 elementwise map {@code out[i] = op(x[i] [, y[i]])} over the element range the call is given
 * (the length is a call argument, not a specialization: one module serves every size).
 */
public record WasmElementwiseProblem(Op op) implements KernelProblem {
    /** The ops, each with its arity. Max and Relu propagate NaN (f32x4.max), as the Java reference does. */
    public enum Op {
        ADD(2), SUB(2), MUL(2), DIV(2), MAX(2), RELU(1), EXP(1);

        public final int arity;

        Op(int arity) { this.arity = arity; }
    }

    public WasmElementwiseProblem {
        if (op == null) throw new IllegalArgumentException("op must not be null");
    }

    @Override public String key() { return "f32_" + op.name().toLowerCase(); }
}
