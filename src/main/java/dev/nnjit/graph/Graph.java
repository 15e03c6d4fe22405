package dev.nnjit.graph;

import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph IR: values and the nodes that connect them, kept in topological order.
 *
 * <p>Invariants: every value name is unique; a value's {@code producer} is the node listing it as an output (null for
 * inputs and constants); {@code consumers} lists each reading node once per input slot; {@link #nodes()} is in
 * topological order. Passes mutate the graph only through the methods here, which keep these true.
 */
public final class Graph {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final Map<String, Value> values = new LinkedHashMap<>();
    private final Map<String, Integer> opsets;
    private int uniqueCounter;

    public Graph(Map<String, Integer> opsets) { this.opsets = Collections.unmodifiableMap(new HashMap<>(opsets)); }

    public List<Node> nodes() { return Collections.unmodifiableList(nodes); }
    public List<Value> inputs() { return Collections.unmodifiableList(inputs); }
    public List<Value> outputs() { return Collections.unmodifiableList(outputs); }
    public Map<String, Integer> opsets() { return opsets; }
    public Value value(String name) { return values.get(name); }
    public Iterable<Value> values() { return values.values(); }

    /** Creates a value; throws if the name is taken. */
    public Value newValue(String name, TensorType type) {
        if (values.containsKey(name)) throw new GraphException("value '" + name + "' is defined twice");
        Value v = new Value(name, type);
        values.put(name, v);
        return v;
    }

    /** A fresh name starting with {@code hint}, for values made by passes. */
    public String uniqueName(String hint) {
        String n;
        do { n = hint + "__" + (uniqueCounter++); } while (values.containsKey(n));
        return n;
    }

    public Value newConstant(String name, Tensor t) {
        Value v = newValue(name, TensorType.of(t));
        v.setConstant(t);
        return v;
    }

    public void addInput(Value v) { inputs.add(v); }
    public void addOutput(Value v) { outputs.add(v); }

    /** Replaces graph output i (e.g. when a pass rewires the value that produces it). */
    public void setOutput(int i, Value v) { outputs.set(i, v); }

    /** Appends a node (callers keep topological order, or call {@link #sortTopologically()}). */
    public Node addNode(String name, String opType, String domain, int opset, Map<String, Attribute> attributes,
                        List<Value> nodeInputs, List<Value> nodeOutputs) {
        return addNode(name, opType, domain, opset, attributes, nodeInputs, nodeOutputs, null);
    }

    /** Same, with an immutable {@link Node#payload()} for internal ops made by passes. */
    public Node addNode(String name, String opType, String domain, int opset, Map<String, Attribute> attributes,
                        List<Value> nodeInputs, List<Value> nodeOutputs, Object payload) {
        Node n = new Node(name, opType, domain, opset, attributes, nodeInputs, nodeOutputs, payload);
        for (Value in : nodeInputs) if (in != null) in.consumers.add(n);
        for (Value out : nodeOutputs) {
            if (out.producer != null) throw new GraphException("value '" + out.name() + "' is produced by both "
                    + out.producer.describe() + " and " + n.describe());
            out.producer = n;
        }
        nodes.add(n);
        return n;
    }

    /** Removes a node; its outputs keep existing but lose their producer (callers must rewire or drop them). */
    public void removeNode(Node n) {
        if (!nodes.remove(n)) return;
        for (Value in : n.inputs) if (in != null) in.consumers.remove(n);
        for (Value out : n.outputs) if (out.producer == n) out.producer = null;
    }

    /** Makes every reader of {@code from} (nodes and graph outputs) read {@code to} instead. */
    public void replaceAllUses(Value from, Value to) {
        for (Node c : new ArrayList<>(from.consumers)) {
            for (int i = 0; i < c.inputs.size(); i++) {
                if (c.inputs.get(i) == from) {
                    c.inputs.set(i, to);
                    from.consumers.remove(c);
                    to.consumers.add(c);
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) if (outputs.get(i) == from) outputs.set(i, to);
    }

    /** Drops values that nothing produces, reads or outputs (after passes removed nodes). */
    public void pruneValues() {
        java.util.Set<Value> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(inputs);
        keep.addAll(outputs);
        for (Node n : nodes) { keep.addAll(n.inputs); keep.addAll(n.outputs); }
        values.values().removeIf(v -> !keep.contains(v));
    }

    /** Reorders nodes topologically (Kahn, stable); throws naming a node on a cycle. */
    public void sortTopologically() {
        Map<Node, Integer> pending = new IdentityHashMap<>();
        Map<Node, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i), i);
        ArrayDeque<Node> ready = new ArrayDeque<>();
        for (Node n : nodes) {
            int deps = 0;
            for (Value in : n.inputs) if (in != null && in.producer != null && index.containsKey(in.producer)) deps++;
            pending.put(n, deps);
            if (deps == 0) ready.add(n);
        }
        List<Node> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            order.add(n);
            for (Value out : n.outputs) {
                for (Node c : out.consumers) {
                    // consumers lists c once per use, as deps counted: a node reading a value twice waits twice
                    int left = pending.get(c) - 1;
                    pending.put(c, left);
                    if (left == 0) ready.add(c);
                }
            }
        }
        if (order.size() != nodes.size()) {
            for (Node n : nodes) if (pending.get(n) > 0) throw new GraphException("graph has a cycle through " + n.describe());
        }
        nodes.clear();
        nodes.addAll(order);
    }

    /** A deep copy of the structure (tensors are shared: they are immutable). */
    public Graph copy() {
        Graph g = new Graph(opsets);
        g.uniqueCounter = uniqueCounter;
        Map<Value, Value> map = new IdentityHashMap<>();
        for (Value v : values.values()) {
            Value c = g.newValue(v.name(), v.type());
            if (v.isConstant()) c.setConstant(v.constant());
            map.put(v, c);
        }
        for (Value v : inputs) g.inputs.add(map.get(v));
        for (Value v : outputs) g.outputs.add(map.get(v));
        for (Node n : nodes) {
            List<Value> ins = new ArrayList<>();
            for (Value v : n.inputs) ins.add(v == null ? null : map.get(v));
            List<Value> outs = new ArrayList<>();
            for (Value v : n.outputs) outs.add(map.get(v));
            g.addNode(n.name(), n.opType(), n.domain(), n.opset(), n.attributes(), ins, outs, n.payload());
        }
        return g;
    }

    /** Count of nodes by op type, for logs and tests. */
    public Map<String, Integer> opHistogram() {
        Map<String, Integer> h = new java.util.TreeMap<>();
        for (Node n : nodes) h.merge(n.opType(), 1, Integer::sum);
        return h;
    }
}
