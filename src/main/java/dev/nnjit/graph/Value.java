package dev.nnjit.graph;

import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * A tensor-valued edge of the graph: produced by at most one node (none for graph inputs and constants), read by any.
 * A value with a {@link #constant()} is known at compile time (an initializer or a folded result).
 */
public final class Value {
    private final String name;
    private TensorType type;
    private Tensor constant;
    Node producer;
    final List<Node> consumers = new ArrayList<>();

    public Value(String name, TensorType type) {
        this.name = name;
        this.type = type;
    }

    public String name() { return name; }
    public TensorType type() { return type; }
    public void setType(TensorType type) { this.type = type; }
    public Tensor constant() { return constant; }
    public boolean isConstant() { return constant != null; }

    /** Makes this value a compile-time constant; its type becomes the tensor's exact type. */
    public void setConstant(Tensor t) {
        this.constant = t;
        this.type = TensorType.of(t);
    }

    public Node producer() { return producer; }
    public List<Node> consumers() { return java.util.Collections.unmodifiableList(consumers); }

    @Override public String toString() { return name + ":" + type; }
}
