package dev.nnjit.ops.fused;

/**
 * The elementwise operator vocabulary, one enum for every layer: the instructions of a fused elementwise node
 * ({@link ElementwiseProgram}), the nodes of a WGSL elementwise expression ({@code dev.nnjit.codegen.ElementwiseExpr}),
 * the fusion pass's recognition of ONNX nodes and the WebGPU backend's registration of one-op elementwise lowerings.
 * Adding an op here (with its ONNX op type) makes it known to all four; the WGSL text of each op is in
 * {@code dev.nnjit.codegen.ExprText}.
 *
 * <p>Each operator means the ONNX op named by {@link #onnxOpType} with multidirectional broadcasting; the table of
 * ONNX op type to operator is that column ({@link #ofOnnx}). Exceptions: {@code SILU} is nnjit's own {@code SiLU};
 * {@code GELU_TANH} is {@code Gelu} with {@code approximate="tanh"}; {@code NOT_EQUAL} has no ONNX op (it is
 * {@code Not(Equal(a, b))}, which kernels built by lowerings use); leaves have none.
 *
 * <p>The ONNX element functions with attributes, integer arithmetic and rounding to narrow formats
 * ({@code dev.nnjit.codegen.MapFn}) are a separate vocabulary on purpose: they take float parameters and are
 * computed one at a time by {@code MapKernel}, never inside a fused program.
 */
public enum ElementwiseOp {
    INPUT(-1, null, false), CONST(-1, null, false),
    ADD(2, "Add", false), SUB(2, "Sub", false), MUL(2, "Mul", false), DIV(2, "Div", false), POW(2, "Pow", true),
    MIN(2, "Min", false), MAX(2, "Max", false),
    NEG(1, "Neg", false), ABS(1, "Abs", false), SQRT(1, "Sqrt", true), RECIPROCAL(1, "Reciprocal", true),
    EXP(1, "Exp", true), LOG(1, "Log", true), ERF(1, "Erf", true), TANH(1, "Tanh", true),
    SIGMOID(1, "Sigmoid", true), RELU(1, "Relu", false), GELU(1, "Gelu", true), GELU_TANH(1, "Gelu", true),
    SILU(1, "SiLU", true), FLOOR(1, "Floor", true), CEIL(1, "Ceil", true),
    EQUAL(2, "Equal", false), NOT_EQUAL(2, null, false), LESS(2, "Less", false), LESS_EQUAL(2, "LessOrEqual", false),
    GREATER(2, "Greater", false), GREATER_EQUAL(2, "GreaterOrEqual", false),
    AND(2, "And", false), OR(2, "Or", false), XOR(2, "Xor", false), NOT(1, "Not", false),
    WHERE(3, "Where", false), CAST(1, "Cast", false);

    /** Operand count; -1 for leaves. */
    public final int arity;
    /** The op this operator means (SILU: nnjit.SiLU; GELU_TANH: Gelu with approximate="tanh"); null when none. */
    public final String onnxOpType;
    /** Whether it is defined on floats only (its operands and result are f32 on the GPU). */
    public final boolean floatOnly;

    ElementwiseOp(int arity, String onnxOpType, boolean floatOnly) {
        this.arity = arity;
        this.onnxOpType = onnxOpType;
        this.floatOnly = floatOnly;
    }

    /**
     * The operator a node of {@code domain} ("" or "ai.onnx" for ONNX, "nnjit" for SiLU) and {@code opType} means,
     * before attributes and dtypes: "Gelu" gives GELU (the caller picks GELU_TANH for approximate="tanh"); null when
     * the op is not one of these operators.
     */
    public static ElementwiseOp ofOnnx(String domain, String opType) {
        boolean nnjit = FusedOps.DOMAIN.equals(domain);
        if (!nnjit && domain != null && !domain.isEmpty() && !domain.equals("ai.onnx")) return null;
        for (ElementwiseOp op : values()) {
            if (opType.equals(op.onnxOpType) && nnjit == (op == SILU)) return op;
        }
        return null;
    }
}
