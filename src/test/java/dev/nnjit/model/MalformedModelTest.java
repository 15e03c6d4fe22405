package dev.nnjit.model;

import static dev.nnjit.model.OnnxBuilder.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged files: truncation at chosen and at every offset, and random corruption. The contract under test: the
 * only failure is a ModelFormatException naming a byte offset, and anything that loads can be fully materialized.
 */
class MalformedModelTest {

    /** A model exercising most field kinds; ir_version 300 makes the first varint two bytes long. */
    static ProtoWriter sampleModel() {
        ProtoWriter body = new Graph("body").node(node("Identity", List.of("a"), List.of("b"))).build();
        Graph g = new Graph("sample")
                .node(node("n0", "", "Gemm", List.of("x", "w", "bias"), List.of("h"),
                        attrFloat("alpha", 0.5f), attrInt("transB", 1)))
                .node(node("n1", "", "Reshape", List.of("h", "shape"), List.of("r")))
                .node(node("n2", "", "If", List.of("cond"), List.of("y"), attrGraph("then_branch", body),
                        attrInts("axes", false, 0, -1), attrStrings("names", "p", "q"),
                        attrTensor("value", tensorFloats(null, dims(2), false, 1f, 2f))))
                .initializer(tensorRaw("w", DType.FLOAT, dims(4, 3), ProtoWriter.le(new float[12])))
                .initializer(tensorFloats("bias", dims(4), true, 1f, 2f, 3f, 4f))
                .initializer(tensorInt64s("shape", dims(2), false, 2, -1))
                .initializer(tensorInt32s("half", DType.FLOAT16, dims(2), true, Float16.fromFloat(0.5f), 0x3C00))
                .initializer(tensorRaw("mask", DType.BOOL, dims(3), ProtoWriter.bytesOf(1, 0, 1)))
                .input(valueInfo("x", DType.FLOAT, "batch", 3))
                .input(valueInfo("cond", DType.BOOL))
                .output(valueInfo("y", DType.FLOAT, "batch", null));
        return model(300, g.build(), "", 13);
    }

    static OnnxModel read(byte[] bytes) { return OnnxModelReader.read(ByteBuffer.wrap(bytes), ExternalDataResolver.NONE); }

    static String error(byte[] bytes) { return assertThrows(ModelFormatException.class, () -> read(bytes)).getMessage(); }

    @Test void sampleModelLoadsWhole() {
        OnnxModel m = read(sampleModel().toByteArray());
        assertEquals(300, m.irVersion());
        assertEquals(3, m.graph().nodes().size());
        assertEquals(5, m.graph().initializers().size());
    }

    @Test void truncatedInsideAVarint() {
        byte[] full = sampleModel().toByteArray();
        assertEquals(0x08, full[0]);
        assertEquals((byte) 0xAC, full[1]); // 300 = 0xAC 0x02
        assertEquals("at byte 1: ModelProto: truncated varint: the enclosing message ends at byte 2",
                error(Arrays.copyOf(full, 2)));
    }

    @Test void truncatedInsideALengthDelimitedField() {
        byte[] full = sampleModel().toByteArray();
        // ir_version (3 bytes), producer_name (12), producer_version (5), then the graph: tag 0x3A at byte 20
        assertEquals(0x3A, full[20]);
        int graphLength = (full[21] & 0x7F) | (full[22] & 0x7F) << 7; // two-byte length prefix
        assertTrue((full[21] & 0x80) != 0 && (full[22] & 0x80) == 0);
        for (int cut : new int[] {23, 24, 100, full.length - 20}) {
            assertEquals("at byte 21: ModelProto: field 7 claims " + graphLength + " bytes but only " + (cut - 23)
                    + " remain in the message (truncated?)", error(Arrays.copyOf(full, cut)));
        }
        // cut inside the graph's length prefix itself
        assertEquals("at byte 21: ModelProto: truncated varint: the enclosing message ends at byte 22",
                error(Arrays.copyOf(full, 22)));
    }

    @Test void truncatedAtFieldBoundariesIsCaughtByRequiredParts() {
        byte[] full = sampleModel().toByteArray();
        assertTrue(error(new byte[0]).contains("model has no graph"));
        assertTrue(error(Arrays.copyOf(full, 20)).contains("model has no graph"));
        // the single opset_import, last: tag 0x42, length 4, then domain "" (0x0A 0x00) and version (0x10 13)
        int opsetStart = full.length - 6;
        assertEquals(0x42, full[opsetStart]);
        assertTrue(error(Arrays.copyOf(full, opsetStart)).contains("model has no opset_import"));
    }

    @Test void everyProperPrefixFailsCleanly() {
        byte[] full = sampleModel().toByteArray();
        for (int cut = 0; cut < full.length; cut++) {
            byte[] prefix = Arrays.copyOf(full, cut);
            try {
                read(prefix);
                fail("prefix of " + cut + " bytes loaded");
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith("at byte "), e.getMessage());
            }
        }
    }

    @Test void randomCorruptionFailsCleanlyOrLoadsSomethingUsable() {
        byte[] full = sampleModel().toByteArray();
        Random rnd = new Random(20261125);
        int loaded = 0, rejected = 0;
        for (int iter = 0; iter < 4000; iter++) {
            byte[] b = full.clone();
            int edits = 1 + rnd.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(b.length);
                switch (rnd.nextInt(3)) {
                    case 0: b[at] = (byte) rnd.nextInt(256); break;
                    case 1: b[at] ^= (byte) (1 << rnd.nextInt(8)); break;
                    default: b[at] = (byte) (rnd.nextBoolean() ? 0xFF : 0x80); break; // long varints
                }
            }
            OnnxModel m;
            try {
                m = read(b);
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith("at byte "), e.getMessage());
                rejected++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + iter + ": " + e, e);
            }
            loaded++;
            for (Tensor t : m.graph().initializers().values()) t.data();
            for (OnnxNode n : m.graph().nodes()) {
                for (Attribute a : n.attributes().values()) if (a.type() == Attribute.Type.TENSOR) a.tensorValue().data();
            }
        }
        // both outcomes must occur, or the corruption is not exercising anything
        assertTrue(loaded > 100 && rejected > 100, "loaded " + loaded + ", rejected " + rejected);
    }

    @Test void hugeLengthPrefixesFailWithoutAllocating() {
        // a graph field claiming 2^40 bytes, and an initializer raw_data claiming 2^31 - 1 inside a small graph
        byte[] b = new ProtoWriter().varint(1, 8).tag(7, 2).rawVarint(1L << 40).toByteArray();
        assertEquals("at byte 3: ModelProto: field 7 claims 1099511627776 bytes but only 0 remain in the message"
                + " (truncated?)", error(b));
        ProtoWriter init = new ProtoWriter().varint(1, 1).varint(2, 1).string(8, "w").tag(9, 2).rawVarint(Integer.MAX_VALUE);
        ProtoWriter g = new ProtoWriter().string(2, "g").message(5, init);
        String msg = error(model(8, g, "", 13).toByteArray());
        assertTrue(msg.contains("ModelProto.graph.initializer[0]: field 9 claims 2147483647 bytes but only 0 remain"),
                msg);
    }
}
