package dev.nnjit.api;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.GraphImporter;
import dev.nnjit.graph.Value;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.InferAndFold;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.passes.SupportCheck;
import dev.nnjit.runtime.Backend;
import dev.nnjit.runtime.CpuBackend;
import dev.nnjit.runtime.Executable;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.runtime.RunResult;
import dev.nnjit.runtime.Tunable;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded model, ready to run. Load-time work: import the graph, reject unsupported ops, infer types with the
 * declared (possibly symbolic) input shapes. First run at a new set of input shapes: specialize, fold, compile for
 * the backend; later runs at the same shapes reuse that compiled plan while the bounded {@link PlanCache} keeps it.
 */
public final class Session {
    private final Graph graph;
    private final OpRegistry registry;
    private final Backend backend;
    private final PlanCache plans = new PlanCache();
    private final Map<String, Double> lastTimings = new LinkedHashMap<>();
    /** Inputs that are the condition of an If: their value is part of the plan's key (see {@link #compile}). */
    private final List<String> branchInputs;
    private final Map<String, Boolean> generationFacts = new LinkedHashMap<>();
    private Executable last;

    private Session(Graph graph, OpRegistry registry, Backend backend) {
        this.graph = graph;
        this.registry = registry;
        this.backend = backend;
        this.branchInputs = branchInputs(graph);
    }

    /** Graph inputs of one bool element that some If reads as its condition (a merged decoder's use_cache_branch). */
    private static List<String> branchInputs(Graph g) {
        List<String> names = new ArrayList<>();
        for (Value in : g.inputs()) {
            if (in.type().dtype() != dev.nnjit.tensor.DType.BOOL) continue;
            for (dev.nnjit.graph.Node n : in.consumers()) {
                if ("If".equals(n.opType()) && n.domain().isEmpty() && n.input(0) == in && !names.contains(in.name())) {
                    names.add(in.name());
                }
            }
        }
        return names;
    }

    /** A session on the CPU reference backend. */
    public static Session create(OnnxModel model) {
        OpRegistry registry = OpRegistry.defaults();
        return create(model, registry, new CpuBackend(registry));
    }

    public static Session create(OnnxModel model, OpRegistry registry, Backend backend) {
        Graph g = GraphImporter.importModel(model);
        new SupportCheck(registry).apply(g);
        new InferAndFold(registry, false).apply(g);
        return new Session(g, registry, backend);
    }

    /** The graph as loaded (typed with declared input shapes, not yet specialized). */
    public Graph graph() { return graph; }

    public String backendName() { return backend.name(); }

    /** Whether this session's plans can keep values on a device between runs (see {@code RunOptions.onDevice()}). */
    public boolean keepsValuesOnDevice() { return backend.keepsValuesOnDevice(); }

    /** Declared inputs with their types (symbolic dims where the model has them). */
    public Map<String, TensorType> inputs() {
        Map<String, TensorType> m = new LinkedHashMap<>();
        for (Value v : graph.inputs()) m.put(v.name(), v.type());
        return m;
    }

    public Map<String, TensorType> outputs() {
        Map<String, TensorType> m = new LinkedHashMap<>();
        for (Value v : graph.outputs()) m.put(v.name(), v.type());
        return m;
    }

    /**
     * Runs the model with default options (all outputs, no profiling). Feeds must name every graph input with its
     * declared dtype and a shape matching its declared dims; errors name the offending feed. Returns the outputs in
     * graph order.
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        return run(feeds, RunOptions.DEFAULT).outputs();
    }

    /**
     * Runs the model as {@code options} ask (see {@link #run(Map)} for the feeds). The result's timings start with
     * "compileMs" (validation, and specializing and compiling at a new shape set) and "runMs", then the backend's.
     */
    public RunResult run(Map<String, Tensor> feeds, RunOptions options) {
        lastTimings.clear();
        long t0 = System.nanoTime();
        validateFeeds(feeds);
        validateRequestedOutputs(options);
        String key = shapeKey(feeds);
        Executable exec = plans.get(key, () -> compile(feeds));
        last = exec;
        long t1 = System.nanoTime();
        RunResult result = exec.run(feeds, options);
        long t2 = System.nanoTime();
        Map<String, Double> session = new LinkedHashMap<>();
        session.put("compileMs", (t1 - t0) / 1e6);
        session.put("runMs", (t2 - t1) / 1e6);
        result = result.withTimingsBefore(session);
        lastTimings.putAll(result.timingsMs());
        return result;
    }

