package dev.nnjit.model;

import static dev.nnjit.model.OnnxBuilder.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * TensorProto decoding: every supported dtype from raw_data and from its typed field (packed and unpacked),
 * float16/bfloat16 widening, laziness, and each size/dtype error. Expected values are written independently of the
 * decoder: the encoded inputs are built from them with {@link ProtoWriter}'s little-endian helpers.
 */
class TensorDecodingTest {

    static Tensor decode(ProtoWriter tensor) { return OnnxModelReader.readTensor(tensor.toBuffer()).tensor(); }

    static String error(ProtoWriter tensor) {
        return assertThrows(ModelFormatException.class, () -> decode(tensor)).getMessage();
    }

    // ---- raw_data, one test per storage family ----

    @Test void rawFloat32() {
        float[] v = {0f, -0f, 1.5f, -3.25e-8f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NEGATIVE_INFINITY};
        Tensor t = decode(tensorRaw("f", DType.FLOAT, dims(7), ProtoWriter.le(v)));
        assertEquals(DType.FLOAT, t.dtype());
        assertArrayEquals(new int[] {7}, t.shape());
        assertArrayEquals(v, t.floats());
        Tensor nan = decode(tensorRaw("f", DType.FLOAT, dims(), ProtoWriter.le(Float.NaN)));
        assertTrue(Float.isNaN(nan.floats()[0]));
    }

