package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tune.TuningSite;

/**
 * What an {@link OpLowering} sees of one node: its attributes (through {@link #op()}, with ONNX defaults), the
 * static types of its inputs and outputs, compile-time constant inputs, and the program being built, to which it
 * adds kernels, views and scratch tensors. Errors name the node.
 */
public final class NodeLowering {
    private final GraphLowering program;
    private final Node node;
    private final OpContext op;

    NodeLowering(GraphLowering program, Node node) {
        this.program = program;
        this.node = node;
        this.op = OpContext.forNode(node);
    }

    public Node node() { return node; }
    public String name() { return node.name(); }
    public String opType() { return node.opType(); }

    /** Attributes, opset and input types of the node, as op type rules see them. */
    public OpContext op() { return op; }

    public AdapterLimits limits() { return program.limits(); }

    /** The device's optional features, which decide the schedules a site may offer (pass them to TuningSites). */
    public AdapterFeatures features() { return program.features(); }
    public OpRegistry registry() { return program.registry(); }

    /** Who picks each site's schedule (the default everywhere until a tuner supplies decisions). */
    public ScheduleChooser chooser() { return program.chooser(); }

    public int inputCount() { return node.inputs().size(); }
    public boolean hasInput(int i) { return node.input(i) != null; }
    public int outputCount() { return node.outputs().size(); }

    /** Whether output k is read by a node or is a graph output (unused optional outputs need not be defined). */
    public boolean outputUsed(int k) { return program.isUsed(node.output(k)); }

    public int[] inShape(int i) { return GraphLowering.staticShape(input(i)); }
    public DType inDType(int i) { return input(i).type().dtype(); }
    public int[] outShape(int k) { return GraphLowering.staticShape(node.output(k)); }
    public DType outDType(int k) { return node.output(k).type().dtype(); }

    /** The compile-time value of input i, or null when it is computed at run time (or omitted). */
    public Tensor constant(int i) {
        Value v = node.input(i);
        return v == null ? null : v.constant();
    }

    public boolean isConstant(int i) { return constant(i) != null; }

    /** The GPU tensor of input i (a constant input becomes a tensor uploaded once). */
    public GpuTensor in(int i) { return program.tensorOf(input(i)); }

    /** The tensor for output k, computed by this node's kernels (created on first call). */
    public GpuTensor out(int k) { return program.outputTensor(node.output(k)); }

    /** Defines output k as {@code base}'s storage seen with the output's shape (same elements, same order). */
    public void view(int k, GpuTensor base) { program.defineView(node.output(k), base); }

    /** A scratch tensor for values passed between this node's kernels. */
    public GpuTensor scratch(String hint, DType dtype, int[] shape) {
        return program.newScratch(node.name() + "/" + hint, dtype, shape);
    }

    /** A constant tensor made by the lowering (uploaded once with the graph's constants). */
    public GpuTensor constantTensor(String hint, Tensor value) {
        return program.newConstant(node.name() + "/" + hint, value);
    }

    /**
     * Whether input i is a constant too large for one storage binding on this adapter (such a constant may only be
     * read through {@link #chunks}).
     */
    public boolean constantTooLarge(int i) {
        Tensor c = constant(i);
        return c != null && 4L * c.size() > program.maxBindingBytes();
    }

    /**
     * Constant input i split along {@code axis} into blocks that each fit one binding; {@code starts} receives each
     * block's first index along the axis. Blocks are shared with other nodes splitting the same constant alike.
     */
    public java.util.List<GpuTensor> chunks(int i, int axis, java.util.List<Integer> starts) {
        if (constant(i) == null) throw error("internal error: input " + i + " is not a constant to split");
        try {
            return program.chunksOf(input(i), axis, starts);
        } catch (IllegalArgumentException e) {
            throw unsupported("constant input '" + input(i).name() + "' (" + constant(i).describe() + ") exceeds the"
                    + " adapter's storage binding limit and cannot be split along axis " + axis + ": " + e.getMessage());
        }
    }

    /**
     * Appends a dispatch of the kernel the {@link #chooser()} picks at {@code site} (build sites with
     * {@link dev.nnjit.tune.TuningSites}); {@code args} in binding order, which every candidate of a site shares. The
     * step records the site and the chosen candidate's key, so "why this kernel" has one answer.
     */
    public void dispatch(TuningSite<?> site, GpuTensor... args) {
        String key = chooser().choose(site);
        KernelInstance kernel;
        try {
            kernel = site.instance(key);
        } catch (IllegalArgumentException e) {
            throw new GraphException("internal error lowering " + node.describe() + ": the schedule chooser picked "
                    + key + ", which is not a candidate: " + e.getMessage());
        }
        try {
            program.addStep(new GpuStep(node.name(), node.opType(), kernel, java.util.List.of(args), site, key));
        } catch (IllegalArgumentException e) {
            throw new GraphException("internal error lowering " + node.describe() + ": " + e.getMessage());
        }
    }

    /** An error for a node this backend cannot run: "node 'n' (Op, opset k): not supported on webgpu: why". */
    public GraphException unsupported(String why) {
        return new GraphException(node.describe() + ": not supported on the webgpu backend: " + why);
    }

    /** An error in the node itself (bad attribute, inconsistent shapes), naming it. */
    public GraphException error(String message) {
        return new GraphException(node.describe() + ": " + message);
    }

    private Value input(int i) {
        Value v = node.input(i);
        if (v == null) throw error("input " + i + " is required but missing");
        return v;
    }
}
