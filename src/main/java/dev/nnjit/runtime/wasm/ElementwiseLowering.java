package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.wasm.kernels.WasmBroadcastKernel;
import dev.nnjit.wasm.kernels.WasmBroadcastProblem;
import dev.nnjit.wasm.kernels.WasmElementwiseConfig;
import dev.nnjit.wasm.kernels.WasmElementwiseKernel;
import dev.nnjit.wasm.kernels.WasmElementwiseProblem;
import dev.nnjit.wasm.kernels.WasmElementwiseProblem.Op;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Add, Sub, Mul, Div, Max (two operands), Relu, Exp, Gelu, SiLU as {@link WasmElementwiseKernel} over contiguous f32
 * tensors of the output's shape, or {@link WasmBroadcastKernel} when one operand repeats along leading dims (a bias,
 * a mask, a scalar); other broadcasts run the reference op.
 */
final class ElementwiseLowering implements WasmLowering {
    private final Op op;

    ElementwiseLowering(Op op) { this.op = op; }

    @Override public String lower(Node n, ProgramBuilder b) {
        if (n.inputs().size() != op.arity) return n.opType() + " with " + n.inputs().size() + " operands";
        Value out = n.output(0);
        if (!ProgramBuilder.inMemory(out)) return "not a static f32 tensor";
        int[] shape = ProgramBuilder.dims(out);
        for (Value v : n.inputs()) if (!ProgramBuilder.readable(v)) return "an operand is not a static f32 tensor";
        boolean same = true;
        for (Value v : n.inputs()) same &= Arrays.equals(ProgramBuilder.dims(v), shape);
        if (!same) return broadcast(n, b, shape);
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

    /**
     * One operand of the output's shape and the other repeating along leading dims (its shape, leading ones
     * dropped, is the output's trailing dims; or one element): {@link WasmBroadcastKernel}. The repeating operand
     * must be the second unless the op commutes.
     */
    private String broadcast(Node n, ProgramBuilder b, int[] shape) {
        if (op.arity != 2) return "broadcast operands";
        Value full = n.input(0), rep = n.input(1);
        if (!Arrays.equals(ProgramBuilder.dims(full), shape)) {
            if (op != Op.ADD && op != Op.MUL && op != Op.MAX) return "a broadcast first operand";
            full = n.input(1);
            rep = n.input(0);
            if (!Arrays.equals(ProgramBuilder.dims(full), shape)) return "both operands broadcast";
        }
        int[] r = ProgramBuilder.dims(rep);
        int lead = 0;
        while (lead < r.length && r[lead] == 1) lead++;
        int inner = 1;
        for (int i = lead; i < r.length; i++) {
            if (r[i] != shape[shape.length - r.length + i]) return "an operand broadcast along inner dims";
            inner *= r[i];
        }
        boolean scalar = inner == 1;
        int total = 1;
        for (int d : shape) total *= d;
        int rowLength = scalar ? total : inner;
        MemTensor x = b.in(full), y = b.in(rep), o = b.out(n.output(0));
        WasmKernelInstance k = b.kernel(WasmBroadcastKernel.INSTANCE, WasmElementwiseConfig.DEFAULT,
                new WasmBroadcastProblem(op, rowLength, scalar));
        KernelCall call = new KernelCall(k, List.of(KernelCall.Arg.of(x), KernelCall.Arg.of(y), KernelCall.Arg.of(o),
                KernelCall.Arg.value(0), KernelCall.Arg.value(total / rowLength)));
        b.kernelStep(n, List.of(call), List.of(x, y), List.of(o), k.family());
        return null;
    }
}