    @Test void rawInt64AndInt32AndUint32() {
        long[] v64 = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
        assertArrayEquals(v64, decode(tensorRaw("a", DType.INT64, dims(5), ProtoWriter.leLongs(v64))).longs());
        Tensor i32 = decode(tensorRaw("b", DType.INT32, dims(2, 2),
                ProtoWriter.leInts(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE)));
        assertEquals(DType.INT32, i32.dtype());
        assertArrayEquals(new long[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, i32.longs());
        Tensor u32 = decode(tensorRaw("c", DType.UINT32, dims(3), ProtoWriter.leInts(-1, 0x80000000, 7)));
        assertArrayEquals(new long[] {4294967295L, 2147483648L, 7}, u32.longs());
    }

    @Test void rawSmallIntegersAndBool() {
        assertArrayEquals(new long[] {-32768, -1, 32767},
                decode(tensorRaw("a", DType.INT16, dims(3), ProtoWriter.leShorts(-32768, -1, 32767))).longs());
        assertArrayEquals(new long[] {65535, 32768, 1},
                decode(tensorRaw("a", DType.UINT16, dims(3), ProtoWriter.leShorts(65535, 32768, 1))).longs());
        assertArrayEquals(new long[] {-128, -1, 127},
                decode(tensorRaw("a", DType.INT8, dims(3), ProtoWriter.bytesOf(0x80, 0xFF, 0x7F))).longs());
        assertArrayEquals(new long[] {128, 255, 127},
                decode(tensorRaw("a", DType.UINT8, dims(3), ProtoWriter.bytesOf(0x80, 0xFF, 0x7F))).longs());
        Tensor b = decode(tensorRaw("m", DType.BOOL, dims(1, 3), ProtoWriter.bytesOf(1, 0, 1)));
        assertEquals(DType.BOOL, b.dtype());
        assertArrayEquals(new boolean[] {true, false, true}, b.bools());
    }

    /** IEEE half bit patterns and their exact float values. */
    private static final int[] HALF_BITS = {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x7C00, 0xFC00, 0x8000, 0x3555};
    private static final float[] HALF_VALUES = {1f, -2f, 65504f, 0x1p-24f, 1023 * 0x1p-24f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, -0f, 0.333251953125f};

    @Test void float16IsWidenedExactlyFromRawAndFromInt32Data() {
        Tensor raw = decode(tensorRaw("h", DType.FLOAT16, dims(HALF_BITS.length), ProtoWriter.leShorts(HALF_BITS)));
        assertEquals(DType.FLOAT16, raw.dtype());
        assertArrayEquals(HALF_VALUES, raw.floats());
        Tensor typed = decode(tensorInt32s("h", DType.FLOAT16, dims(HALF_BITS.length), true, HALF_BITS));
        assertArrayEquals(HALF_VALUES, typed.floats());
        Tensor nan = decode(tensorRaw("h", DType.FLOAT16, dims(1), ProtoWriter.leShorts(0x7E00)));
        assertTrue(Float.isNaN(nan.floats()[0]));
    }

    @Test void bfloat16IsTheHighHalfOfAFloat() {
        int[] bits = {0x3F80, 0xC049, 0x0000, 0x7F80, 0xFF7F};
        // 0xC049: sign 1, exponent 2^1, mantissa 1 + 73/128 -> -3.140625; 0xFF7F: the most negative finite bf16
        float[] expected = {1f, -3.140625f, 0f, Float.POSITIVE_INFINITY, -(2f - 0x1p-7f) * 0x1p127f};
        assertArrayEquals(expected, decode(tensorRaw("b", DType.BFLOAT16, dims(5), ProtoWriter.leShorts(bits)))
                .floats());
        assertArrayEquals(expected, decode(tensorInt32s("b", DType.BFLOAT16, dims(5), false, bits)).floats());
    }

    // ---- typed fields ----

    @Test void floatDataPackedAndUnpacked() {
        float[] v = {1f, -2.5f, 3e30f, 0f};
        for (boolean packed : new boolean[] {true, false}) {
            Tensor t = decode(tensorFloats("f", dims(2, 2), packed, v));
            assertArrayEquals(new int[] {2, 2}, t.shape());
            assertArrayEquals(v, t.floats(), "packed=" + packed);
        }
    }

    @Test void int32DataCarriesEverySmallIntegerType() {
        for (boolean packed : new boolean[] {true, false}) {
            assertArrayEquals(new long[] {Integer.MIN_VALUE, -1, 5}, decode(tensorInt32s("a", DType.INT32, dims(3),
                    packed, Integer.MIN_VALUE, -1, 5)).longs());
            assertArrayEquals(new long[] {-32768, 32767}, decode(tensorInt32s("a", DType.INT16, dims(2), packed,
                    -32768, 32767)).longs());
            assertArrayEquals(new long[] {0, 65535}, decode(tensorInt32s("a", DType.UINT16, dims(2), packed, 0, 65535))
                    .longs());
            assertArrayEquals(new long[] {-128, 127}, decode(tensorInt32s("a", DType.INT8, dims(2), packed, -128, 127))
                    .longs());
            assertArrayEquals(new long[] {0, 200, 255}, decode(tensorInt32s("a", DType.UINT8, dims(3), packed, 0, 200,
                    255)).longs());
            assertArrayEquals(new boolean[] {true, false, true}, decode(tensorInt32s("a", DType.BOOL, dims(3), packed,
                    1, 0, 1)).bools());
        }
    }

    @Test void int64DataAndUint64DataForUint32() {
        long[] v = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        for (boolean packed : new boolean[] {true, false}) {
            assertArrayEquals(v, decode(tensorInt64s("a", dims(4), packed, v)).longs());
            Tensor u = decode(tensorUint64s("u", DType.UINT32, dims(2), packed, 4294967295L, 3));
            assertEquals(DType.UINT32, u.dtype());
            assertArrayEquals(new long[] {4294967295L, 3}, u.longs());
        }
    }

    @Test void repeatedFieldSplitOverSeveralOccurrencesIsConcatenated() {
        // one packed run, then two unpacked elements, then another packed run: all one field
        ProtoWriter t = tensorInt64s("a", dims(6), true, 1, 2).varint(7, 3).varint(7, 4).packedVarints(7, 5, 6);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, decode(t).longs());
        ProtoWriter f = tensorFloats("f", dims(3), true, 1f).float32(4, 2f).packedFloats(4, 3f);
        assertArrayEquals(new float[] {1, 2, 3}, decode(f).floats());
    }

    @Test void scalarsAndEmptyTensors() {
        Tensor scalar = decode(tensorRaw("s", DType.FLOAT, dims(), ProtoWriter.le(4f)));
        assertEquals(0, scalar.rank());
        assertArrayEquals(new float[] {4f}, scalar.floats());
        Tensor empty = decode(tensorHeaderOnly("e", DType.INT64.onnxCode, dims(3, 0)));
        assertArrayEquals(new int[] {3, 0}, empty.shape());
        assertEquals(0, empty.longs().length);
        assertEquals(0, decode(tensorRaw("e", DType.FLOAT, dims(0), new byte[0])).size());
    }

