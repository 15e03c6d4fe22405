package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One all-or-nothing graph edit: nodes to remove and nodes to add, checked before anything changes.
 *
 * <p>{@link #commit()} runs every new node's type rule in order. A node that writes an existing value (the output of
 * the matched subgraph) must produce exactly that value's dtype and static shape; a node that writes a value made
 * by {@link #fresh} gives it its inferred type. If a rule rejects its inputs or a type differs, the match was wrong
 * and nothing is changed: a fusion pass never leaves a graph that computes something else.
 */
final class Rewrite {
    private record Planned(String name, String domain, String opType, int opset, Map<String, Attribute> attributes,
                           List<Value> inputs, List<Value> outputs, Object payload) {}

    private final Graph graph;
    private final OpRegistry registry;
    private final List<Node> removals = new ArrayList<>();
    private final List<Planned> additions = new ArrayList<>();
    private final Map<Value, Boolean> freshValues = new IdentityHashMap<>();

    Rewrite(Graph graph, OpRegistry registry) {
        this.graph = graph;
        this.registry = registry;
    }

    /** A new value for an intermediate result of the replacement (typed at commit; pruned if the edit fails). */
    Value fresh(String hint) {
        Value v = graph.newValue(graph.uniqueName(hint), new TensorType(null, null));
        freshValues.put(v, Boolean.TRUE);
        return v;
    }

    /** A new compile-time constant (pruned if unused). */
    Value constant(String hint, Tensor t) {
        return graph.newConstant(graph.uniqueName(hint), t);
    }

    Rewrite remove(Node... nodes) {
        for (Node n : nodes) if (n != null && !removals.contains(n)) removals.add(n);
        return this;
    }

    Rewrite add(String name, String domain, String opType, int opset, Map<String, Attribute> attributes,
                List<Value> inputs, List<Value> outputs, Object payload) {
        additions.add(new Planned(name, domain, opType, opset, attributes, inputs, outputs, payload));
        return this;
    }

    Rewrite add(String name, String domain, String opType, int opset, Map<String, Attribute> attributes,
                List<Value> inputs, Value output) {
        return add(name, domain, opType, opset, attributes, inputs, List.of(output), null);
    }

    /** Checks the planned nodes' types, then applies the edit; false (graph unchanged) when a check fails. */
    boolean commit() {
        Map<Value, TensorType> pending = new IdentityHashMap<>();
        for (Planned p : additions) {
            OpDef def = registry.find(p.domain, p.opType);
            if (def == null) return false;
            TensorType[] types = new TensorType[p.inputs.size()];
            Tensor[] consts = new Tensor[p.inputs.size()];
            for (int i = 0; i < types.length; i++) {
                Value v = p.inputs.get(i);
                if (v == null) continue;
                types[i] = pending.containsKey(v) ? pending.get(v) : v.type();
                consts[i] = v.constant();
                if (types[i] == null || types[i].dtype() == null) return false;
            }
            TensorType[] out;
            try {
                out = def.inferTypes(new OpContext(p.name, p.opType, p.opset, p.attributes, types, consts,
                        p.outputs.size(), p.payload));
            } catch (RuntimeException e) {
                return false; // the op rejects these inputs: the pattern matched something it should not have
            }
            for (int i = 0; i < p.outputs.size(); i++) {
                Value v = p.outputs.get(i);
                if (freshValues.containsKey(v)) {
                    pending.put(v, out[i]);
                } else if (!out[i].equals(v.type()) || !out[i].shape().isStatic()) {
                    return false;
                }
            }
        }
        for (Node n : removals) graph.removeNode(n);
        for (Map.Entry<Value, TensorType> e : pending.entrySet()) e.getKey().setType(e.getValue());
        for (Planned p : additions) {
            graph.addNode(p.name, p.opType, p.domain, p.opset, p.attributes, p.inputs, p.outputs, p.payload);
        }
        return true;
    }

    /** True while {@code n} is still in the graph (a committed rewrite took its output away). */
    static boolean alive(Node n) {
        return !n.outputs().isEmpty() && n.output(0).producer() == n;
    }
}
