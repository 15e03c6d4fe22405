package dev.nnjit.ops;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.List;

/**
 * What an {@link OpDef} sees of one node: attributes with ONNX defaults, opset, input types, constant inputs.
 * For {@link OpDef#compute} the input tensors are passed separately; their exact types are also available here.
 */
public final class OpContext {
    private final String nodeName;
    private final String opType;
    private final int opset;
    private final java.util.Map<String, Attribute> attributes;
    private final TensorType[] inputTypes;
    private final Tensor[] constants;
    private final int outputCount;
    private final Object payload;

    public OpContext(String nodeName, String opType, int opset, java.util.Map<String, Attribute> attributes,
                     TensorType[] inputTypes, Tensor[] constants, int outputCount) {
        this(nodeName, opType, opset, attributes, inputTypes, constants, outputCount, null);
    }

    /** With the node's {@link Node#payload()} (internal ops whose definition is not all in attributes). */
    public OpContext(String nodeName, String opType, int opset, java.util.Map<String, Attribute> attributes,
                     TensorType[] inputTypes, Tensor[] constants, int outputCount, Object payload) {
        this.nodeName = nodeName;
        this.opType = opType;
        this.opset = opset;
        this.attributes = attributes;
        this.inputTypes = inputTypes;
        this.constants = constants;
        this.outputCount = outputCount;
        this.payload = payload;
    }

    /** Context for type inference over a graph node: constant inputs are those values known at compile time. */
    public static OpContext forNode(Node n) {
        List<Value> ins = n.inputs();
        TensorType[] types = new TensorType[ins.size()];
        Tensor[] consts = new Tensor[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            Value v = ins.get(i);
            if (v == null) continue;
            types[i] = v.type();
            consts[i] = v.constant();
        }
        return new OpContext(n.name(), n.opType(), n.opset(), n.attributes(), types, consts, n.outputs().size(),
                n.payload());
    }

    /** Context for computing a node on concrete tensors: every input is "constant". */
    public static OpContext forTensors(Node n, Tensor[] inputs) {
        TensorType[] types = new TensorType[inputs.length];
        for (int i = 0; i < inputs.length; i++) if (inputs[i] != null) types[i] = TensorType.of(inputs[i]);
        return new OpContext(n.name(), n.opType(), n.opset(), n.attributes(), types, inputs.clone(), n.outputs().size(),
                n.payload());
    }

    /** Context for tests and tools that call an op without a graph. */
    public static OpContext standalone(String opType, int opset, java.util.Map<String, Attribute> attributes,
                                       Tensor[] inputs, int outputCount) {
        TensorType[] types = new TensorType[inputs.length];
        for (int i = 0; i < inputs.length; i++) if (inputs[i] != null) types[i] = TensorType.of(inputs[i]);
        return new OpContext(opType + "_test", opType, opset, attributes, types, inputs.clone(), outputCount);
    }

    public String nodeName() { return nodeName; }
    public String opType() { return opType; }
    public int opset() { return opset; }
    public int outputCount() { return outputCount; }
    public int inputCount() { return inputTypes.length; }
    /** The node's payload (see {@link Node#payload()}), or null. */
    public Object payload() { return payload; }

    /** True when input i exists and is not an omitted optional input. */
    public boolean hasInput(int i) { return i < inputTypes.length && inputTypes[i] != null; }

    public TensorType inputType(int i) {
        if (!hasInput(i)) throw error("input " + i + " is required but missing");
        return inputTypes[i];
    }

    /** Input i's dtype (may be null when unknown before inference reaches it). */
    public DType inputDType(int i) { return inputType(i).dtype(); }

    /** The value of input i when known at compile time, else null. */
    public Tensor constantInput(int i) { return i < constants.length ? constants[i] : null; }

    public void requireInputs(int min, int max) {
        if (inputTypes.length < min || inputTypes.length > max) {
            throw error("expects " + (min == max ? "" + min : min + " to " + max) + " inputs, got " + inputTypes.length);
        }
        for (int i = 0; i < min; i++) if (inputTypes[i] == null) throw error("input " + i + " is required but missing");
    }

    // ---- attributes ----

    public boolean hasAttr(String name) { return attributes.containsKey(name); }
    public Attribute attr(String name) { return attributes.get(name); }

    public long attrInt(String name, long dflt) {
        Attribute a = attributes.get(name);
        return a == null ? dflt : checked(a, Attribute.Type.INT).intValue();
    }

    public long attrIntRequired(String name) {
        Attribute a = attributes.get(name);
        if (a == null) throw error("attribute '" + name + "' is required");
        return checked(a, Attribute.Type.INT).intValue();
    }

    public float attrFloat(String name, float dflt) {
        Attribute a = attributes.get(name);
        return a == null ? dflt : checked(a, Attribute.Type.FLOAT).floatValue();
    }

    public String attrString(String name, String dflt) {
        Attribute a = attributes.get(name);
        return a == null ? dflt : checked(a, Attribute.Type.STRING).stringValue();
    }

    /** INTS attribute, or {@code dflt} (may be null) when absent. */
    public long[] attrInts(String name, long[] dflt) {
        Attribute a = attributes.get(name);
        return a == null ? dflt : checked(a, Attribute.Type.INTS).intsValue();
    }

    public float[] attrFloats(String name, float[] dflt) {
        Attribute a = attributes.get(name);
        return a == null ? dflt : checked(a, Attribute.Type.FLOATS).floatsValue();
    }

    public Tensor attrTensor(String name) {
        Attribute a = attributes.get(name);
        return a == null ? null : checked(a, Attribute.Type.TENSOR).tensorValue();
    }

    private Attribute checked(Attribute a, Attribute.Type t) {
        if (a.type() != t) throw error("attribute '" + a.name() + "' must be " + t + ", is " + a.type());
        return a;
    }

    /** An error naming this node: "node 'n' (Op, opset k): message". */
    public OpException error(String message) {
        return new OpException("node '" + nodeName + "' (" + opType + ", opset " + opset + "): " + message);
    }
}
