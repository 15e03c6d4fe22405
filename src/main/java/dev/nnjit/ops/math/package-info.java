/**
 * The math op family: elementwise functions and activations ({@link dev.nnjit.ops.math.ElementaryFunctions},
 * {@link dev.nnjit.ops.math.Activations} on {@link dev.nnjit.ops.math.UnaryOp}), broadcasting arithmetic, comparison,
 * logic and bit ops, variadic Min/Max/Sum/Mean, Clip, Where, the products (MatMul, Gemm, MatMulInteger, Einsum) on
 * the CPU kernel {@link dev.nnjit.ops.math.MatMulKernel}, and the quantization ops. {@link
 * dev.nnjit.ops.math.TypeChecks} holds the type-rule checks the reduce and nn families share.
 *
 * <p>Numerical conventions of all three families: elementwise float ops compute in double where a libm call is
 * involved and round once to float (plain + - * / are float, as in ONNX Runtime); reductions and normalization
 * statistics accumulate in double; matrix products accumulate in float in k order (MatMulKernel's contract).
 * float16/bfloat16 tensors are held as float and results are not rounded back to 16 bits (a Cast does that).
 * Integer ops compute in long and wrap to the dtype like C; integer division or modulo by zero is an error.
 */
package dev.nnjit.ops.math;
