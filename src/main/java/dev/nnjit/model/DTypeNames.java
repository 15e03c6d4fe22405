package dev.nnjit.model;

import dev.nnjit.tensor.DType;

/** Names for every ONNX TensorProto.DataType code, including those nnjit has no {@link DType} for, for errors. */
final class DTypeNames {
    private DTypeNames() {}

    /** E.g. "float64", "complex64 (ONNX code 14)", "ONNX code 99". */
    static String describe(int code) {
        DType t = DType.fromOnnx(code);
        if (t != null) return t.jsonName;
        String name;
        switch (code) {
            case 14: name = "complex64"; break;
            case 15: name = "complex128"; break;
            case 17: name = "float8e4m3fn"; break;
            case 18: name = "float8e4m3fnuz"; break;
            case 19: name = "float8e5m2"; break;
            case 20: name = "float8e5m2fnuz"; break;
            case 21: name = "uint4"; break;
            case 22: name = "int4"; break;
            case 23: name = "float4e2m1"; break;
            default: return "ONNX code " + code;
        }
        return name + " (ONNX code " + code + ")";
    }
}
