package dev.nnjit.runtime;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.ControlFlowOp;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.SubgraphRunner;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a compiled (specialized, folded) graph on the CPU with the ops' reference implementations.
 *
 * <p>Intermediate tensors are dropped after their last reader, so peak memory is the weights plus the live
 * activations. Every computed output is checked against the type the compiler inferred: a mismatch is a bug in a
 * type rule and is reported as such, naming the node. Control-flow bodies (If's branches) run on executors of their
 * own, made on first use and kept.
 */
public final class CpuExecutor {
    private final Graph graph;
    private final OpDef[] defs;
    private final Map<Value, Integer> lastUse = new IdentityHashMap<>();
    private final OpRegistry registry;
    private final Map<Graph, CpuExecutor> bodies = new IdentityHashMap<>();
    private final SubgraphRunner bodyRunner = this::runBody;

    public CpuExecutor(Graph graph, OpRegistry registry) {
        this.graph = graph;
        this.registry = registry;
        List<Node> nodes = graph.nodes();
        defs = new OpDef[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            defs[i] = registry.find(n.domain(), n.opType());
            if (defs[i] == null) throw new GraphException("unsupported op '" + n.opType() + "' at " + n.describe());
            for (Value in : n.inputs()) if (in != null) lastUse.put(in, i);
        }
        for (Value out : graph.outputs()) lastUse.put(out, Integer.MAX_VALUE);
    }

    /**
     * Computes the graph outputs from feeds already validated against the graph's inputs.
     *
     * @param nodeTimesMs when not null, receives elapsed milliseconds per op type
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds, Map<String, Double> nodeTimesMs) {
        Map<Value, Tensor> live = new IdentityHashMap<>();
        for (Value in : graph.inputs()) live.put(in, feeds.get(in.name()));
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Tensor[] ins = new Tensor[n.inputs().size()];
            for (int k = 0; k < ins.length; k++) {
                Value v = n.input(k);
                if (v == null) continue;
                ins[k] = v.isConstant() ? v.constant() : live.get(v);
                if (ins[k] == null) throw new GraphException(n.describe() + ": input '" + v.name() + "' has no value");
            }
            long t0 = nodeTimesMs == null ? 0 : System.nanoTime();
            Tensor[] outs = computeNode(i, ins);
            if (nodeTimesMs != null) nodeTimesMs.merge(n.opType(), (System.nanoTime() - t0) / 1e6, Double::sum);
            for (int k = 0; k < n.outputs().size(); k++) {
                Value out = n.output(k);
                if (k >= outs.length || outs[k] == null) {
                    if (out.consumers().isEmpty() && !graph.outputs().contains(out)) continue;
                    throw new GraphException(n.describe() + ": output " + k + " was not produced");
                }
                checkType(n, out, outs[k]);
                live.put(out, outs[k]);
            }
            for (Value v : n.inputs()) {
                if (v != null && !v.isConstant() && lastUse.getOrDefault(v, -1) == i) live.remove(v);
            }
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Value out : graph.outputs()) {
            Tensor t = out.isConstant() ? out.constant() : live.get(out);
            if (t == null) throw new GraphException("graph output '" + out.name() + "' was not computed");
            result.put(out.name(), t);
        }
        return result;
    }

    /**
     * The reference op of node {@code index} (in graph order) on {@code inputs} (null for absent optional ones);
     * control-flow bodies run on this executor's body executors. Other backends use it for the nodes they have no
     * kernel for.
     */
    public Tensor[] computeNode(int index, Tensor[] inputs) {
        Node n = graph.nodes().get(index);
        OpContext ctx = OpContext.forTensors(n, inputs);
        return defs[index] instanceof ControlFlowOp
                ? ((ControlFlowOp) defs[index]).compute(ctx, inputs, bodyRunner) : defs[index].compute(ctx, inputs);
    }

    /** Runs a control-flow body: its inputs fed by position. */
    private Tensor[] runBody(Graph body, Tensor[] inputs) {
        CpuExecutor exec = bodies.computeIfAbsent(body, b -> new CpuExecutor(b, registry));
        List<Value> declared = body.inputs();
        if (declared.size() != inputs.length) {
            throw new GraphException("internal error: a subgraph with " + declared.size() + " inputs was given "
                    + inputs.length);
        }
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) feeds.put(declared.get(i).name(), inputs[i]);
        Map<String, Tensor> results = exec.run(feeds, null);
        Tensor[] outs = new Tensor[body.outputs().size()];
        for (int i = 0; i < outs.length; i++) outs[i] = results.get(body.outputs().get(i).name());
        return outs;
    }

    private static void checkType(Node n, Value out, Tensor t) {
        TensorType inferred = out.type();
        if (inferred == null) return;
        boolean dtypeOk = inferred.dtype() == null || inferred.dtype() == t.dtype();
        boolean shapeOk = inferred.shape().compatibleWith(Shape.of(t.shape()));
        if (!dtypeOk || !shapeOk) {
            throw new GraphException("internal error: " + n.describe() + " computed " + t.describe() + " for '"
                    + out.name() + "' but its type rule inferred " + inferred);
        }
    }
}
