package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.InferAndFold;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds small graphs for pattern tests, the way exporters write them; {@link #build()} types every value. */
final class TestGraph {
    static final OpRegistry REGISTRY = OpRegistry.defaults();

    private final Graph g;
    private final int opset;
    private final Random random = new Random(42);
    private int counter;

    TestGraph(int opset) {
        this.opset = opset;
        this.g = new Graph(Map.of("", opset));
    }

    TestGraph() { this(17); }

    Value input(String name, DType t, int... shape) {
        Value v = g.newValue(name, new TensorType(t, Shape.of(shape)));
        g.addInput(v);
        return v;
    }

    Value input(String name, int... shape) { return input(name, DType.FLOAT, shape); }

    Value constant(Tensor t) { return g.newConstant("c" + counter++, t); }

    Value scalar(float v) { return constant(Tensor.scalar(v)); }

    Value ints(long... v) { return constant(Tensor.vector(v)); }

    /** A constant of random floats in [-1, 1). */
    Value weights(int... shape) {
        float[] d = new float[Tensor.checkedSize(shape, "weights")];
        for (int i = 0; i < d.length; i++) d[i] = random.nextFloat() * 2 - 1;
        return constant(Tensor.ofFloats(shape, d));
    }

    /** A node of the default domain with one output. */
    Value op(String opType, Map<String, Attribute> attrs, Value... ins) {
        return opIn("", opType, opset, attrs, ins);
    }

    Value op(String opType, Value... ins) { return op(opType, Map.of(), ins); }

    Value opIn(String domain, String opType, int nodeOpset, Map<String, Attribute> attrs, Value... ins) {
        Value out = g.newValue(opType.toLowerCase() + "_" + counter++, new TensorType(null, null));
        g.addNode(opType + "_" + counter++, opType, domain, nodeOpset, attrs, Arrays.asList(ins), List.of(out));
        return out;
    }

    void output(Value v) { g.addOutput(v); }

    /** Types every value (no folding: the pattern under test must stay as written). */
    Graph build() {
        new InferAndFold(REGISTRY, false).apply(g);
        return g;
    }

    // ---- attributes

    static Map<String, Attribute> attrs(Attribute... a) {
        Map<String, Attribute> m = new HashMap<>();
        for (Attribute x : a) m.put(x.name(), x);
        return m;
    }

    static Attribute i(String name, long v) { return Attribute.ofInt(name, v); }
    static Attribute f(String name, float v) { return Attribute.ofFloat(name, v); }
    static Attribute s(String name, String v) { return Attribute.ofString(name, v); }
    static Attribute is(String name, long... v) { return Attribute.ofInts(name, v); }
}
