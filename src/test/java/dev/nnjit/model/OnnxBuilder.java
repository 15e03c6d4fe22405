package dev.nnjit.model;

import dev.nnjit.tensor.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds tiny ONNX messages for tests, with the field numbers of onnx.proto: models, graphs, nodes, attributes of
 * every type, value infos and tensors (raw, typed packed/unpacked, external). Each helper returns a
 * {@link ProtoWriter} so a test can append extra (unknown or malformed) fields before nesting it.
 */
public final class OnnxBuilder {
    private OnnxBuilder() {}

    // ---- ModelProto / GraphProto ----

    /** A ModelProto: ir_version, producer, graph, then opset imports given as ("domain", version) pairs. */
    public static ProtoWriter model(long irVersion, ProtoWriter graph, Object... opsets) {
        ProtoWriter m = new ProtoWriter().varint(1, irVersion).string(2, "nnjit-test").string(3, "0.1");
        if (graph != null) m.message(7, graph);
        for (int i = 0; i < opsets.length; i += 2) m.message(8, opset((String) opsets[i], ((Number) opsets[i + 1]).longValue()));
        return m;
    }

    public static ProtoWriter opset(String domain, long version) {
        return new ProtoWriter().string(1, domain).varint(2, version);
    }

    /** Fluent GraphProto builder; fields are written in the order the methods are called. */
    public static final class Graph {
        private final ProtoWriter w = new ProtoWriter();

        public Graph(String name) { w.string(2, name); }

        public Graph node(ProtoWriter node) { w.message(1, node); return this; }
        public Graph initializer(ProtoWriter tensor) { w.message(5, tensor); return this; }
        public Graph input(ProtoWriter valueInfo) { w.message(11, valueInfo); return this; }
        public Graph output(ProtoWriter valueInfo) { w.message(12, valueInfo); return this; }
        public Graph valueInfo(ProtoWriter valueInfo) { w.message(13, valueInfo); return this; }
        public ProtoWriter build() { return w; }
    }

    // ---- NodeProto / AttributeProto ----

    public static ProtoWriter node(String opType, List<String> inputs, List<String> outputs, ProtoWriter... attributes) {
        return node("", "", opType, inputs, outputs, attributes);
    }

