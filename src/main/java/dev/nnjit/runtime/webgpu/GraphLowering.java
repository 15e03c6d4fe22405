package dev.nnjit.runtime.webgpu;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.Legality;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tune.ScheduleChooser;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a specialized graph (static shapes, constants folded) to a {@link GpuProgram}: each node through the
 * {@link LoweringTable}, in topological order. Every node must lower; there is no CPU fallback.
 *
 * <p>Checks made here, before anything touches a GPU: every tensor's storage fits the adapter's
 * maxStorageBufferBindingSize and maxBufferSize (the error names the tensor, its size and the limit), and every
 * kernel passes {@link dev.nnjit.codegen.KernelInstance#violation} (workgroup size and storage, dispatch size,
 * bindings per shader).
 */
public final class GraphLowering {
    private final Graph graph;
    private final LoweringTable table;
    private final OpRegistry registry;
    private final AdapterLimits limits;
    private final AdapterFeatures features;
    private final ScheduleChooser chooser;
    private final List<GpuTensor> tensors = new ArrayList<>();
    private final List<GpuStep> steps = new ArrayList<>();
    private final Map<Value, GpuTensor> byValue = new IdentityHashMap<>();
    private final Map<Value, Boolean> graphOutputs = new IdentityHashMap<>();
    /** Split constants, shared by every node reading the same constant split the same way (tied embeddings). */
    private final Map<dev.nnjit.tensor.Tensor, Map<Integer, List<GpuTensor>>> chunks = new IdentityHashMap<>();

    private GraphLowering(Graph graph, LoweringTable table, OpRegistry registry, AdapterLimits limits,
                          AdapterFeatures features, ScheduleChooser chooser) {
        this.graph = graph;
        this.table = table;
        this.registry = registry;
        this.limits = limits;
        this.features = features;
        this.chooser = chooser;
    }

    /**
     * Lowers {@code graph} for an adapter with {@code limits} and {@code features} (which decide the schedules each
     * site may offer: subgroup candidates only where the device has them; candidate 0 never depends on features),
     * each kernel's schedule picked by {@code chooser} ({@link ScheduleChooser#DEFAULT} for the untuned program);
     * throws {@link GraphException} naming the culprit.
     */
    public static GpuProgram lower(Graph graph, LoweringTable table, OpRegistry registry, AdapterLimits limits,
                                   AdapterFeatures features, ScheduleChooser chooser) {
        return new GraphLowering(graph, table, registry, limits, features, chooser).run();
    }

    private GpuProgram run() {
        for (Value out : graph.outputs()) graphOutputs.put(out, Boolean.TRUE);
        List<GpuTensor> inputs = new ArrayList<>();
        for (Value in : graph.inputs()) {
            GpuTensor t = add(in.name(), dtypeOf(in), staticShape(in), GpuTensor.Kind.INPUT, null, null);
            byValue.put(in, t);
            inputs.add(t);
        }
        for (Node n : graph.nodes()) {
            OpLowering lowering = table.find(n.domain(), n.opType());
            if (lowering == null) {
                throw new GraphException(n.describe() + ": not supported on the webgpu backend: no kernel lowering for "
                        + (n.domain().isEmpty() ? "" : n.domain() + ".") + n.opType() + " (lowered ops: "
                        + table.opTypes() + ")");
            }
            lowering.lower(new NodeLowering(this, n));
            for (Value out : n.outputs()) {
                if (!byValue.containsKey(out) && isUsed(out)) {
                    throw new GraphException("internal error: the webgpu lowering of " + n.describe()
                            + " did not define output '" + out.name() + "'");
                }
            }
        }
        List<GpuProgram.Output> outputs = new ArrayList<>();
        for (Value out : graph.outputs()) outputs.add(new GpuProgram.Output(out.name(), tensorOf(out)));
        GpuProgram program = new GpuProgram(tensors, steps, inputs, outputs);
        checkLimits(program);
        return program;
    }

    private void checkLimits(GpuProgram program) {
        for (GpuTensor t : program.tensors()) {
            if (t.kind() == GpuTensor.Kind.VIEW || t.isEmpty()) continue;
            String v = Legality.bindingSize(t.bytes(), limits);
            if (v != null) {
                throw new GraphException("tensor '" + t.name() + "' (" + t.describe() + ", " + t.bytes()
                        + " bytes on the GPU) does not fit this WebGPU adapter: " + v);
            }
        }
        for (GpuStep s : program.steps()) {
            String v = s.kernel().violation(limits);
            if (v != null) throw new GraphException(s.describe() + " cannot run on this WebGPU adapter: " + v);
        }
    }

