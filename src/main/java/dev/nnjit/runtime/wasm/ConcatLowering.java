package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpContext;
import dev.nnjit.wasm.kernels.WasmCopyKernel;
import dev.nnjit.wasm.kernels.WasmCopyProblem;
import dev.nnjit.wasm.kernels.WasmElementwiseConfig;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Concat of f32 tensors as {@link WasmCopyKernel} calls, one per non-empty input: its rows (the dims before the
 * axis) copied into its slice of the output's. A KV-cache decoder concatenates the past and the new keys and values
 * this way at every step, in memory, instead of through the Java reference op. Empty inputs (a first step's
 * 0-length past) add nothing.
 */
final class ConcatLowering implements WasmLowering {
    @Override public String lower(Node n, ProgramBuilder b) {
        Value out = n.output(0);
        if (!ProgramBuilder.inMemory(out)) return "not a static f32 tensor";
        int[] shape = ProgramBuilder.dims(out);
        int axis = (int) OpContext.forNode(n).attrInt("axis", 0);
        if (axis < 0) axis += shape.length;
        if (axis < 0 || axis >= shape.length) return "an axis out of range";
        long outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        List<Value> parts = new ArrayList<>();
        for (Value v : n.inputs()) {
            if (isEmptyF32(v)) continue;
            if (!ProgramBuilder.readable(v)) return "an operand is not a static f32 tensor";
            parts.add(v);
        }
        MemTensor y = b.out(out);
        List<MemTensor> reads = new ArrayList<>();
        List<KernelCall> calls = new ArrayList<>();
        long offset = 0;
        for (Value v : parts) {
            MemTensor t = b.in(v);
            int cols = (int) (ProgramBuilder.dims(v)[axis] * inner);
            WasmKernelInstance k = b.kernel(WasmCopyKernel.INSTANCE, WasmElementwiseConfig.DEFAULT,
                    new WasmCopyProblem(cols, cols, (int) (shape[axis] * inner)));
            calls.add(new KernelCall(k, List.of(KernelCall.Arg.of(t), KernelCall.Arg.of(y, 4 * offset),
                    KernelCall.Arg.value(0), KernelCall.Arg.value((int) outer))));
            reads.add(t);
            offset += cols;
        }
        if (calls.isEmpty()) return "every operand is empty";
        b.kernelStep(n, calls, reads, List.of(y), "wasm_copy");
        return null;
    }

    /** An f32 operand with no elements (static shape): nothing to copy. */
    private static boolean isEmptyF32(Value v) {
        if (v == null) return true;
        if (v.isConstant()) return v.constant().size() == 0;
        return v.type() != null && v.type().shape().isStatic() && v.type().shape().elementCount() == 0;
    }
}
