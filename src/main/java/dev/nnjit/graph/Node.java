package dev.nnjit.graph;

import dev.nnjit.model.Attribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One operator application. Inputs may contain null for an omitted optional input (ONNX's empty name).
 *
 * @see Graph for the invariants kept between nodes and values
 */
public final class Node {
    private final String name;
    private final String opType;
    private final String domain;
    private final int opset;
    private final Map<String, Attribute> attributes;
    final List<Value> inputs;
    final List<Value> outputs;
    private final Object payload;

    Node(String name, String opType, String domain, int opset, Map<String, Attribute> attributes,
         List<Value> inputs, List<Value> outputs, Object payload) {
        this.name = name;
        this.opType = opType;
        this.domain = domain;
        this.opset = opset;
        this.attributes = Collections.unmodifiableMap(attributes);
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
        this.payload = payload;
    }

    public String name() { return name; }
    public String opType() { return opType; }
    /** "" for the default ONNX domain. */
    public String domain() { return domain; }
    /** The opset version of this node's domain imported by the model. */
    public int opset() { return opset; }
    public Map<String, Attribute> attributes() { return attributes; }
    public Attribute attribute(String name) { return attributes.get(name); }
    public List<Value> inputs() { return Collections.unmodifiableList(inputs); }
    public List<Value> outputs() { return Collections.unmodifiableList(outputs); }
    public Value input(int i) { return i < inputs.size() ? inputs.get(i) : null; }
    public Value output(int i) { return outputs.get(i); }

    /**
     * Compile-time data of an internal op that ONNX attributes cannot carry (e.g. the expression program of a fused
     * elementwise node), or null. Must be immutable: graph copies share it.
     */
    public Object payload() { return payload; }

    /** "node 'name' (OpType, opset N)": how errors name a node. */
    public String describe() {
        String d = domain.isEmpty() ? "" : domain + ".";
        return "node '" + name + "' (" + d + opType + ", opset " + opset + ")";
    }

    @Override public String toString() { return describe(); }
}
