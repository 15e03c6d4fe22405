package dev.nnjit.codegen;

import dev.nnjit.tensor.DType;

/**
 * Element types of GPU tensors. Every one is 4 bytes in a storage buffer:
 * <ul>
 *   <li>F32: float32 (float16 tensors are widened to f32 until a shader-f16 path exists);</li>
 *   <li>I32: int32, and int64 carried as int32 (the runtime range-checks int64 values when it uploads them and
 *       fails with the tensor's name if one does not fit; WGSL has no 64-bit integers). Indices, shapes and
 *       token ids fit;</li>
 *   <li>BOOL: stored as u32 0/1 (WGSL's bool is not host-shareable), read back as {@code x != 0u}.</li>
 * </ul>
 */
public enum ScalarType {
    F32("f32", "f32"),
    I32("i32", "i32"),
    BOOL("u32", "bool");

    /** The type of an element in a storage buffer. */
    public final String storage;
    /** The type of a value in expressions. */
    public final String value;

    ScalarType(String storage, String value) {
        this.storage = storage;
        this.value = value;
    }

    public int byteSize() { return 4; }

    /** {@code f32} or {@code vec4<f32>}: the storage type of one item. */
    public String storage(boolean vec4) { return vec4 ? "vec4<" + storage + ">" : storage; }

    /** {@code f32} or {@code vec4<f32>}: the value type of one item. */
    public String value(boolean vec4) { return vec4 ? "vec4<" + value + ">" : value; }

    /** The GPU type holding an ONNX dtype; throws for dtypes the GPU path does not carry. */
    public static ScalarType of(DType t) {
        switch (t) {
            case FLOAT: case FLOAT16: case BFLOAT16: return F32;
            case INT32: case INT64: case INT8: case UINT8: case INT16: case UINT16: return I32;
            case BOOL: return BOOL;
            default: throw new IllegalArgumentException("dtype " + t + " has no WebGPU representation");
        }
    }
}
