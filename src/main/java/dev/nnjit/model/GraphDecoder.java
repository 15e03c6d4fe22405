package dev.nnjit.model;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes GraphProto, NodeProto, AttributeProto and ValueInfoProto (with TypeProto) into the model records.
 * Subgraphs (If/Loop/Scan bodies in GRAPH attributes) are decoded recursively, at most {@link #MAX_GRAPH_DEPTH} deep.
 */
final class GraphDecoder {
    /** Deeper nesting is refused so a crafted file cannot overflow the stack. */
    static final int MAX_GRAPH_DEPTH = 32;

    private final TensorDecoder tensors;

    GraphDecoder(TensorDecoder tensors) { this.tensors = tensors; }

    OnnxGraph graph(ProtoReader r, int depth) {
        FieldPath path = r.path();
        if (depth > MAX_GRAPH_DEPTH) {
            throw path.error(r.start(), "subgraphs are nested more than " + MAX_GRAPH_DEPTH + " deep");
        }
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        List<ValueInfo> valueInfos = new ArrayList<>();
        int initIndex = 0, valueInfoIndex = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1: nodes.add(node(r.message(path.child("node", nodes.size())), depth)); break;
                case 2: name = r.string(); break;
                case 5: {
                    int at = r.tagPosition();
                    ProtoReader t = r.message(path.child("initializer", initIndex++));
                    NamedTensor nt = tensors.decode(t);
                    if (nt.name().isEmpty()) throw t.path().error(at, "initializer has no name");
                    if (initializers.put(nt.name(), nt.tensor()) != null) {
                        throw t.path().error(at, "duplicate initializer '" + nt.name() + "'");
                    }
                    break;
                }
                case 11: inputs.add(valueInfo(r.message(path.child("input", inputs.size())), true)); break;
                case 12: outputs.add(valueInfo(r.message(path.child("output", outputs.size())), true)); break;
                case 13: {
                    ValueInfo vi = valueInfo(r.message(path.child("value_info", valueInfoIndex++)), false);
                    if (vi != null) valueInfos.add(vi);
                    break;
                }
                case 15: throw r.error(r.tagPosition(), "sparse initializers are not supported");
                default: r.skip(); // doc_string, quantization_annotation, metadata_props
            }
        }
        return new OnnxGraph(name, Collections.unmodifiableList(nodes), Collections.unmodifiableMap(initializers),
                Collections.unmodifiableList(inputs), Collections.unmodifiableList(outputs),
                Collections.unmodifiableList(valueInfos));
    }

    private OnnxNode node(ProtoReader r, int depth) {
        FieldPath path = r.path();
        String name = "", opType = "", domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        int attrIndex = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1: inputs.add(r.string()); break;
                case 2: outputs.add(r.string()); break;
                case 3: name = r.string(); break;
                case 4: opType = r.string(); break;
                case 7: domain = r.string(); break;
                case 5: {
                    int at = r.tagPosition();
                    ProtoReader a = r.message(path.child("attribute", attrIndex++));
                    Attribute attr = attribute(a, depth);
                    if (attributes.put(attr.name(), attr) != null) {
                        throw a.path().error(at, "duplicate attribute '" + attr.name() + "'");
                    }
                    break;
                }
                default: r.skip(); // doc_string, overload, metadata_props, device_configurations
            }
        }
        if (opType.isEmpty()) throw path.error(r.start(), "node '" + name + "' has no op_type");
        return new OnnxNode(name, opType, OnnxModelReader.normalizeDomain(domain), Collections.unmodifiableList(inputs),
                Collections.unmodifiableList(outputs), Collections.unmodifiableMap(attributes));
    }

    /**
     * An AttributeProto. The declared {@code type} picks the value field; files older than IR version 2 have no
     * type, and then the one value field present decides. Values of kinds nnjit does not use (graph lists, sparse
     * tensors, type protos) are skipped and the attribute kept as {@link Attribute#ofUnsupported}.
     */
    private Attribute attribute(ProtoReader r, int depth) {
        FieldPath path = r.path();
        String name = null;
        int typeCode = 0;
        Attribute.Type seen = null; // the value kind present, for files without a type
        float f = 0;
        long i = 0;
        String s = "";
        Tensor t = null;
        OnnxGraph g = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        List<String> strings = new ArrayList<>();
        List<Tensor> tensorList = new ArrayList<>();
        int tensorsIndex = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1: name = r.string(); break;
                case 20: typeCode = r.int32(); break;
                case 2: f = r.float32(); seen = Attribute.Type.FLOAT; break;
                case 3: i = r.int64(); seen = Attribute.Type.INT; break;
                case 4: s = r.string(); seen = Attribute.Type.STRING; break;
                case 5: t = tensors.decode(r.message(path.child("t"))).tensor(); seen = Attribute.Type.TENSOR; break;
                case 6: g = graph(r.message(path.child("g")), depth + 1); seen = Attribute.Type.GRAPH; break;
                case 7: {
                    ProtoReader e = r.elements(ProtoReader.FIXED32);
                    while (e.hasRemaining()) floats.add(Float.intBitsToFloat(e.rawFixed32()));
                    seen = Attribute.Type.FLOATS;
                    break;
                }
                case 8: {
                    ProtoReader e = r.elements(ProtoReader.VARINT);
                    while (e.hasRemaining()) ints.add(e.rawVarint());
                    seen = Attribute.Type.INTS;
                    break;
                }
                case 9: strings.add(r.string()); seen = Attribute.Type.STRINGS; break;
                case 10:
                    tensorList.add(tensors.decode(r.message(path.child("tensors", tensorsIndex++))).tensor());
                    seen = Attribute.Type.TENSORS;
                    break;
                case 11: r.skip(); seen = Attribute.Type.GRAPHS; break;
                case 22: r.skip(); seen = Attribute.Type.SPARSE_TENSOR; break;
                case 23: r.skip(); seen = Attribute.Type.SPARSE_TENSORS; break;
                case 14: r.skip(); seen = Attribute.Type.TYPE_PROTO; break;
                case 15: r.skip(); seen = Attribute.Type.TYPE_PROTOS; break;
                case 21: {
                    String ref = r.string();
                    if (!ref.isEmpty()) {
                        throw r.error(r.tagPosition(), "attribute refers to parent attribute '" + ref
                                + "' (ref_attr_name is only valid inside functions, which nnjit does not expand)");
                    }
                    break;
                }
                default: r.skip(); // doc_string
            }
        }
        if (name == null || name.isEmpty()) throw path.error(r.start(), "attribute has no name");
        Attribute.Type type;
        if (typeCode != 0) {
            type = Attribute.Type.fromCode(typeCode);
            if (type == null) throw path.error(r.start(), "attribute '" + name + "' has unknown type " + typeCode);
        } else if (seen != null) {
            type = seen;
        } else {
            throw path.error(r.start(), "attribute '" + name + "' has neither a type nor a value");
        }
        switch (type) {
            case FLOAT: return Attribute.ofFloat(name, f);
            case INT: return Attribute.ofInt(name, i);
            case STRING: return Attribute.ofString(name, s);
            case TENSOR:
                if (t == null) throw path.error(r.start(), "TENSOR attribute '" + name + "' has no tensor");
                return Attribute.ofTensor(name, t);
            case GRAPH:
                if (g == null) throw path.error(r.start(), "GRAPH attribute '" + name + "' has no graph");
                return Attribute.ofGraph(name, g);
            case FLOATS: return Attribute.ofFloats(name, floats.toArray());
            case INTS: return Attribute.ofInts(name, ints.toArray());
            case STRINGS: return Attribute.ofStrings(name, strings);
            case TENSORS: return Attribute.ofTensors(name, tensorList);
            default: return Attribute.ofUnsupported(name, type);
        }
    }

    /**
     * A ValueInfoProto. Only tensor types are representable: for a graph input or output ({@code required}) any
     * other type (sequence, map, optional, sparse) or an element type nnjit does not know is an error; for an
     * optional value_info hint it is dropped (returns null).
     */
    private ValueInfo valueInfo(ProtoReader r, boolean required) {
        FieldPath path = r.path();
        String name = "";
        ProtoReader type = null;
        while (r.next()) {
            if (r.field() == 1) name = r.string();
            else if (r.field() == 2) type = r.message(path.child("type"));
            else r.skip();
        }
        if (type == null) return new ValueInfo(name, null, Shape.unknownRank());
        String what = "value '" + name + "'";
        ProtoReader tensorType = null;
        String otherKind = null;
        int otherAt = 0;
        while (type.next()) {
            switch (type.field()) {
                case 1: tensorType = type.message(type.path().child("tensor_type")); break;
                case 4: otherKind = "a sequence"; otherAt = type.tagPosition(); type.skip(); break;
                case 5: otherKind = "a map"; otherAt = type.tagPosition(); type.skip(); break;
                case 8: otherKind = "a sparse tensor"; otherAt = type.tagPosition(); type.skip(); break;
                case 9: otherKind = "an optional"; otherAt = type.tagPosition(); type.skip(); break;
                default: type.skip(); // denotation
            }
        }
        if (tensorType == null) {
            if (otherKind == null) return new ValueInfo(name, null, Shape.unknownRank());
            if (!required) return null;
            throw type.path().error(otherAt, what + " has " + otherKind + " type; nnjit supports only tensors");
        }
        int elemType = 0;
        Shape shape = Shape.unknownRank();
        while (tensorType.next()) {
            if (tensorType.field() == 1) elemType = tensorType.int32();
            else if (tensorType.field() == 2) shape = shape(tensorType.message(tensorType.path().child("shape")));
            else tensorType.skip();
        }
        DType dtype = null;
        if (elemType != 0) {
            dtype = DType.fromOnnx(elemType);
            if (dtype == null) {
                if (!required) return null;
                throw tensorType.path().error(tensorType.start(), what + " has element type "
                        + DTypeNames.describe(elemType) + ", which nnjit does not support");
            }
        }
        return new ValueInfo(name, dtype, shape);
    }

    /** A TensorShapeProto: dim_value gives a size, dim_param a symbol, neither an unknown dim. */
    private static Shape shape(ProtoReader r) {
        List<Dim> dims = new ArrayList<>();
        while (r.next()) {
            if (r.field() != 1) {
                r.skip();
                continue;
            }
            ProtoReader d = r.message(r.path().child("dim", dims.size()));
            Dim dim = Dim.unknown();
            while (d.next()) {
                if (d.field() == 1) {
                    long v = d.int64();
                    // Some exporters write -1 for "unknown"; a declared type is only a hint, so keep it unknown.
                    dim = v >= 0 ? Dim.of(v) : Dim.unknown();
                } else if (d.field() == 2) {
                    dim = Dim.symbol(d.string());
                } else {
                    d.skip(); // denotation
                }
            }
            dims.add(dim);
        }
        return Shape.of(dims.toArray(new Dim[0]));
    }
}
