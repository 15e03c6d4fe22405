package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ConcatProblem;
import dev.nnjit.codegen.DataMovement;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.GatherNdProblem;
import dev.nnjit.codegen.GatherProblem;
import dev.nnjit.codegen.GatherRowsProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.Broadcasting;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.TuningSites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that select or assemble elements: Gather and GatherND (indices at run time, clamped into range on the GPU;
 * a constant table too large for one binding is gathered from row blocks),
 * Concat (inputs in groups when there are more than a shader may bind), and Slice and Split as strided copies.
 * Slice's starts/ends/axes/steps must be compile-time constants (they decide the output shape, which the backend
 * needs static).
 */
final class IndexingLowerings {
    private IndexingLowerings() {}

    static void register(LoweringTable t) {
        t.add("Gather", IndexingLowerings::gather);
        t.add("GatherND", IndexingLowerings::gatherNd);
        t.add("Concat", IndexingLowerings::concat);
        t.add("Slice", IndexingLowerings::slice);
        t.add("Split", IndexingLowerings::split);
    }

    private static void gather(NodeLowering n) {
        int[] data = n.inShape(0);
        int axis = ReductionLowerings.axis(n, n.op().attrInt("axis", 0), data.length);
        if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
        if (n.constantTooLarge(0)) {
            gatherFromRowBlocks(n, data, axis);
            return;
        }
        GatherProblem p = new GatherProblem(n.in(0).type(), data, axis, n.inShape(1));
        n.dispatch(TuningSites.gather(p, n.limits(), n.features()), n.in(0), n.in(1), n.out(0));
    }

    /**
     * A constant table too large for one binding (a vocabulary embedding on a small adapter): split by rows, one
     * masked gather per block, each writing the output rows whose index falls in it.
     */
    private static void gatherFromRowBlocks(NodeLowering n, int[] data, int axis) {
        if (axis != 0) throw n.unsupported("a constant table too large for one binding can only be gathered along axis 0");
        List<Integer> starts = new ArrayList<>();
        List<GpuTensor> blocks = n.chunks(0, 0, starts);
        int inner = (int) Wgsl.product(data, 1, data.length);
        GpuTensor out = n.out(0);
        for (int b = 0; b < blocks.size(); b++) {
            GatherRowsProblem p = new GatherRowsProblem(out.type(), data[0], starts.get(b), blocks.get(b).shape()[0],
                    inner, n.inShape(1));
            n.dispatch(TuningSites.gatherRows(p, n.limits(), n.features()), blocks.get(b), n.in(1), out);
        }
    }

    private static void gatherNd(NodeLowering n) {
        if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
        GatherNdProblem p;
        try {
            p = new GatherNdProblem(n.in(0).type(), n.inShape(0), n.inShape(1), (int) n.op().attrInt("batch_dims", 0));
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
        n.dispatch(TuningSites.gatherNd(p, n.limits(), n.features()), n.in(0), n.in(1), n.out(0));
    }

    private static void concat(NodeLowering n) {
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        int axis = ReductionLowerings.axis(n, n.op().attrIntRequired("axis"), out.length);
        List<GpuTensor> parts = new ArrayList<>();
        for (int i = 0; i < n.inputCount(); i++) if (!n.in(i).isEmpty()) parts.add(n.in(i));
        concatParts(n, parts, axis, n.out(0));
    }

    /**
     * Concatenates non-empty {@code parts} along {@code axis} into {@code target}; with more parts than a shader may
     * bind, leading groups are joined into scratch tensors first (concatenation is associative).
     */
    static void concatParts(NodeLowering n, List<GpuTensor> parts, int axis, GpuTensor target) {
        parts = new ArrayList<>(parts);
        int maxInputs = Math.max(2, n.limits().maxStorageBuffersPerShaderStage() - 1);
        while (parts.size() > maxInputs) {
            List<GpuTensor> group = new ArrayList<>(parts.subList(0, maxInputs));
            GpuTensor joined = concatInto(n, group, axis, null);
            parts.subList(0, maxInputs).clear();
            parts.add(0, joined);
        }
        concatInto(n, parts, axis, target);
    }

    /** Emits one Concat kernel of {@code parts} into {@code target} (a new scratch tensor when null). */
    private static GpuTensor concatInto(NodeLowering n, List<GpuTensor> parts, int axis, GpuTensor target) {
        List<int[]> shapes = new ArrayList<>();
        for (GpuTensor p : parts) shapes.add(p.shape());
        ConcatProblem p = new ConcatProblem(parts.get(0).type(), shapes, axis);
        if (target == null) target = n.scratch("concat", parts.get(0).dtype(), p.outShape());
        GpuTensor[] args = new GpuTensor[parts.size() + 1];
        for (int i = 0; i < parts.size(); i++) args[i] = parts.get(i);
        args[parts.size()] = target;
        n.dispatch(TuningSites.concat(p, n.limits(), n.features()), args);
        return target;
    }

    private static void slice(NodeLowering n) {
        int[] in = n.inShape(0);
        if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
        long[] starts;
        long[] ends;
        long[] axesRaw;
        long[] steps = null;
        if (n.op().opset() < 10) {
            starts = n.op().attrInts("starts", null);
            ends = n.op().attrInts("ends", null);
            axesRaw = n.op().attrInts("axes", null);
            if (starts == null || ends == null) throw n.error("attributes starts and ends are required");
        } else {
            starts = constantLongs(n, 1, "starts");
            ends = constantLongs(n, 2, "ends");
            axesRaw = n.hasInput(3) ? constantLongs(n, 3, "axes") : null;
            if (n.hasInput(4)) steps = constantLongs(n, 4, "steps");
        }
        int[] axes = null;
        if (axesRaw != null) {
            axes = new int[axesRaw.length];
            for (int i = 0; i < axes.length; i++) axes[i] = (int) axesRaw[i];
        }
        ElementwiseProblem p;
        try {
            p = DataMovement.slice(n.in(0).type(), in, starts, ends, axes, steps);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
        if (!Arrays.equals(p.outShape(), n.outShape(0))) {
            throw n.error("internal error: slice shape " + Arrays.toString(p.outShape()) + " differs from the inferred "
                    + Arrays.toString(n.outShape(0)));
        }
        ViewLowerings.copy(n, p.inputs().get(0));
    }

    private static long[] constantLongs(NodeLowering n, int i, String what) {
        Tensor c = n.constant(i);
        if (c == null) throw n.unsupported(what + " computed at run time (the output shape must be static)");
        return c.toLongArray();
    }

    /** Output k = the input's slab [offset_k, offset_k + size_k) along the axis, sizes from the inferred shapes. */
    private static void split(NodeLowering n) {
        int[] in = n.inShape(0);
        int axis = ReductionLowerings.axis(n, n.op().attrInt("axis", 0), in.length);
        int[] strides = Broadcasting.contiguousStrides(in);
        int offset = 0;
        for (int k = 0; k < n.outputCount(); k++) {
            int[] out = n.outShape(k);
            if (n.outputUsed(k)) {
                if (Wgsl.product(out) == 0) {
                    n.out(k);
                } else {
                    ElementwiseBuilder b = new ElementwiseBuilder(n, out);
                    b.emit(b.bindView(n.in(0), new ElementwiseInput(n.in(0).type(), in, offset * strides[axis], strides)),
                            n.out(k));
                }
            }
            offset += out[axis];
        }
    }
}
