package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpContext;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import dev.nnjit.wasm.kernels.WasmSoftmaxConfig;
import dev.nnjit.wasm.kernels.WasmSoftmaxKernel;
import dev.nnjit.wasm.kernels.WasmSoftmaxProblem;
import java.util.List;

/** Row-wise ops: Softmax over a trailing block (the kernel's rows are everything before it). */
final class RowLowerings {
    private RowLowerings() {}

    /** Softmax (rows, cols): opset < 13 normalizes over the flattened dims from axis on, later opsets over axis. */
    static String softmax(Node n, ProgramBuilder b) {
        Value x = n.input(0);
        if (!ProgramBuilder.inMemory(x) || !ProgramBuilder.inMemory(n.output(0))) return "not a static f32 tensor";
        int[] s = ProgramBuilder.dims(x);
        long axis = OpContext.forNode(n).attrInt("axis", n.opset() < 13 ? 1 : -1);
        int ax = (int) (axis < 0 ? axis + s.length : axis);
        int cols = 1, inner = 1, size = 1;
        for (int d : s) size *= d;
        if (n.opset() < 13) {
            for (int i = ax; i < s.length; i++) cols *= s[i];
        } else {
            cols = s[ax];
            for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        }
        if (inner != 1) return "softmax over an axis that is not the last";
        MemTensor in = b.in(x), out = b.out(n.output(0));
        WasmKernelInstance k = b.kernel(WasmSoftmaxKernel.INSTANCE, WasmSoftmaxConfig.DEFAULT, new WasmSoftmaxProblem(cols));
        KernelCall call = new KernelCall(k, List.of(KernelCall.Arg.of(in), KernelCall.Arg.of(out),
                KernelCall.Arg.value(0), KernelCall.Arg.value(size / cols)));
        b.kernelStep(n, List.of(call), List.of(in), List.of(out), k.family());
        return null;
    }
}
