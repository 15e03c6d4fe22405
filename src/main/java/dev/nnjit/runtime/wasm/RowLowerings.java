package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpContext;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.tune.WasmTuningSites;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import dev.nnjit.wasm.kernels.WasmSoftmaxProblem;
import dev.nnjit.wasm.kernels.WasmNormProblem;
import dev.nnjit.wasm.kernels.WasmTransposeConfig;
import dev.nnjit.wasm.kernels.WasmTransposeKernel;
import dev.nnjit.wasm.kernels.WasmTransposeProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Row-wise ops (the kernels' rows are everything before a trailing block): Softmax, LayerNorm/RMSNorm, and
 * Transpose (rows of its output). Softmax and norm schedules are chosen at their {@link WasmTuningSites} site.
 */
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
        TuningSite<WasmSoftmaxProblem> site = WasmTuningSites.softmax(new WasmSoftmaxProblem(cols));
        int rows = size / cols;
        b.tunedStep(n, List.of(in), List.of(out), new TunedStep(site, b.chooser().choose(site),
                key -> List.of(new KernelCall(b.kernel(site, key), List.of(KernelCall.Arg.of(in), KernelCall.Arg.of(out),
                        KernelCall.Arg.value(0), KernelCall.Arg.value(rows)))), 0));
        return null;
    }

    /**
     * LayerNormalization (only Y used) and nnjit.RMSNormalization over dims [axis, rank), scale (and bias) of that
     * many elements.
     */
    static String norm(Node n, ProgramBuilder b) {
        boolean layer = n.opType().equals("LayerNormalization");
        Value x = n.input(0);
        if (!ProgramBuilder.inMemory(x) || !ProgramBuilder.inMemory(n.output(0))) return "not a static f32 tensor";
        for (int i = 1; i < n.outputs().size(); i++) {
            if (n.output(i) != null && !n.output(i).consumers().isEmpty()) return "its statistics outputs are read";
        }
        int[] s = ProgramBuilder.dims(x);
        OpContext ctx = OpContext.forNode(n);
        long axis = ctx.attrInt("axis", -1);
        int ax = (int) (axis < 0 ? axis + s.length : axis);
        int cols = 1, size = 1;
        for (int i = 0; i < s.length; i++) {
            size *= s[i];
            if (i >= ax) cols *= s[i];
        }
        Value scale = n.input(1), bias = layer ? n.input(2) : null;
        if (!ProgramBuilder.readable(scale) || elements(scale) != cols) return "a scale that is not one per column";
        if (bias != null && (!ProgramBuilder.readable(bias) || elements(bias) != cols)) {
            return "a bias that is not one per column";
        }
        MemTensor in = b.in(x), sc = b.in(scale), bi = bias == null ? null : b.in(bias), out = b.out(n.output(0));
        WasmNormProblem p = new WasmNormProblem(layer ? WasmNormProblem.Kind.LAYER : WasmNormProblem.Kind.RMS, cols,
                bi != null, ctx.attrFloat("epsilon", 1e-5f));
        List<KernelCall.Arg> args = new ArrayList<>(List.of(KernelCall.Arg.of(in), KernelCall.Arg.of(sc)));
        if (bi != null) args.add(KernelCall.Arg.of(bi));
        args.addAll(List.of(KernelCall.Arg.of(out), KernelCall.Arg.value(0), KernelCall.Arg.value(size / cols)));
        List<MemTensor> reads = new ArrayList<>(List.of(in, sc));
        if (bi != null) reads.add(bi);
        TuningSite<WasmNormProblem> site = WasmTuningSites.norm(p);
        b.tunedStep(n, reads, List.of(out), new TunedStep(site, b.chooser().choose(site),
                key -> List.of(new KernelCall(b.kernel(site, key), args)), 0));
        return null;
    }

    /** Transpose: a view when the permutation keeps row-major order, else {@link WasmTransposeKernel}. */
    static String transpose(Node n, ProgramBuilder b) {
        Value x = n.input(0);
        if (!ProgramBuilder.inMemory(x) || !ProgramBuilder.inMemory(n.output(0))) return "not a static f32 tensor";
        int[] s = ProgramBuilder.dims(x);
        long[] permAttr = OpContext.forNode(n).attrInts("perm", null);
        int[] perm = new int[s.length];
        for (int i = 0; i < s.length; i++) perm[i] = permAttr == null ? s.length - 1 - i : (int) permAttr[i];
        WasmTransposeProblem p = WasmTransposeProblem.of(s, perm);
        MemTensor in = b.in(x);
        if (p == null) {
            b.view(n.output(0), in);
            return null;
        }
        MemTensor out = b.out(n.output(0));
        WasmKernelInstance k = b.kernel(WasmTransposeKernel.INSTANCE, WasmTransposeConfig.DEFAULT, p);
        KernelCall call = new KernelCall(k, List.of(KernelCall.Arg.of(in), KernelCall.Arg.of(out),
                KernelCall.Arg.value(0), KernelCall.Arg.value(p.dims()[0])));
        b.kernelStep(n, List.of(call), List.of(in), List.of(out), k.family());
        return null;
    }

    private static int elements(Value v) {
        int e = 1;
        for (int d : ProgramBuilder.dims(v)) e *= d;
        return e;
    }
}