    // ---- used by NodeLowering ----

    AdapterLimits limits() { return limits; }
    AdapterFeatures features() { return features; }
    OpRegistry registry() { return registry; }
    ScheduleChooser chooser() { return chooser; }

    boolean isUsed(Value v) { return !v.consumers().isEmpty() || graphOutputs.containsKey(v); }

    /** The tensor of a value already defined (input, constant, or an earlier node's output). */
    GpuTensor tensorOf(Value v) {
        GpuTensor t = byValue.get(v);
        if (t != null) return t;
        if (v.isConstant()) {
            t = add(v.name(), v.constant().dtype(), v.constant().shape(), GpuTensor.Kind.CONSTANT, v.constant(), null);
            byValue.put(v, t);
            return t;
        }
        throw new GraphException("internal error: value '" + v.name() + "' is read before any node defines it");
    }

    GpuTensor outputTensor(Value v) {
        GpuTensor t = byValue.get(v);
        if (t != null) {
            if (t.kind() != GpuTensor.Kind.INTERMEDIATE) {
                throw new GraphException("internal error: output '" + v.name() + "' is already defined as " + t);
            }
            return t;
        }
        t = add(v.name(), dtypeOf(v), staticShape(v), GpuTensor.Kind.INTERMEDIATE, null, null);
        byValue.put(v, t);
        return t;
    }

    void defineView(Value v, GpuTensor base) {
        if (byValue.containsKey(v)) throw new GraphException("internal error: output '" + v.name() + "' defined twice");
        byValue.put(v, add(v.name(), dtypeOf(v), staticShape(v), GpuTensor.Kind.VIEW, null, base));
    }

    /** The largest tensor one buffer binding may hold on this adapter. */
    long maxBindingBytes() { return Math.min(limits.maxStorageBufferBindingSize(), limits.maxBufferSize()); }

    /**
     * A constant split along {@code axis} into blocks that each fit one binding, as GPU constants, with the start
     * of each block along the axis in {@code starts} (filled by the call).
     */
    List<GpuTensor> chunksOf(Value v, int axis, List<Integer> starts) {
        dev.nnjit.tensor.Tensor t = v.constant();
        Map<Integer, List<GpuTensor>> byAxis = chunks.computeIfAbsent(t, k -> new java.util.HashMap<>());
        List<GpuTensor> parts = byAxis.get(axis);
        if (parts == null) {
            List<ConstantChunks.Chunk> split = ConstantChunks.split(t, axis, maxBindingBytes());
            parts = new ArrayList<>();
            for (ConstantChunks.Chunk c : split) {
                parts.add(newConstant(v.name() + "[axis " + axis + ": " + c.start() + ".." + (c.start() + c.length())
                        + ")", c.value()));
            }
            byAxis.put(axis, parts);
        }
        int start = 0;
        for (GpuTensor p : parts) {
            starts.add(start);
            start += p.shape()[axis];
        }
        return parts;
    }

    GpuTensor newConstant(String name, dev.nnjit.tensor.Tensor value) {
        return add(name, value.dtype(), value.shape(), GpuTensor.Kind.CONSTANT, value, null);
    }

    GpuTensor newScratch(String name, DType dtype, int[] shape) {
        return add(name, dtype, shape, GpuTensor.Kind.INTERMEDIATE, null, null);
    }

    void addStep(GpuStep step) { steps.add(step); }

    private GpuTensor add(String name, DType dtype, int[] shape, GpuTensor.Kind kind, dev.nnjit.tensor.Tensor c,
                          GpuTensor base) {
        GpuTensor t;
        try {
            t = new GpuTensor(tensors.size(), name, dtype, shape, kind, c, base);
        } catch (IllegalArgumentException e) {
            throw new GraphException("tensor '" + name + "' cannot live on the GPU: " + e.getMessage());
        }
        tensors.add(t);
        return t;
    }

    private static DType dtypeOf(Value v) {
        DType d = v.type().dtype();
        if (d == null) throw new GraphException("value '" + v.name() + "' has no known dtype after type inference");
        return d;
    }

    /** The concrete shape of a value; after specialization every shape the GPU path sees must be static. */
    static int[] staticShape(Value v) {
        Shape s = v.type().shape();
        if (!s.isStatic()) {
            throw new GraphException("value '" + v.name() + "' has shape " + s + " after specialization; the webgpu"
                    + " backend needs static shapes (a shape that depends on tensor values is not supported)");
        }
        return s.toIntArray();
    }
}
