package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.wasm.kernels.WasmElementwiseConfig;
import dev.nnjit.wasm.kernels.WasmElementwiseKernel;
import dev.nnjit.wasm.kernels.WasmElementwiseProblem;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Add, Sub, Mul, Div, Max (two operands), Relu, Exp as {@link WasmElementwiseKernel} over contiguous f32 tensors of
 * the output's shape; broadcast operands are not handled here yet (they run the reference op).
 */
final class ElementwiseLowering implements WasmLowering {
    private final WasmElementwiseProblem.Op op;

    ElementwiseLowering(WasmElementwiseProblem.Op op) { this.op = op; }

    @Override public String lower(Node n, ProgramBuilder b) {
        if (n.inputs().size() != op.arity) return n.opType() + " with " + n.inputs().size() + " operands";
        Value out = n.output(0);
        if (!ProgramBuilder.inMemory(out)) return "not a static f32 tensor";
        int[] shape = ProgramBuilder.dims(out);
        for (Value v : n.inputs()) {
            if (!ProgramBuilder.readable(v)) return "an operand is not a static f32 tensor";
            if (!Arrays.equals(ProgramBuilder.dims(v), shape)) return "broadcast operands";
        }
        List<MemTensor> ins = new ArrayList<>();
        for (Value v : n.inputs()) ins.add(b.in(v));
        MemTensor y = b.out(out);
        WasmKernelInstance k = b.kernel(WasmElementwiseKernel.INSTANCE, WasmElementwiseConfig.DEFAULT,
                new WasmElementwiseProblem(op));
        List<KernelCall.Arg> args = new ArrayList<>();
        for (MemTensor t : ins) args.add(KernelCall.Arg.of(t));
        args.add(KernelCall.Arg.of(y));
        args.add(KernelCall.Arg.value(0));
        args.add(KernelCall.Arg.value(y.elements()));
        b.kernelStep(n, List.of(new KernelCall(k, args)), ins, List.of(y), k.family());
        return null;
    }
}