    public static ProtoWriter node(String name, String domain, String opType, List<String> inputs, List<String> outputs,
                                   ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) n.string(1, in);
        for (String out : outputs) n.string(2, out);
        if (!name.isEmpty()) n.string(3, name);
        n.string(4, opType);
        for (ProtoWriter a : attributes) n.message(5, a);
        if (!domain.isEmpty()) n.string(7, domain);
        return n;
    }

    private static ProtoWriter attr(String name, Attribute.Type type) {
        return new ProtoWriter().string(1, name).varint(20, type.code);
    }

    public static ProtoWriter attrFloat(String name, float v) { return attr(name, Attribute.Type.FLOAT).float32(2, v); }
    public static ProtoWriter attrInt(String name, long v) { return attr(name, Attribute.Type.INT).varint(3, v); }
    public static ProtoWriter attrString(String name, String v) { return attr(name, Attribute.Type.STRING).string(4, v); }
    public static ProtoWriter attrTensor(String name, ProtoWriter t) { return attr(name, Attribute.Type.TENSOR).message(5, t); }
    public static ProtoWriter attrGraph(String name, ProtoWriter g) { return attr(name, Attribute.Type.GRAPH).message(6, g); }

    /** FLOATS, unpacked (one field per element, as proto2 writers such as onnx's emit) or packed. */
    public static ProtoWriter attrFloats(String name, boolean packed, float... v) {
        ProtoWriter a = attr(name, Attribute.Type.FLOATS);
        if (packed) return a.packedFloats(7, v);
        for (float x : v) a.float32(7, x);
        return a;
    }

    public static ProtoWriter attrInts(String name, boolean packed, long... v) {
        ProtoWriter a = attr(name, Attribute.Type.INTS);
        if (packed) return a.packedVarints(8, v);
        for (long x : v) a.varint(8, x);
        return a;
    }

    public static ProtoWriter attrStrings(String name, String... v) {
        ProtoWriter a = attr(name, Attribute.Type.STRINGS);
        for (String s : v) a.string(9, s);
        return a;
    }

    public static ProtoWriter attrTensors(String name, ProtoWriter... tensors) {
        ProtoWriter a = attr(name, Attribute.Type.TENSORS);
        for (ProtoWriter t : tensors) a.message(10, t);
        return a;
    }

    // ---- ValueInfoProto ----

    /** A tensor-typed value; each dim is a Number (dim_value), a String (dim_param) or null (neither). */
    public static ProtoWriter valueInfo(String name, DType dtype, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Number) dim.varint(1, ((Number) d).longValue());
            else if (d instanceof String) dim.string(2, (String) d);
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, dtype.onnxCode).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** A tensor-typed value with an element type but no shape field (unknown rank). */
    public static ProtoWriter valueInfoNoShape(String name, DType dtype) {
        ProtoWriter tensorType = new ProtoWriter().varint(1, dtype.onnxCode);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    // ---- TensorProto ----

    private static ProtoWriter tensorHeader(String name, int dataType, long[] dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d); // dims is a proto2 unpacked field
        t.varint(2, dataType);
        if (name != null) t.string(8, name);
        return t;
    }

    public static long[] dims(long... d) { return d; }

    public static ProtoWriter tensorRaw(String name, DType dtype, long[] dims, byte[] raw) {
        return tensorRaw(name, dtype.onnxCode, dims, raw);
    }

    public static ProtoWriter tensorRaw(String name, int dataType, long[] dims, byte[] raw) {
        return tensorHeader(name, dataType, dims).bytes(9, raw);
    }

    /** A tensor with only its header: no data fields at all. */
    public static ProtoWriter tensorHeaderOnly(String name, int dataType, long[] dims) {
        return tensorHeader(name, dataType, dims);
    }

    public static ProtoWriter tensorFloats(String name, long[] dims, boolean packed, float... v) {
        ProtoWriter t = tensorHeader(name, DType.FLOAT.onnxCode, dims);
        if (packed) return t.packedFloats(4, v);
        for (float x : v) t.float32(4, x);
        return t;
    }

    /** Values in int32_data (int32, int16, int8, uint16, uint8, bool, float16/bfloat16 bits). */
    public static ProtoWriter tensorInt32s(String name, DType dtype, long[] dims, boolean packed, int... v) {
        ProtoWriter t = tensorHeader(name, dtype.onnxCode, dims);
        long[] wide = new long[v.length];
        for (int i = 0; i < v.length; i++) wide[i] = v[i]; // int32 varints are sign-extended to 64 bits
        return varints(t, 5, packed, wide);
    }

    public static ProtoWriter tensorInt64s(String name, long[] dims, boolean packed, long... v) {
        return varints(tensorHeader(name, DType.INT64.onnxCode, dims), 7, packed, v);
    }

    /** Values in uint64_data (uint32 and uint64). */
    public static ProtoWriter tensorUint64s(String name, DType dtype, long[] dims, boolean packed, long... v) {
        return varints(tensorHeader(name, dtype.onnxCode, dims), 11, packed, v);
    }

    public static ProtoWriter tensorDoubles(String name, long[] dims, double... v) {
        return tensorHeader(name, DType.DOUBLE.onnxCode, dims).packedDoubles(10, v);
    }

    /** data_location = EXTERNAL with the given location; offset and length are written when not null. */
    public static ProtoWriter tensorExternal(String name, DType dtype, long[] dims, String location, Long offset,
                                             Long length) {
        ProtoWriter t = tensorHeader(name, dtype.onnxCode, dims);
        t.message(13, new ProtoWriter().string(1, "location").string(2, location));
        if (offset != null) t.message(13, new ProtoWriter().string(1, "offset").string(2, Long.toString(offset)));
        if (length != null) t.message(13, new ProtoWriter().string(1, "length").string(2, Long.toString(length)));
        return t.varint(14, 1);
    }

    private static ProtoWriter varints(ProtoWriter t, int field, boolean packed, long[] v) {
        if (packed) return t.packedVarints(field, v);
        for (long x : v) t.varint(field, x);
        return t;
    }

    /** A one-node model: y = Add(x, w) with initializer {@code init}, default opset 13. */
    public static ProtoWriter singleInitializerModel(ProtoWriter init) {
        Graph g = new Graph("g")
                .node(node("Add", List.of("x", "w"), List.of("y")))
                .initializer(init)
                .input(valueInfo("x", DType.FLOAT, 2))
                .output(valueInfo("y", DType.FLOAT, 2));
        return model(8, g.build(), "", 13);
    }

    public static List<String> names(String... n) { return new ArrayList<>(List.of(n)); }
}
