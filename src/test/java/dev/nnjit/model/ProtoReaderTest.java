package dev.nnjit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The wire-format layer: every value encoding, skipping, and each malformed-input error with its offset. */
class ProtoReaderTest {

    private static ProtoReader reader(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new ProtoReader(b, 0, bytes.length, FieldPath.root("Test"));
    }

    private static ModelFormatException fails(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> {
            ProtoReader r = reader(bytes);
            while (r.next()) r.skip();
        });
    }

    @Test void varintsOfEverySizeRoundTrip() {
        long[] values = {0, 1, 127, 128, 300, 16383, 16384, (1L << 31) - 1, 1L << 31, 1L << 35, Long.MAX_VALUE,
                -1, -2, Long.MIN_VALUE};
        ProtoWriter w = new ProtoWriter();
        for (long v : values) w.varint(1, v);
        ProtoReader r = reader(w.toByteArray());
        for (long v : values) {
            assertTrue(r.next());
            assertEquals(1, r.field());
            assertEquals(ProtoReader.VARINT, r.wireType());
            assertEquals(v, r.int64());
        }
        assertFalse(r.next());
    }

    @Test void negativeInt64TakesExactlyTenBytes() {
        byte[] b = new ProtoWriter().rawVarint(-1).toByteArray();
        assertEquals(10, b.length);
        assertEquals(1, b[9]);
    }

    @Test void int32IsTheLow32BitsOfTheSignExtendedVarint() {
        ProtoReader r = reader(new ProtoWriter().varint(2, -5).varint(2, 0xFFFFFFFFL).toByteArray());
        assertTrue(r.next());
        assertEquals(-5, r.int32());
        assertTrue(r.next());
        assertEquals(-1, r.int32());
    }

    @Test void fixedValuesAreLittleEndian() {
        byte[] bytes = new ProtoWriter().fixed32(1, 0x01020304).fixed64(2, 0x0102030405060708L).float32(3, 1.5f)
                .toByteArray();
        // tag 0x0D then 04 03 02 01: the lowest byte first
        assertArrayEquals(new byte[] {0x0D, 4, 3, 2, 1}, java.util.Arrays.copyOf(bytes, 5));
        ProtoReader r = reader(bytes);
        assertTrue(r.next());
        assertEquals(0x01020304, r.elements(ProtoReader.FIXED32).rawFixed32());
        assertTrue(r.next());
        assertEquals(0x0102030405060708L, r.elements(ProtoReader.FIXED64).rawFixed64());
        assertTrue(r.next());
        assertEquals(1.5f, r.float32());
    }

    @Test void stringsAndNestedMessages() {
        ProtoWriter inner = new ProtoWriter().string(1, "héllo ✓").varint(2, 42);
        ProtoReader r = reader(new ProtoWriter().message(3, inner).string(4, "").toByteArray());
        assertTrue(r.next());
        ProtoReader m = r.message(r.path().child("inner"));
        assertTrue(m.next());
        assertEquals("héllo ✓", m.string());
        assertTrue(m.next());
        assertEquals(42, m.int64());
        assertFalse(m.next());
        assertTrue(r.next());
        assertEquals("", r.string());
        assertFalse(r.next());
    }

    @Test void skipsUnknownFieldsOfEveryWireType() {
        ProtoWriter w = new ProtoWriter()
                .varint(100, -1)
                .fixed64(101, 7)
                .bytes(102, new byte[300])
                .fixed32(103, 9)
                .varint(5, 77);
        ProtoReader r = reader(w.toByteArray());
        long found = -1;
        int seen = 0;
        while (r.next()) {
            seen++;
            if (r.field() == 5) found = r.int64();
            else r.skip();
        }
        assertEquals(5, seen);
        assertEquals(77, found);
    }

    @Test void packedAndUnpackedRepeatedFieldsDecodeTheSame() {
        long[] v = {3, -1, 300, 0};
        ProtoReader packed = reader(new ProtoWriter().packedVarints(8, v).toByteArray());
        ProtoWriter unpackedW = new ProtoWriter();
        for (long x : v) unpackedW.varint(8, x);
        ProtoReader unpacked = reader(unpackedW.toByteArray());
        LongList a = new LongList(), b = new LongList();
        while (packed.next()) {
            ProtoReader e = packed.elements(ProtoReader.VARINT);
            while (e.hasRemaining()) a.add(e.rawVarint());
        }
        while (unpacked.next()) {
            ProtoReader e = unpacked.elements(ProtoReader.VARINT);
            while (e.hasRemaining()) b.add(e.rawVarint());
        }
        assertArrayEquals(v, a.toArray());
        assertArrayEquals(v, b.toArray());
    }

    @Test void groupsAreRejectedWithOffset() {
        byte[] start = new ProtoWriter().varint(1, 5).tag(7, 3).toByteArray();
        ModelFormatException e = fails(start);
        assertEquals("at byte 2: Test: field 7 has wire type 3 (group), which ONNX does not use and this reader"
                + " does not accept", e.getMessage());
        e = fails(new ProtoWriter().tag(7, 4).toByteArray());
        assertTrue(e.getMessage().startsWith("at byte 0: Test: field 7 has wire type 4 (group)"), e.getMessage());
    }

    @Test void invalidWireTypesAndFieldZeroAreRejected() {
        assertEquals("at byte 0: Test: field 1 has invalid wire type 6",
                fails(new ProtoWriter().tag(1, 6).toByteArray()).getMessage());
        assertEquals("at byte 0: Test: field 1 has invalid wire type 7",
                fails(new ProtoWriter().tag(1, 7).toByteArray()).getMessage());
        assertEquals("at byte 0: Test: field number 0 is invalid",
                fails(new ProtoWriter().tag(0, 0).rawVarint(1).toByteArray()).getMessage());
    }

    @Test void varintLongerThanTenBytesIsRejected() {
        byte[] b = new byte[12];
        b[0] = 0x08; // field 1, varint
        for (int i = 1; i <= 10; i++) b[i] = (byte) 0xFF;
        b[11] = 0x01;
        assertEquals("at byte 1: Test: varint is longer than 10 bytes", fails(b).getMessage());
    }

    @Test void tenthVarintByteAbove1OverflowsSixtyFourBits() {
        byte[] b = new byte[11];
        b[0] = 0x08;
        for (int i = 1; i <= 9; i++) b[i] = (byte) 0x80;
        b[10] = 0x02;
        assertEquals("at byte 1: Test: varint overflows 64 bits", fails(b).getMessage());
    }

    @Test void truncatedVarintNamesWhereTheMessageEnds() {
        byte[] b = {0x08, (byte) 0x80, (byte) 0x80};
        assertEquals("at byte 1: Test: truncated varint: the enclosing message ends at byte 3", fails(b).getMessage());
        // a tag cut in the middle
        assertEquals("at byte 0: Test: truncated varint: the enclosing message ends at byte 1",
                fails(new byte[] {(byte) 0x80}).getMessage());
    }

    @Test void truncatedFixedValues() {
        byte[] b = {0x0D, 1, 2};
        assertEquals("at byte 1: Test: truncated fixed32 value: 2 of 4 bytes before the enclosing message ends at"
                + " byte 3", fails(b).getMessage());
        byte[] c = {0x09, 1, 2, 3, 4, 5, 6, 7};
        assertTrue(fails(c).getMessage().startsWith("at byte 1: Test: truncated fixed64 value: 7 of 8 bytes"));
    }

    @Test void lengthPrefixBeyondTheMessageIsAnErrorNotAnAllocation() {
        byte[] b = new ProtoWriter().tag(2, 2).rawVarint(100).raw(new byte[3]).toByteArray();
        assertEquals("at byte 1: Test: field 2 claims 100 bytes but only 3 remain in the message (truncated?)",
                fails(b).getMessage());
        // a length of 2^62: must fail the same way, immediately
        byte[] huge = new ProtoWriter().tag(2, 2).rawVarint(1L << 62).toByteArray();
        assertTrue(assertThrows(ModelFormatException.class, () -> {
            ProtoReader r = reader(huge);
            r.next();
            r.string();
        }).getMessage().contains("claims 4611686018427387904 bytes but only 0 remain"));
    }

    @Test void aSubMessageCannotReadPastItsOwnEnd() {
        // inner message of 2 bytes whose field claims 5 bytes: the outer message has more bytes, the inner has not
        byte[] b = new ProtoWriter().tag(1, 2).rawVarint(2).tag(1, 2).rawVarint(5).raw(new byte[10]).toByteArray();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
            ProtoReader r = reader(b);
            r.next();
            ProtoReader inner = r.message(r.path().child("inner"));
            inner.next();
            inner.skip();
        });
        assertEquals("at byte 3: Test.inner: field 1 claims 5 bytes but only 0 remain in the message (truncated?)",
                e.getMessage());
    }

    @Test void wrongWireTypeNamesFieldAndExpectation() {
        ProtoReader r = reader(new ProtoWriter().varint(1, 1).float32(2, 1f).toByteArray());
        r.next();
        r.int64();
        r.next();
        ModelFormatException e = assertThrows(ModelFormatException.class, r::int64);
        assertEquals("at byte 2: Test: field 2 has wire type 5, expected 0", e.getMessage());
        ProtoReader r2 = reader(new ProtoWriter().fixed64(8, 1).toByteArray());
        r2.next();
        assertEquals("at byte 0: Test: field 8 has wire type 1, expected 0 or 2 (packed)",
                assertThrows(ModelFormatException.class, () -> r2.elements(ProtoReader.VARINT)).getMessage());
    }

    @Test void packedFixedPayloadMustBeAWholeNumberOfElements() {
        ProtoReader r = reader(new ProtoWriter().bytes(4, new byte[6]).toByteArray());
        r.next();
        assertEquals("at byte 0: Test: packed field 4 has 6 bytes, not a multiple of 4",
                assertThrows(ModelFormatException.class, () -> r.elements(ProtoReader.FIXED32)).getMessage());
    }

    @Test void readingLeavesTheBufferPositionAndLimitAlone() {
        byte[] bytes = new ProtoWriter().string(1, "abc").varint(2, 9).toByteArray();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(1);
        ProtoReader r = new ProtoReader(b, 0, bytes.length, FieldPath.root("Test"));
        while (r.next()) r.skip();
        assertEquals(1, b.position());
        assertEquals(bytes.length, b.limit());
    }

    @Test void fieldPathsRenderIndexesAndNesting() {
        FieldPath p = FieldPath.root("ModelProto").child("graph").child("node", 3).child("attribute", 1);
        assertEquals("ModelProto.graph.node[3].attribute[1]", p.toString());
        assertEquals("at byte 1234: ModelProto.graph.node[3].attribute[1]: oops", p.error(1234, "oops").getMessage());
    }
}
