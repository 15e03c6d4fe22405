package dev.nnjit.model;

import dev.nnjit.tensor.Tensor;
import java.util.List;

/**
 * A decoded AttributeProto. Exactly the field named by {@link #type()} is meaningful.
 */
public final class Attribute {
    /** ONNX AttributeProto.AttributeType, with its wire codes. */
    public enum Type {
        FLOAT(1), INT(2), STRING(3), TENSOR(4), GRAPH(5), FLOATS(6), INTS(7), STRINGS(8), TENSORS(9), GRAPHS(10),
        SPARSE_TENSOR(11), SPARSE_TENSORS(12), TYPE_PROTO(13), TYPE_PROTOS(14);
        public final int code;
        Type(int code) { this.code = code; }
        public static Type fromCode(int code) {
            for (Type t : values()) if (t.code == code) return t;
            return null;
        }
    }

    private final String name;
    private final Type type;
    private final float f;
    private final long i;
    private final String s;
    private final Tensor t;
    private final OnnxGraph g;
    private final float[] floats;
    private final long[] ints;
    private final List<String> strings;
    private final List<Tensor> tensors;

    private Attribute(String name, Type type, float f, long i, String s, Tensor t, OnnxGraph g, float[] floats,
                      long[] ints, List<String> strings, List<Tensor> tensors) {
        this.name = name; this.type = type; this.f = f; this.i = i; this.s = s; this.t = t; this.g = g;
        this.floats = floats; this.ints = ints; this.strings = strings; this.tensors = tensors;
    }

    public static Attribute ofFloat(String name, float v) { return new Attribute(name, Type.FLOAT, v, 0, null, null, null, null, null, null, null); }
    public static Attribute ofInt(String name, long v) { return new Attribute(name, Type.INT, 0, v, null, null, null, null, null, null, null); }
    public static Attribute ofString(String name, String v) { return new Attribute(name, Type.STRING, 0, 0, v, null, null, null, null, null, null); }
    public static Attribute ofTensor(String name, Tensor v) { return new Attribute(name, Type.TENSOR, 0, 0, null, v, null, null, null, null, null); }
    public static Attribute ofGraph(String name, OnnxGraph v) { return new Attribute(name, Type.GRAPH, 0, 0, null, null, v, null, null, null, null); }
    public static Attribute ofFloats(String name, float[] v) { return new Attribute(name, Type.FLOATS, 0, 0, null, null, null, v.clone(), null, null, null); }
    public static Attribute ofInts(String name, long[] v) { return new Attribute(name, Type.INTS, 0, 0, null, null, null, null, v.clone(), null, null); }
    public static Attribute ofStrings(String name, List<String> v) { return new Attribute(name, Type.STRINGS, 0, 0, null, null, null, null, null, List.copyOf(v), null); }
    public static Attribute ofTensors(String name, List<Tensor> v) { return new Attribute(name, Type.TENSORS, 0, 0, null, null, null, null, null, null, List.copyOf(v)); }
    /** An attribute of a type nnjit reads but does not use (graphs lists, sparse tensors, type protos). */
    public static Attribute ofUnsupported(String name, Type type) { return new Attribute(name, type, 0, 0, null, null, null, null, null, null, null); }

    public String name() { return name; }
    public Type type() { return type; }
    public float floatValue() { check(Type.FLOAT); return f; }
    public long intValue() { check(Type.INT); return i; }
    public String stringValue() { check(Type.STRING); return s; }
    public Tensor tensorValue() { check(Type.TENSOR); return t; }
    public OnnxGraph graphValue() { check(Type.GRAPH); return g; }
    public float[] floatsValue() { check(Type.FLOATS); return floats.clone(); }
    public long[] intsValue() { check(Type.INTS); return ints.clone(); }
    public List<String> stringsValue() { check(Type.STRINGS); return strings; }
    public List<Tensor> tensorsValue() { check(Type.TENSORS); return tensors; }

    private void check(Type expected) {
        if (type != expected) throw new IllegalArgumentException("attribute '" + name + "' is " + type + ", expected " + expected);
    }

    @Override public String toString() {
        switch (type) {
            case FLOAT: return name + "=" + f;
            case INT: return name + "=" + i;
            case STRING: return name + "=\"" + s + "\"";
            case INTS: return name + "=" + java.util.Arrays.toString(ints);
            case FLOATS: return name + "=" + java.util.Arrays.toString(floats);
            default: return name + ":" + type;
        }
    }
}
