package dev.nnjit.model;

import static dev.nnjit.model.OnnxBuilder.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ModelProto/GraphProto/NodeProto/AttributeProto/ValueInfoProto decoding into the model records. */
class OnnxModelReaderTest {

    static OnnxModel read(ProtoWriter model) {
        return OnnxModelReader.read(model.toBuffer(), ExternalDataResolver.NONE);
    }

    static ModelFormatException fails(ProtoWriter model) {
        return assertThrows(ModelFormatException.class, () -> read(model));
    }

    /** Offset of the first occurrence of {@code needle} in {@code hay}. */
    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test void modelHeaderOpsetsAndGraphStructure() {
        Graph g = new Graph("main")
                .input(valueInfo("x", DType.FLOAT, "batch", 3, null))
                .input(valueInfoNoShape("mask", DType.BOOL))
                .initializer(tensorRaw("w", DType.FLOAT, dims(3), ProtoWriter.le(1, 2, 3)))
                .node(node("first", "ai.onnx", "Add", List.of("x", "w"), List.of("s")))
                .node(node("", "com.example", "Custom", List.of("s", "", "mask"), List.of("y", "")))
                .output(valueInfo("y", DType.FLOAT, "batch", 3, null))
                .valueInfo(valueInfo("s", DType.FLOAT))
                .valueInfo(new ProtoWriter().string(1, "untyped"));
        OnnxModel m = read(model(9, g.build(), "ai.onnx", 17, "com.example", 1));

        assertEquals(9, m.irVersion());
        assertEquals("nnjit-test", m.producerName());
        assertEquals("0.1", m.producerVersion());
        assertEquals(Map.of("", 17, "com.example", 1), m.opsetImports());
        assertEquals(17, m.defaultOpset());

        OnnxGraph graph = m.graph();
        assertEquals("main", graph.name());
        assertEquals(2, graph.nodes().size());
        OnnxNode add = graph.nodes().get(0);
        assertEquals("first", add.name());
        assertEquals("Add", add.opType());
        assertEquals("", add.domain(), "ai.onnx is the default domain");
        assertEquals(List.of("x", "w"), add.inputs());
        assertEquals(List.of("s"), add.outputs());
        OnnxNode custom = graph.nodes().get(1);
        assertEquals("com.example", custom.domain());
        assertEquals(List.of("s", "", "mask"), custom.inputs(), "omitted optional inputs stay as \"\"");
        assertEquals(List.of("y", ""), custom.outputs());
        assertTrue(custom.attributes().isEmpty());

        assertEquals(List.of("w"), List.copyOf(graph.initializers().keySet()));
        assertEquals(2, graph.inputs().size());
        ValueInfo x = graph.inputs().get(0);
        assertEquals("x", x.name());
        assertEquals(DType.FLOAT, x.dtype());
        assertEquals(Shape.of(Dim.symbol("batch"), Dim.of(3), Dim.unknown()), x.shape());
        ValueInfo mask = graph.inputs().get(1);
        assertEquals(DType.BOOL, mask.dtype());
        assertFalse(mask.shape().hasRank(), "no shape field means unknown rank");
        assertEquals("y", graph.outputs().get(0).name());
        assertEquals(2, graph.valueInfos().size());
        assertEquals(0, graph.valueInfos().get(0).shape().rank(), "an empty shape is a scalar");
        assertNull(graph.valueInfos().get(1).dtype(), "a value without a type has null dtype");
        assertFalse(graph.valueInfos().get(1).shape().hasRank());
    }

