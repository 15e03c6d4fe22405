package dev.nnjit.tensor;

/**
 * Element types, numbered as ONNX's TensorProto.DataType.
 *
 * <p>Storage on the CPU: floating types live in {@code float[]} (float16 and bfloat16 are widened on load and
 * rounded again by a Cast to them), integer types in {@code long[]}, bool in {@code boolean[]}. DOUBLE, STRING and
 * complex types are recognised by the loader so errors can name them, but no op computes on them.
 */
public enum DType {
    FLOAT(1, 4, Storage.FLOAT, "float32"),
    UINT8(2, 1, Storage.LONG, "uint8"),
    INT8(3, 1, Storage.LONG, "int8"),
    UINT16(4, 2, Storage.LONG, "uint16"),
    INT16(5, 2, Storage.LONG, "int16"),
    INT32(6, 4, Storage.LONG, "int32"),
    INT64(7, 8, Storage.LONG, "int64"),
    STRING(8, 0, Storage.NONE, "string"),
    BOOL(9, 1, Storage.BOOL, "bool"),
    FLOAT16(10, 2, Storage.FLOAT, "float16"),
    DOUBLE(11, 8, Storage.NONE, "float64"),
    UINT32(12, 4, Storage.LONG, "uint32"),
    UINT64(13, 8, Storage.NONE, "uint64"),
    BFLOAT16(16, 2, Storage.FLOAT, "bfloat16");

    /** How elements of a dtype are held in memory on the CPU. */
    public enum Storage { FLOAT, LONG, BOOL, NONE }

    public final int onnxCode;
    /** Bytes per element in ONNX raw_data (little-endian); 0 for variable-size types. */
    public final int byteSize;
    public final Storage storage;
    /** Lower-case name used in JSON feeds and error messages ("float32", "int64", ...). */
    public final String jsonName;

    DType(int onnxCode, int byteSize, Storage storage, String jsonName) {
        this.onnxCode = onnxCode;
        this.byteSize = byteSize;
        this.storage = storage;
        this.jsonName = jsonName;
    }

    public boolean isSupported() { return storage != Storage.NONE; }
    public boolean isFloating() { return storage == Storage.FLOAT; }
    public boolean isInteger() { return storage == Storage.LONG; }

    /** The dtype for an ONNX code, or null when ONNX defines no such code that nnjit knows. */
    public static DType fromOnnx(int code) {
        for (DType t : values()) if (t.onnxCode == code) return t;
        return null;
    }

    /** The dtype for a JSON name ("float32", "int64", also "float" and "bool"), or null. */
    public static DType fromJsonName(String name) {
        if (name == null) return null;
        if (name.equals("float")) return FLOAT;
        for (DType t : values()) if (t.jsonName.equals(name)) return t;
        return null;
    }

    /** Wraps an integer into this integer dtype's range, as a C cast would (used by Cast). */
    public long wrap(long v) {
        switch (this) {
            case UINT8: return v & 0xFFL;
            case INT8: return (byte) v;
            case UINT16: return v & 0xFFFFL;
            case INT16: return (short) v;
            case INT32: return (int) v;
            case UINT32: return v & 0xFFFFFFFFL;
            default: return v;
        }
    }

    /** The smallest value of this integer dtype (0 for unsigned ones). */
    public long minValue() {
        switch (this) {
            case INT8: return Byte.MIN_VALUE;
            case INT16: return Short.MIN_VALUE;
            case INT32: return Integer.MIN_VALUE;
            case INT64: return Long.MIN_VALUE;
            default: return 0; // unsigned
        }
    }

    /** The largest value of this integer dtype. */
    public long maxValue() {
        switch (this) {
            case INT8: return Byte.MAX_VALUE;
            case UINT8: return 0xFF;
            case INT16: return Short.MAX_VALUE;
            case UINT16: return 0xFFFF;
            case INT32: return Integer.MAX_VALUE;
            case UINT32: return 0xFFFFFFFFL;
            default: return Long.MAX_VALUE;
        }
    }

    @Override public String toString() { return jsonName; }
}
