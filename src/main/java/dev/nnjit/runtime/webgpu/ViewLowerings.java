package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.Broadcasting;

/**
 * Ops that only move data. Shape-only ops (Reshape, Flatten, Squeeze, Unsqueeze, Identity, inference-mode Dropout)
 * keep the elements in order, so their output is a view of the input: no kernel, no memory. Transpose and Expand are
 * one elementwise copy through a strided view of the input (permuted strides; stride 0 along broadcast dims).
 */
final class ViewLowerings {
    private ViewLowerings() {}

    static void register(LoweringTable t) {
        for (String op : new String[] {"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity"}) {
            t.add(op, n -> n.view(0, n.in(0)));
        }
        t.add("Dropout", n -> {
            if (n.outputCount() > 1 && n.outputUsed(1)) throw n.unsupported("the Dropout mask output is used");
            n.view(0, n.in(0));
        });
        t.add("Transpose", ViewLowerings::transpose);
        t.add("Expand", ViewLowerings::expand);
    }

    private static void transpose(NodeLowering n) {
        int[] in = n.inShape(0);
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        long[] permAttr = n.op().attrInts("perm", null);
        int rank = in.length;
        int[] perm = new int[rank];
        for (int d = 0; d < rank; d++) perm[d] = permAttr == null ? rank - 1 - d : (int) permAttr[d];
        int[] inStrides = Broadcasting.contiguousStrides(in);
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) strides[d] = inStrides[perm[d]];
        copy(n, new ElementwiseInput(n.in(0).type(), Wgsl.atLeast1d(in), 0, rank == 0 ? new int[] {0} : strides));
    }

    private static void expand(NodeLowering n) {
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        GpuTensor x = n.in(0);
        copy(n, ElementwiseInput.broadcast(x.type(), Wgsl.atLeast1d(x.shape()), Wgsl.atLeast1d(out)));
    }

    /** out = the input read through {@code view}, as one elementwise kernel. */
    static void copy(NodeLowering n, ElementwiseInput view) {
        ElementwiseBuilder b = new ElementwiseBuilder(n, n.outShape(0));
        b.emit(b.bindView(n.in(0), view), n.out(0));
    }
}