    @Test void attributesOfEveryType() {
        ProtoWriter sub = new Graph("body")
                .node(node("Identity", List.of("a"), List.of("b")))
                .initializer(tensorInt64s("k", dims(2), true, 4, 5))
                .input(valueInfo("a", DType.INT64, 2))
                .output(valueInfo("b", DType.INT64, 2))
                .build();
        ProtoWriter n = node("Op", List.of("x"), List.of("y"),
                attrFloat("f", -2.5f),
                attrInt("i", -7),
                attrString("s", "naïve ✓"),
                attrTensor("t", tensorFloats(null, dims(2, 2), true, 1, 2, 3, 4)),
                attrGraph("g", sub),
                attrFloats("fs_packed", true, 0.5f, -1f),
                attrFloats("fs", false, 0.25f, 8f, 1e-9f),
                attrInts("is_packed", true, 1, -1, 1L << 40),
                attrInts("is", false, 0, 300),
                attrStrings("ss", "a", "", "β"),
                attrTensors("ts", tensorInt64s(null, dims(), false, 9), tensorRaw(null, DType.UINT8, dims(2),
                        ProtoWriter.bytesOf(1, 255))),
                attrInts("empty_ints", false),
                // sparse tensor, type proto and graph lists: kept by name and type, values skipped
                new ProtoWriter().string(1, "sp").varint(20, 11).message(22, new ProtoWriter().varint(3, 1)),
                new ProtoWriter().string(1, "tp").varint(20, 13).message(14, new ProtoWriter()),
                new ProtoWriter().string(1, "gs").varint(20, 10).message(11, sub));
        Graph g = new Graph("g").node(n).input(valueInfo("x", DType.FLOAT)).output(valueInfo("y", DType.FLOAT));
        Map<String, Attribute> a = read(model(8, g.build(), "", 13)).graph().nodes().get(0).attributes();

        assertEquals(List.of("f", "i", "s", "t", "g", "fs_packed", "fs", "is_packed", "is", "ss", "ts", "empty_ints",
                "sp", "tp", "gs"), List.copyOf(a.keySet()), "attributes keep file order");
        assertEquals(-2.5f, a.get("f").floatValue());
        assertEquals(-7, a.get("i").intValue());
        assertEquals("naïve ✓", a.get("s").stringValue());
        Tensor t = a.get("t").tensorValue();
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, t.floats());
        OnnxGraph body = a.get("g").graphValue();
        assertEquals("body", body.name());
        assertEquals("Identity", body.nodes().get(0).opType());
        assertArrayEquals(new long[] {4, 5}, body.initializers().get("k").longs());
        assertArrayEquals(new float[] {0.5f, -1f}, a.get("fs_packed").floatsValue());
        assertArrayEquals(new float[] {0.25f, 8f, 1e-9f}, a.get("fs").floatsValue());
        assertArrayEquals(new long[] {1, -1, 1L << 40}, a.get("is_packed").intsValue());
        assertArrayEquals(new long[] {0, 300}, a.get("is").intsValue());
        assertEquals(List.of("a", "", "β"), a.get("ss").stringsValue());
        List<Tensor> ts = a.get("ts").tensorsValue();
        assertEquals(0, ts.get(0).rank());
        assertArrayEquals(new long[] {9}, ts.get(0).longs());
        assertEquals(DType.UINT8, ts.get(1).dtype());
        assertArrayEquals(new long[] {1, 255}, ts.get(1).longs());
        assertArrayEquals(new long[0], a.get("empty_ints").intsValue(), "a typed attribute with no values is empty");
        assertEquals(Attribute.Type.SPARSE_TENSOR, a.get("sp").type());
        assertEquals(Attribute.Type.TYPE_PROTO, a.get("tp").type());
        assertEquals(Attribute.Type.GRAPHS, a.get("gs").type());
    }

    @Test void attributeWithoutTypeTakesTheKindOfItsValue() {
        // IR version 1 files have no AttributeProto.type
        ProtoWriter n = node("Op", List.of("x"), List.of("y"),
                new ProtoWriter().string(1, "axis").varint(3, 2),
                new ProtoWriter().string(1, "alpha").float32(2, 0.5f),
                new ProtoWriter().string(1, "perm").varint(8, 1).varint(8, 0));
        Map<String, Attribute> a = read(model(3, new Graph("g").node(n).build(), "", 9)).graph().nodes().get(0)
                .attributes();
        assertEquals(Attribute.Type.INT, a.get("axis").type());
        assertEquals(2, a.get("axis").intValue());
        assertEquals(0.5f, a.get("alpha").floatValue());
        assertArrayEquals(new long[] {1, 0}, a.get("perm").intsValue());
    }

    @Test void unknownFieldsAreSkippedAtEveryLevel() {
        ProtoWriter junk = new ProtoWriter().varint(1000, 5).fixed64(1001, -1).string(1002, "doc").fixed32(1003, 7);
        ProtoWriter tensor = tensorRaw("w", DType.FLOAT, dims(2), ProtoWriter.le(1, 2)).string(12, "doc")
                .raw(junk.toByteArray());
        ProtoWriter attribute = attrInt("axis", 1).string(13, "doc").raw(junk.toByteArray());
        ProtoWriter n = node("Add", List.of("x", "w"), List.of("y"), attribute).string(6, "doc")
                .raw(junk.toByteArray());
        ProtoWriter vi = valueInfo("x", DType.FLOAT, 2).string(3, "doc").raw(junk.toByteArray());
        ProtoWriter g = new Graph("g").node(n).initializer(tensor).input(vi).output(valueInfo("y", DType.FLOAT, 2))
                .build().string(10, "doc").raw(junk.toByteArray());
        ProtoWriter m = model(8, g, "", 13).varint(5, 42).string(6, "model doc").raw(junk.toByteArray());
        OnnxModel model = read(m);
        OnnxNode node = model.graph().nodes().get(0);
        assertEquals(1, node.attributes().get("axis").intValue());
        assertArrayEquals(new float[] {1, 2}, model.graph().initializers().get("w").floats());
        assertEquals(Shape.of(2), model.graph().inputs().get(0).shape());
    }

    @Test void wrongWireTypeNamesByteOffsetAndFieldPath() {
        // attribute "axis" carries its int (field 3) as a fixed32
        ProtoWriter bad = new ProtoWriter().string(1, "axis").varint(20, 2).fixed32(3, 1);
        ProtoWriter g = new Graph("g")
                .node(node("Relu", List.of("x"), List.of("r")))
                .node(node("Op", List.of("r"), List.of("y"), attrInt("ok", 1), bad))
                .build();
        byte[] bytes = model(8, g, "", 13).toByteArray();
        int tagAt = indexOf(bytes, new byte[] {'a', 'x', 'i', 's', (byte) 0xA0, 0x01, 0x02}) + 7;
        ModelFormatException e = fails(model(8, g, "", 13));
        assertEquals("at byte " + tagAt + ": ModelProto.graph.node[1].attribute[1]: field 3 has wire type 5,"
                + " expected 0", e.getMessage());
    }

    @Test void defaultOpsetMustBeBetween7And22() {
        ProtoWriter g = new Graph("g").node(node("Relu", List.of("x"), List.of("y"))).build();
        assertEquals(7, read(model(3, g, "", 7)).defaultOpset());
        assertEquals(22, read(model(10, g, "", 22)).defaultOpset());
        byte[] old = model(3, g, "", 6).toByteArray();
        int payload = old.length - 4; // the opset_import payload: domain "" (2 bytes) and version (2 bytes)
        assertEquals("at byte " + payload + ": ModelProto.opset_import[0]: model imports default-domain (ai.onnx)"
                + " opset 6; nnjit supports opsets 7 to 22", fails(model(3, g, "", 6)).getMessage());
        assertTrue(fails(model(10, g, "ai.onnx", 23)).getMessage().endsWith("opset 23; nnjit supports opsets 7 to 22"));
        // a model with only a custom domain loads (its nodes fail later, at the support check)
        assertEquals(-1, read(model(8, g, "com.example", 1)).defaultOpset());
    }

    @Test void opsetImportErrors() {
        ProtoWriter g = new Graph("g").build();
        assertTrue(fails(model(8, g)).getMessage().contains("model has no opset_import (IR version 8)"));
        assertTrue(fails(model(8, g, "", 13, "ai.onnx", 14)).getMessage()
                .contains("opset_import lists the default domain twice, at versions 13 and 14"));
        assertEquals(13, read(model(8, g, "", 13, "ai.onnx", 13)).defaultOpset(), "a repeated identical import is fine");
        assertTrue(fails(model(8, g, "", 0)).getMessage().contains("opset_import[0]: opset_import for the default"
                + " domain has invalid version 0"));
    }

    @Test void structuralErrorsNameTheirPlace() {
        ProtoWriter init = tensorRaw("w", DType.FLOAT, dims(1), ProtoWriter.le(1));
        assertTrue(fails(model(8, null, "", 13)).getMessage().contains("model has no graph"));
        assertTrue(fails(model(8, new Graph("g").initializer(init).initializer(init).build(), "", 13)).getMessage()
                .contains("ModelProto.graph.initializer[1]: duplicate initializer 'w'"));
        assertTrue(fails(model(8, new Graph("g").initializer(tensorRaw(null, DType.FLOAT, dims(1),
                ProtoWriter.le(1))).build(), "", 13)).getMessage()
                .contains("ModelProto.graph.initializer[0]: initializer has no name"));
        ProtoWriter twice = node("Op", List.of(), List.of("y"), attrInt("a", 1), attrInt("a", 2));
        assertTrue(fails(model(8, new Graph("g").node(twice).build(), "", 13)).getMessage()
                .contains("ModelProto.graph.node[0].attribute[1]: duplicate attribute 'a'"));
        ProtoWriter noOp = new ProtoWriter().string(1, "x").string(3, "n7");
        assertTrue(fails(model(8, new Graph("g").node(noOp).build(), "", 13)).getMessage()
                .contains("ModelProto.graph.node[0]: node 'n7' has no op_type"));
        ProtoWriter noName = new ProtoWriter().varint(20, 2).varint(3, 1);
        assertTrue(fails(model(8, new Graph("g").node(node("Op", List.of(), List.of("y"), noName)).build(), "", 13))
                .getMessage().contains("node[0].attribute[0]: attribute has no name"));
        ProtoWriter unknownType = new ProtoWriter().string(1, "a").varint(20, 99);
        assertTrue(fails(model(8, new Graph("g").node(node("Op", List.of(), List.of("y"), unknownType)).build(), "",
                13)).getMessage().contains("attribute 'a' has unknown type 99"));
        ProtoWriter emptyTensorAttr = new ProtoWriter().string(1, "value").varint(20, 4);
        assertTrue(fails(model(8, new Graph("g").node(node("Constant", List.of(), List.of("y"), emptyTensorAttr))
                .build(), "", 13)).getMessage().contains("TENSOR attribute 'value' has no tensor"));
        assertTrue(fails(model(8, new Graph("g").build().message(15, new ProtoWriter()), "", 13)).getMessage()
                .contains("sparse initializers are not supported"));
        ProtoWriter graphTwice = model(8, new Graph("g").build(), "", 13).message(7, new Graph("h").build());
        assertTrue(fails(graphTwice).getMessage().contains("ModelProto has more than one graph"));
    }

    @Test void nonTensorTypes() {
        ProtoWriter seqType = new ProtoWriter().message(4, new ProtoWriter().message(1, new ProtoWriter()));
        ProtoWriter seqValue = new ProtoWriter().string(1, "seq").message(2, seqType);
        ModelFormatException e = fails(model(8, new Graph("g").input(seqValue).build(), "", 13));
        assertTrue(e.getMessage().contains("ModelProto.graph.input[0].type: value 'seq' has a sequence type; nnjit"
                + " supports only tensors"), e.getMessage());
        // as an optional hint it is dropped
        OnnxModel m = read(model(8, new Graph("g").valueInfo(seqValue).valueInfo(valueInfo("t", DType.INT32, 1))
                .build(), "", 13));
        assertEquals(1, m.graph().valueInfos().size());
        assertEquals("t", m.graph().valueInfos().get(0).name());

        ProtoWriter complex = new ProtoWriter().string(1, "c").message(2, new ProtoWriter().message(1,
                new ProtoWriter().varint(1, 14)));
        assertTrue(fails(model(8, new Graph("g").output(complex).build(), "", 13)).getMessage()
                .contains("value 'c' has element type complex64 (ONNX code 14), which nnjit does not support"));
        // a known but unsupported element type stays visible so later passes can name it
        assertEquals(DType.DOUBLE, read(model(8, new Graph("g").input(valueInfo("d", DType.DOUBLE, 2)).build(), "",
                13)).graph().inputs().get(0).dtype());
    }

    @Test void negativeDimValueInADeclaredTypeIsUnknown() {
        OnnxModel m = read(model(8, new Graph("g").input(valueInfo("x", DType.FLOAT, -1, 4)).build(), "", 13));
        assertEquals(Shape.of(Dim.unknown(), Dim.of(4)), m.graph().inputs().get(0).shape());
    }

    @Test void nestedSubgraphsAreLimited() {
        ProtoWriter g = new Graph("leaf").build();
        for (int depth = 0; depth < GraphDecoder.MAX_GRAPH_DEPTH; depth++) {
            g = new Graph("g" + depth).node(node("If", List.of("c"), List.of("y"), attrGraph("then_branch", g))).build();
        }
        OnnxGraph top = read(model(8, g, "", 13)).graph();
        assertEquals("then_branch", top.nodes().get(0).attributes().get("then_branch").name());
        ProtoWriter deeper = new Graph("top").node(node("If", List.of("c"), List.of("y"), attrGraph("then_branch", g)))
                .build();
        assertTrue(fails(model(8, deeper, "", 13)).getMessage()
                .contains("subgraphs are nested more than " + GraphDecoder.MAX_GRAPH_DEPTH + " deep"));
    }

    @Test void readTensorDecodesAStandaloneTensorProto() {
        NamedTensor t = OnnxModelReader.readTensor(tensorRaw("input_0", DType.INT64, dims(2, 2),
                ProtoWriter.leLongs(1, -2, 3, Long.MIN_VALUE)).toBuffer());
        assertEquals("input_0", t.name());
        assertArrayEquals(new int[] {2, 2}, t.tensor().shape());
        assertArrayEquals(new long[] {1, -2, 3, Long.MIN_VALUE}, t.tensor().longs());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxModelReader.readTensor(tensorDoubles("input_0", dims(1), 1.0).toBuffer()));
        assertEquals("at byte 0: TensorProto: tensor 'input_0': unsupported dtype float64", e.getMessage());
    }

    @Test void bytesAreReadFromThePositionAndTheBufferIsLeftAlone() {
        byte[] model = model(8, new Graph("g").initializer(tensorRaw("w", DType.FLOAT, dims(1), ProtoWriter.le(5)))
                .build(), "", 13).toByteArray();
        byte[] padded = new byte[model.length + 10];
        System.arraycopy(model, 0, padded, 7, model.length);
        ByteBuffer b = ByteBuffer.wrap(padded);
        b.position(7).limit(7 + model.length);
        OnnxModel m = OnnxModelReader.read(b, ExternalDataResolver.NONE);
        assertEquals(7, b.position());
        assertEquals(7 + model.length, b.limit());
        assertSame(java.nio.ByteOrder.BIG_ENDIAN, b.order());
        assertArrayEquals(new float[] {5}, m.graph().initializers().get("w").floats());
    }
}