    @Test void rawDataAtEveryAlignmentAndInEveryKindOfBuffer() {
        // raw_data is not aligned in protobuf; array-backed buffers at unaligned offsets take a copy-then-view path
        // (TeaVM needs it), read-only and direct buffers are viewed in place: all must decode the same.
        long[] longs = {1, -2, Long.MIN_VALUE};
        float[] floats = {1.5f, -0f, 3e-39f};
        byte[] l = tensorRaw("l", DType.INT64, dims(3), ProtoWriter.leLongs(longs)).toByteArray();
        byte[] f = tensorRaw("f", DType.FLOAT, dims(3), ProtoWriter.le(floats)).toByteArray();
        for (int pad = 0; pad < 8; pad++) {
            for (int kind = 0; kind < 3; kind++) {
                assertArrayEquals(longs, OnnxModelReader.readTensor(padded(l, pad, kind)).tensor().longs(),
                        "pad " + pad + " kind " + kind);
                assertArrayEquals(floats, OnnxModelReader.readTensor(padded(f, pad, kind)).tensor().floats(),
                        "pad " + pad + " kind " + kind);
            }
        }
    }

    /** {@code bytes} at position {@code pad} of a heap (0), read-only heap (1) or direct (2) buffer. */
    private static ByteBuffer padded(byte[] bytes, int pad, int kind) {
        ByteBuffer b = kind == 2 ? ByteBuffer.allocateDirect(pad + bytes.length) : ByteBuffer.allocate(pad + bytes.length);
        b.position(pad);
        b.put(bytes);
        b.position(pad);
        return kind == 1 ? b.asReadOnlyBuffer() : b;
    }

    // ---- laziness ----

    @Test void rawInitializersAreViewsOfTheModelBytesUntilFirstUse() {
        byte[] bytes = tensorRaw("w", DType.FLOAT, dims(2), ProtoWriter.le(1f, 2f)).toByteArray();
        Tensor t = OnnxModelReader.readTensor(ByteBuffer.wrap(bytes)).tensor();
        assertFalse(t.isMaterialized());
        // overwrite the second float in the source bytes: a view sees it, a copy would not
        byte[] three = ProtoWriter.le(3f);
        System.arraycopy(three, 0, bytes, bytes.length - 4, 4);
        float[] first = t.floats();
        assertTrue(t.isMaterialized());
        assertArrayEquals(new float[] {1f, 3f}, first);
        assertSame(first, t.floats(), "materialized once, then cached");
    }

    @Test void typedInitializersAreDecodedOnFirstUse() {
        Tensor t = decode(tensorFloats("f", dims(2), true, 1f, 2f));
        assertFalse(t.isMaterialized());
        assertArrayEquals(new float[] {1f, 2f}, t.floats());
        assertTrue(t.isMaterialized());
    }

    // ---- errors ----

    @Test void negativeDims() {
        assertEquals("at byte 0: TensorProto: tensor 'w': negative dimension -3 in dims [2, -3]",
                error(tensorRaw("w", DType.FLOAT, dims(2, -3), new byte[0])));
    }

    @Test void absurdElementCountsAreRejectedBeforeAnyAllocation() {
        // 2^20 x 2^20 = 2^40 elements, claimed by a tensor with 4 bytes of data
        assertEquals("at byte 0: TensorProto: tensor 'w': dims [1048576, 1048576] give more than 2147483639 elements",
                error(tensorRaw("w", DType.FLOAT, dims(1 << 20, 1 << 20), ProtoWriter.le(1f))));
        assertEquals("at byte 0: TensorProto: tensor 'w': dimension 1099511627776 in dims [1099511627776] exceeds"
                + " 2147483639 elements", error(tensorRaw("w", DType.FLOAT, dims(1L << 40), new byte[0])));
        // an overflowing product of many moderate dims
        assertTrue(error(tensorInt64s("w", dims(65536, 65536, 65536, 65536), true, 1))
                .contains("give more than 2147483639 elements"));
    }

    @Test void rawDataLengthMustMatchTheShape() {
        // byte 7: the raw_data tag, after dims (2 bytes), data_type (2) and name (3)
        assertEquals("at byte 7: TensorProto: tensor 'w': raw_data has 8 bytes, expected 12 for float32[3]",
                error(tensorRaw("w", DType.FLOAT, dims(3), ProtoWriter.le(1f, 2f))));
        assertTrue(error(tensorRaw("w", DType.FLOAT, dims(3), ProtoWriter.le(1f, 2f, 3f, 4f)))
                .endsWith("raw_data has 16 bytes, expected 12 for float32[3]"));
        assertTrue(error(tensorRaw("h", DType.FLOAT16, dims(2, 2), new byte[7]))
                .endsWith("raw_data has 7 bytes, expected 8 for float16[2, 2]"));
    }

