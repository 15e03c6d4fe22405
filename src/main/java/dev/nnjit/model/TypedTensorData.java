package dev.nnjit.model;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.TensorData;
import java.nio.ByteBuffer;

/**
 * Elements stored in one of TensorProto's typed repeated fields (float_data, int32_data, int64_data, uint64_data),
 * packed or not, possibly split over several occurrences. Keeps only where the TensorProto lies; on first use it
 * scans the message again and decodes every occurrence of the field into an array of the known size.
 *
 * <p>Contract: the decoder has already scanned the message and checked that the field holds exactly
 * {@code count} well-formed elements, so materialization cannot fail on valid bytes.
 */
final class TypedTensorData implements TensorData {
    static final int FLOAT_DATA = 4;
    static final int INT32_DATA = 5;
    static final int INT64_DATA = 7;
    static final int UINT64_DATA = 11;

    private final ByteBuffer buf;
    private final int start;
    private final int end;
    private final FieldPath path;
    private final int fieldNumber;
    private final DType dtype;
    private final int count;

    TypedTensorData(ByteBuffer buf, int start, int end, FieldPath path, int fieldNumber, DType dtype, int count) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.path = path;
        this.fieldNumber = fieldNumber;
        this.dtype = dtype;
        this.count = count;
    }

    /** The typed field that carries elements of {@code dtype} in ONNX, or -1 for none. */
    static int fieldFor(DType dtype) {
        switch (dtype) {
            case FLOAT: return FLOAT_DATA;
            case INT32: case INT16: case INT8: case UINT16: case UINT8: case BOOL: case FLOAT16: case BFLOAT16:
                return INT32_DATA;
            case INT64: return INT64_DATA;
            case UINT32: case UINT64: return UINT64_DATA;
            default: return -1;
        }
    }

    static String fieldName(int fieldNumber) {
        switch (fieldNumber) {
            case FLOAT_DATA: return "float_data";
            case INT32_DATA: return "int32_data";
            case 6: return "string_data";
            case INT64_DATA: return "int64_data";
            case 10: return "double_data";
            case UINT64_DATA: return "uint64_data";
            default: return "field " + fieldNumber;
        }
    }

    @Override public Object materialize() {
        Object out;
        switch (dtype.storage) {
            case FLOAT: out = new float[count]; break;
            case LONG: out = new long[count]; break;
            case BOOL: out = new boolean[count]; break;
            default: throw new IllegalStateException("dtype " + dtype + " has no storage");
        }
        int n = 0;
        ProtoReader r = new ProtoReader(buf, start, end, path);
        while (r.next()) {
            if (r.field() != fieldNumber) {
                r.skip();
                continue;
            }
            ProtoReader e = r.elements(fieldNumber == FLOAT_DATA ? ProtoReader.FIXED32 : ProtoReader.VARINT);
            while (e.hasRemaining()) {
                if (n == count) throw path.error(e.start(), fieldName(fieldNumber) + " holds more than " + count + " elements");
                store(out, n++, e);
            }
        }
        if (n != count) throw path.error(start, fieldName(fieldNumber) + " holds " + n + " elements, expected " + count);
        return out;
    }

    private void store(Object out, int i, ProtoReader e) {
        if (fieldNumber == FLOAT_DATA) {
            ((float[]) out)[i] = Float.intBitsToFloat(e.rawFixed32());
            return;
        }
        long v = e.rawVarint();
        switch (dtype) {
            case FLOAT16: ((float[]) out)[i] = Float16.toFloat((int) v & 0xFFFF); break;
            case BFLOAT16: ((float[]) out)[i] = Float16.bfloat16ToFloat((int) v & 0xFFFF); break;
            case BOOL: ((boolean[]) out)[i] = v != 0; break;
            // int32_data holds int32 values sign-extended on the wire; wrap() narrows to the dtype's range as ONNX
            // writers store it (uint8 200 as 200, int8 -5 as -5).
            default: ((long[]) out)[i] = dtype.wrap(v); break;
        }
    }
}