    /**
     * Specializes the graph to the feeds' shapes and compiles it. An If's condition that is a graph input is made a
     * constant of its fed value here (the value is in the plan's key), so the If is replaced by its branch
     * ({@code IfInlining}) and backends without control flow compile it: a merged decoder gets one plan per value of
     * use_cache_branch. The input stays declared; the plan ignores it.
     */
    private Executable compile(Map<String, Tensor> feeds) {
        Graph g = graph.copy();
        for (Value in : g.inputs()) in.setType(TensorType.of(feeds.get(in.name())));
        for (String name : branchInputs) {
            Tensor value = feeds.get(name);
            if (value.size() != 1) continue;
            Value in = g.value(name);
            g.replaceAllUses(in, g.newConstant(g.uniqueName(name), value));
        }
        PassPipeline.standard(registry).apply(g);
        return backend.compile(g);
    }

    /**
     * What generation has learned about this model and keeps for later decodings (mutable; by the decoding's kind,
     * e.g. whether a KV-cache step may be padded), so that every generate call need not check it again.
     */
    public Map<String, Boolean> generationFacts() { return generationFacts; }

    /** The compiled plans, one per input shape set: bounded (settable limit), with compile and eviction counts. */
    public PlanCache planCache() { return plans; }

    /**
     * The program this session ran last, when its backend can tune it (WebGPU), else null (also before the first
     * run). Tuning is an explicit operation between runs: see {@link Tunable}.
     */
    /** The compiled program this session ran last (null before the first run), for its backend's own reports. */
    public Executable lastExecutable() { return last; }

    public Tunable tunable() { return last instanceof Tunable ? (Tunable) last : null; }

    /**
     * Timings of the last run in milliseconds: "compileMs", "runMs" and "op.TYPE" per op type (the last
     * {@link RunResult#timingsMs()}, kept for callers of {@link #run(Map)}).
     */
    public Map<String, Double> lastTimings() { return new LinkedHashMap<>(lastTimings); }

    private void validateRequestedOutputs(RunOptions options) {
        if (options.outputs() == null) return;
        Map<String, TensorType> declared = outputs();
        for (String name : options.outputs()) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("requested output '" + name + "' is not an output of the model"
                        + " (outputs: " + declared.keySet() + ")");
            }
        }
    }

    private void validateFeeds(Map<String, Tensor> feeds) {
        List<String> expected = new ArrayList<>();
        for (Value v : graph.inputs()) expected.add(v.name());
        for (String name : feeds.keySet()) {
            if (!expected.contains(name)) {
                throw new GraphException("feed '" + name + "' is not an input of the model (inputs: " + expected + ")");
            }
        }
        for (Value in : graph.inputs()) {
            Tensor t = feeds.get(in.name());
            if (t == null) throw new GraphException("input '" + in.name() + "' (" + in.type() + ") has no feed");
            TensorType declared = in.type();
            if (declared.dtype() != null && declared.dtype() != t.dtype()) {
                throw new GraphException("feed '" + in.name() + "' has dtype " + t.dtype() + ", the model expects "
                        + declared.dtype());
            }
            Shape s = declared.shape();
            if (!s.hasRank()) continue;
            int[] actual = t.shape();
            boolean ok = s.rank() == actual.length;
            for (int i = 0; ok && i < actual.length; i++) {
                Dim d = s.dim(i);
                if (d.isKnown() && d.value() != actual[i]) ok = false;
            }
            if (!ok) {
                throw new GraphException("feed '" + in.name() + "' has shape " + Arrays.toString(actual)
                        + ", the model expects " + s);
            }
        }
    }

    private String shapeKey(Map<String, Tensor> feeds) {
        StringBuilder sb = new StringBuilder();
        for (Value in : graph.inputs()) sb.append(Arrays.toString(feeds.get(in.name()).shape())).append(';');
        for (String name : branchInputs) {
            Tensor t = feeds.get(name);
            if (t.size() == 1) sb.append(name).append('=').append(t.getDouble(0) != 0).append(';');
        }
        return sb.toString();
    }
}