    @Test void typedElementCountMustMatchTheShape() {
        assertTrue(error(tensorFloats("f", dims(3), true, 1f, 2f))
                .endsWith("tensor 'f': float_data has 2 elements, expected 3 for float32[3]"));
        assertTrue(error(tensorInt64s("i", dims(1), false, 1, 2))
                .endsWith("tensor 'i': int64_data has 2 elements, expected 1 for int64[1]"));
    }

    @Test void typedFieldMustMatchTheDType() {
        assertTrue(error(tensorHeaderOnly("w", DType.FLOAT.onnxCode, dims(1)).packedVarints(7, 1))
                .endsWith("tensor 'w': float32 data must be in raw_data or float_data, found int64_data"));
        assertTrue(error(tensorHeaderOnly("w", DType.UINT32.onnxCode, dims(1)).packedVarints(5, 1))
                .endsWith("uint32 data must be in raw_data or uint64_data, found int32_data"));
        assertTrue(error(tensorRaw("w", DType.FLOAT, dims(1), ProtoWriter.le(1f)).packedFloats(4, 1f))
                .endsWith("tensor 'w': has both raw_data and float_data"));
        assertTrue(error(tensorFloats("w", dims(2), true, 1f).packedVarints(7, 1))
                .contains("tensor has both float_data and int64_data"));
    }

    @Test void missingDataOrDType() {
        assertEquals("at byte 0: TensorProto: tensor 'w': has no data (neither raw_data nor float_data) for"
                + " float32[2]", error(tensorHeaderOnly("w", DType.FLOAT.onnxCode, dims(2))));
        assertEquals("at byte 0: TensorProto: tensor 'w': has no data_type",
                error(tensorHeaderOnly("w", 0, dims(2))));
    }

    @Test void unsupportedDTypesAreNamed() {
        assertEquals("at byte 0: TensorProto: tensor 'd': unsupported dtype float64",
                error(tensorDoubles("d", dims(2), 1.0, 2.0)));
        assertEquals("at byte 0: TensorProto: tensor 'd': unsupported dtype float64",
                error(tensorRaw("d", DType.DOUBLE, dims(1), new byte[8])));
        assertTrue(error(tensorUint64s("u", DType.UINT64, dims(1), true, 1)).endsWith("unsupported dtype uint64"));
        assertTrue(error(tensorHeaderOnly("s", DType.STRING.onnxCode, dims(1)).string(6, "text"))
                .endsWith("unsupported dtype string"));
        assertTrue(error(tensorRaw("c", 14, dims(1), new byte[8])).endsWith("unsupported dtype complex64 (ONNX code 14)"));
        assertTrue(error(tensorRaw("q", 17, dims(1), new byte[1])).endsWith("unsupported dtype float8e4m3fn (ONNX code 17)"));
        assertTrue(error(tensorRaw("x", 99, dims(1), new byte[1])).endsWith("unsupported dtype ONNX code 99"));
    }

    @Test void unsupportedStorageLayouts() {
        assertTrue(error(tensorRaw("w", DType.FLOAT, dims(1), ProtoWriter.le(1f)).message(3, new ProtoWriter()))
                .contains("segmented tensors (TensorProto.segment) are not supported"));
        assertTrue(error(tensorRaw("w", DType.FLOAT, dims(1), ProtoWriter.le(1f)).varint(14, 2))
                .endsWith("tensor 'w': unknown data_location 2"));
    }

    @Test void initializerErrorsNameTheirPathInAModel() {
        ProtoWriter m = singleInitializerModel(tensorRaw("w", DType.FLOAT, dims(1 << 20, 1 << 20), new byte[4]));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxModelReader.read(m.toBuffer(), ExternalDataResolver.NONE));
        assertTrue(e.getMessage().matches("at byte \\d+: ModelProto\\.graph\\.initializer\\[0]: tensor 'w': dims"
                + " \\[1048576, 1048576] give more than 2147483639 elements"), e.getMessage());
    }
}
