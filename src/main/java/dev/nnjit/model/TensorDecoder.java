package dev.nnjit.model;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes TensorProto messages into lazy {@link Tensor}s: the header (name, dtype, dims, where the data is) is read
 * and checked now; the elements stay in the model's bytes (or an external file) until first used.
 *
 * <p>Checked before anything is allocated: a supported dtype, non-negative dims whose product is at most
 * {@link Tensor#MAX_ELEMENTS}, exactly one data source whose size matches the shape (raw_data bytes, typed field
 * element count, or an external range inside its file), and a safe external location.
 */
final class TensorDecoder {
    private static final int DATA_LOCATION_DEFAULT = 0;
    private static final int DATA_LOCATION_EXTERNAL = 1;

    private final ByteBuffer buf;
    private final ExternalDataResolver resolver;
    /** External files by location, opened once per model however many tensors they hold. */
    private final Map<String, ByteBuffer> externalFiles = new HashMap<>();

    TensorDecoder(ByteBuffer buf, ExternalDataResolver resolver) {
        this.buf = buf;
        this.resolver = resolver;
    }

    NamedTensor decode(ProtoReader r) {
        FieldPath path = r.path();
        int msgStart = r.start();
        LongList dims = new LongList();
        int dataType = 0;
        String name = "";
        int rawTag = -1, rawStart = 0, rawLength = 0;
        int typedField = 0, typedTag = -1, typedCount = 0;
        int dataLocation = DATA_LOCATION_DEFAULT;
        String location = null, offsetText = null, lengthText = null;
        int externalTag = -1, externalIndex = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1: {
                    ProtoReader e = r.elements(ProtoReader.VARINT);
                    while (e.hasRemaining()) dims.add(e.rawVarint());
                    break;
                }
                case 2: dataType = r.int32(); break;
                case 3: throw r.error(r.tagPosition(), "segmented tensors (TensorProto.segment) are not supported");
                case TypedTensorData.FLOAT_DATA:
                case TypedTensorData.INT32_DATA:
                case 6: // string_data
                case TypedTensorData.INT64_DATA:
                case 10: // double_data
                case TypedTensorData.UINT64_DATA: {
                    int f = r.field();
                    if (typedField != 0 && typedField != f) {
                        throw r.error(r.tagPosition(), "tensor has both " + TypedTensorData.fieldName(typedField)
                                + " and " + TypedTensorData.fieldName(f));
                    }
                    if (typedField == 0) typedTag = r.tagPosition();
                    typedField = f;
                    typedCount += countElements(r);
                    break;
                }
                case 8: name = r.string(); break;
                case 9:
                    rawTag = r.tagPosition();
                    rawLength = r.lengthPrefix();
                    rawStart = r.position();
                    r.advance(rawLength);
                    break;
                case 13: {
                    if (externalTag < 0) externalTag = r.tagPosition();
                    ProtoReader entry = r.message(path.child("external_data", externalIndex++));
                    String key = null, value = null;
                    while (entry.next()) {
                        if (entry.field() == 1) key = entry.string();
                        else if (entry.field() == 2) value = entry.string();
                        else entry.skip();
                    }
                    if ("location".equals(key)) location = value;
                    else if ("offset".equals(key)) offsetText = value;
                    else if ("length".equals(key)) lengthText = value;
                    break; // "checksum" and unknown keys are ignored
                }
                case 14: dataLocation = r.int32(); break;
                default: r.skip();
            }
        }

        String what = name.isEmpty() ? "tensor" : "tensor '" + name + "'";
        DType dtype = checkDType(path, msgStart, what, dataType);
        long[] dimValues = dims.toArray();
        int count = checkDims(path, msgStart, what, dimValues);
        int[] shape = new int[dimValues.length];
        for (int i = 0; i < shape.length; i++) shape[i] = (int) dimValues[i];
        String described = dtype + Arrays.toString(shape);
        long expectedBytes = (long) count * dtype.byteSize;

        if (dataLocation == DATA_LOCATION_EXTERNAL) {
            if (rawTag >= 0 || typedField != 0) {
                throw path.error(msgStart, what + ": data_location is EXTERNAL but the tensor also has inline data");
            }
            ByteBuffer slice = external(path, externalTag < 0 ? msgStart : externalTag, what, described, location,
                    offsetText, lengthText, expectedBytes);
            return new NamedTensor(name, lazy(dtype, shape, count, new RawTensorData(slice, dtype, count)));
        }
        if (dataLocation != DATA_LOCATION_DEFAULT) {
            throw path.error(msgStart, what + ": unknown data_location " + dataLocation);
        }
        if (rawTag >= 0) {
            if (typedField != 0) {
                throw path.error(typedTag, what + ": has both raw_data and " + TypedTensorData.fieldName(typedField));
            }
            if (rawLength != expectedBytes) {
                throw path.error(rawTag, what + ": raw_data has " + rawLength + " bytes, expected " + expectedBytes
                        + " for " + described);
            }
            return new NamedTensor(name, lazy(dtype, shape, count,
                    new RawTensorData(slice(buf, rawStart, rawLength), dtype, count)));
        }
        if (typedField != 0) {
            int expectedField = TypedTensorData.fieldFor(dtype);
            if (typedField != expectedField) {
                throw path.error(typedTag, what + ": " + dtype + " data must be in raw_data or "
                        + TypedTensorData.fieldName(expectedField) + ", found " + TypedTensorData.fieldName(typedField));
            }
            if (typedCount != count) {
                throw path.error(typedTag, what + ": " + TypedTensorData.fieldName(typedField) + " has " + typedCount
                        + " elements, expected " + count + " for " + described);
            }
            return new NamedTensor(name, lazy(dtype, shape, count,
                    new TypedTensorData(buf, msgStart, r.end(), path, typedField, dtype, count)));
        }
        if (count != 0) {
            throw path.error(msgStart, what + ": has no data (neither raw_data nor "
                    + TypedTensorData.fieldName(TypedTensorData.fieldFor(dtype)) + ") for " + described);
        }
        return new NamedTensor(name, Tensor.zeros(dtype, shape));
    }

    private static Tensor lazy(DType dtype, int[] shape, int count, dev.nnjit.tensor.TensorData data) {
        return count == 0 ? Tensor.zeros(dtype, shape) : Tensor.lazy(dtype, shape, data);
    }

    /** Element count of the current repeated scalar field occurrence (packed or not), checking every element. */
    private static int countElements(ProtoReader r) {
        int f = r.field();
        int wire = f == TypedTensorData.FLOAT_DATA ? ProtoReader.FIXED32
                : f == 10 ? ProtoReader.FIXED64 : f == 6 ? ProtoReader.LEN : ProtoReader.VARINT;
        if (wire == ProtoReader.LEN) { // string_data: one element per occurrence
            r.skip();
            return 1;
        }
        ProtoReader e = r.elements(wire);
        if (wire != ProtoReader.VARINT) return (e.end() - e.start()) / (wire == ProtoReader.FIXED32 ? 4 : 8);
        int n = 0;
        while (e.hasRemaining()) {
            e.rawVarint();
            n++;
        }
        return n;
    }

    static DType checkDType(FieldPath path, int at, String what, int code) {
        if (code == 0) throw path.error(at, what + ": has no data_type");
        DType dtype = DType.fromOnnx(code);
        if (dtype == null || !dtype.isSupported()) {
            throw path.error(at, what + ": unsupported dtype " + DTypeNames.describe(code));
        }
        return dtype;
    }

    /** Checks dims and returns the element count. */
    private static int checkDims(FieldPath path, int at, String what, long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) throw path.error(at, what + ": negative dimension " + d + " in dims " + Arrays.toString(dims));
            if (d > Tensor.MAX_ELEMENTS) {
                throw path.error(at, what + ": dimension " + d + " in dims " + Arrays.toString(dims) + " exceeds "
                        + Tensor.MAX_ELEMENTS + " elements");
            }
            n *= d; // both factors <= 2^31, so no overflow
            if (n > Tensor.MAX_ELEMENTS) {
                throw path.error(at, what + ": dims " + Arrays.toString(dims) + " give more than "
                        + Tensor.MAX_ELEMENTS + " elements");
            }
        }
        return (int) n;
    }

    private ByteBuffer external(FieldPath path, int at, String what, String described, String location,
                                String offsetText, String lengthText, long expectedBytes) {
        if (location == null) throw path.error(at, what + ": external data has no 'location' entry");
        String problem = ExternalLocations.problem(location);
        if (problem != null) throw path.error(at, what + ": external data " + problem);
        long offset = parseSize(path, at, what, "offset", offsetText, 0);
        long length = parseSize(path, at, what, "length", lengthText, -1);
        ByteBuffer file = externalFiles.get(location);
        if (file == null) {
            ByteBuffer opened;
            try {
                opened = resolver.open(location);
            } catch (ModelFormatException e) {
                throw path.error(at, what + ": " + e.getMessage(), e);
            }
            if (opened == null) throw path.error(at, what + ": external data file '" + location + "' was not found");
            file = opened.slice().order(ByteOrder.LITTLE_ENDIAN);
            externalFiles.put(location, file);
        }
        long size = file.remaining();
        if (offset > size) {
            throw path.error(at, what + ": external data offset " + offset + " is past the end of '" + location
                    + "' (" + size + " bytes)");
        }
        if (length < 0) length = size - offset;
        if (length > size - offset) {
            long rangeEnd = offset + length; // may overflow for absurd lengths: then show the sum unevaluated
            throw path.error(at, what + ": external data range [" + offset + ", "
                    + (rangeEnd < 0 ? offset + " + " + length : Long.toString(rangeEnd))
                    + ") runs past the end of '" + location + "' (" + size + " bytes)");
        }
        if (length != expectedBytes) {
            throw path.error(at, what + ": external data in '" + location + "' has " + length + " bytes, expected "
                    + expectedBytes + " for " + described);
        }
        return slice(file, (int) offset, (int) length);
    }

    private static long parseSize(FieldPath path, int at, String what, String key, String text, long absent) {
        if (text == null) return absent;
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw path.error(at, what + ": external data " + key + " '" + text + "' is not an integer");
        }
        if (v < 0) throw path.error(at, what + ": external data " + key + " " + v + " is negative");
        return v;
    }

    /** A little-endian view of [start, start + length) of {@code b}, indexed from 0. */
    static ByteBuffer slice(ByteBuffer b, int start, int length) {
        ByteBuffer d = b.duplicate();
        d.limit(start + length);
        d.position(start);
        return d.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
