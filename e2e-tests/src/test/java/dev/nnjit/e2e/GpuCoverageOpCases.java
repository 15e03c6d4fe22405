package dev.nnjit.e2e;

import static dev.nnjit.e2e.GpuOpCases.c;
import static dev.nnjit.model.OnnxBuilder.attrFloat;
import static dev.nnjit.model.OnnxBuilder.attrInt;
import static dev.nnjit.model.OnnxBuilder.attrInts;
import static dev.nnjit.model.OnnxBuilder.attrString;

import dev.nnjit.e2e.GpuOpCases.Case;
import dev.nnjit.e2e.GpuOpCases.Tol;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One-op models for the ops the coverage lowerings added (MathLowerings, MovementLowerings, SelectionLowerings,
 * ScatterGatherLowerings, ConvLowerings, PoolLowerings, NormLowerings, QuantLowerings, ConstantLowerings), built
 * with {@link GpuOpCases}' builder and checked with its tolerances: seeded random inputs, sizes no workgroup
 * divides, broadcasting, size-1 and empty dims, and the special values each op defines (ties, NaN, infinities,
 * negative indices, values that wrap).
 *
 * <p>Tolerances: EXACT for data movement, integer ops, rounding, casts and quantization (the quantize division is
 * f32 on both sides; the seeded inputs hold no quotient within rounding of a .5 tie; DynamicQuantizeLinear's float
 * scale is ARITH, see there); TRANSCENDENTAL for the
 * accurate trigonometric / hyperbolic / activation functions; MATMUL with K = C/group * kernel size for Conv and
 * ConvTranspose; ROWS for pools, norms and reductions.
 */
final class GpuCoverageOpCases {
    private GpuCoverageOpCases() {}

    static List<Case> all() {
        List<Case> l = new ArrayList<>();
        math(l);
        movement(l);
        selection(l);
        scatterGather(l);
        conv(l);
        pools(l);
        norms(l);
        quant(l);
        einsum(l);
        return l;
    }

    private static Tensor floats(int[] shape, float... v) { return Tensor.ofFloats(shape, v); }

    private static void math(List<Case> l) {
        l.add(c("Sin wide range").op("Sin").feedUniform("x", -100f, 100f, 5, 33).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Cos wide range").op("Cos").feedUniform("x", -100f, 100f, 7, 19).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Sin near multiples of pi").op("Sin").feed("x", floats(new int[] {6}, 3.1415927f, -3.1415927f,
                6.2831855f, 1.5707964f, 0f, 1e-20f)).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Tan").op("Tan").feedUniform("x", -1.5f, 1.5f, 3, 41).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL)
                .build());
        l.add(c("Asin").op("Asin").feedUniform("x", -1f, 1f, 4, 25).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Acos").op("Acos").feedUniform("x", -1f, 1f, 4, 25).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Atan").op("Atan").feedScaled("x", 10f, 3, 37).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Sinh").op("Sinh").feedScaled("x", 3f, 3, 37).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Cosh").op("Cosh").feedScaled("x", 3f, 3, 37).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Asinh").op("Asinh").feedScaled("x", 10f, 3, 37).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Acosh").op("Acosh").feedUniform("x", 1f, 40f, 3, 37).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL)
                .build());
        l.add(c("Atanh").op("Atanh").feedUniform("x", -0.99f, 0.99f, 3, 37).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Round ties to even").op("Round").feed("x", floats(new int[] {2, 5}, 0.5f, 1.5f, 2.5f, -0.5f, -2.5f,
                2.4f, -2.6f, 7f, 1e7f + 1f, -0f)).out("y", DType.FLOAT).build());
        l.add(c("Sign float").op("Sign").feed("x", floats(new int[] {5}, -3f, 0f, 2f, -0f, 1e-30f)).out("y", DType.FLOAT)
                .build());
        l.add(c("Sign int64").op("Sign").feedInts("x", DType.INT64, -5, 5, 3, 7).out("y", DType.INT64).build());
        l.add(c("IsNaN / IsInf specials").op("IsInf").attr(attrInt("detect_negative", 0)).feed("x", floats(new int[] {6},
                Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -1f, Float.MAX_VALUE))
                .out("y", DType.BOOL).build());
        l.add(c("IsNaN").op("IsNaN").feed("x", floats(new int[] {5}, Float.NaN, Float.POSITIVE_INFINITY, 0f, -1f,
                Float.intBitsToFloat(0x7fc00001))).out("y", DType.BOOL).build());
        l.add(c("Elu alpha").op("Elu").attr(attrFloat("alpha", 0.7f)).feedScaled("x", 2f, 4, 9).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Elu small negatives (expm1)").op("Elu").feedScaled("x", 1e-4f, 64).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Celu").op("Celu").opset(12).attr(attrFloat("alpha", 2f)).feedScaled("x", 3f, 5, 7).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Selu").op("Selu").feedScaled("x", 2f, 5, 7).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Softplus").op("Softplus").feedScaled("x", 20f, 6, 11).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL)
                .build());
        l.add(c("Softsign").op("Softsign").feedScaled("x", 5f, 6, 11).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Mish").op("Mish").opset(18).feedScaled("x", 5f, 6, 11).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL)
                .build());
        l.add(c("HardSwish").op("HardSwish").feedScaled("x", 4f, 6, 11).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("ThresholdedRelu").op("ThresholdedRelu").attr(attrFloat("alpha", 0.5f)).feed("x", 6, 11)
                .out("y", DType.FLOAT).build());
        l.add(c("Shrink float").op("Shrink").attr(attrFloat("lambd", 0.7f)).attr(attrFloat("bias", 0.2f)).feed("x", 4, 9)
                .out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Shrink int32").op("Shrink").attr(attrFloat("lambd", 2f)).attr(attrFloat("bias", 1f))
                .feedInts("x", DType.INT32, -6, 6, 17).out("y", DType.INT32).build());
        l.add(c("Mod fmod float broadcast").op("Mod").attr(attrInt("fmod", 1)).feedScaled("a", 50f, 3, 1, 5)
                .feedUniform("b", 0.5f, 7f, 4, 1).out("y", DType.FLOAT).build());
        l.add(c("Mod fmod float huge quotient (exact)").op("Mod").attr(attrInt("fmod", 1))
                .feed("a", floats(new int[] {4}, 1e30f, -3.4e38f, 7.5f, -0f)).feed("b", floats(new int[] {4}, 3f, 0.1f,
                        -2f, 5f)).out("y", DType.FLOAT).build());
        l.add(c("Mod int python sign").op("Mod").feedInts("a", DType.INT32, -20, 20, 5, 6)
                .feedInts("b", DType.INT32, 1, 7, 6).out("y", DType.INT32).build());
        l.add(c("Mod int64 fmod negative divisor").op("Mod").attr(attrInt("fmod", 1))
                .feedInts("a", DType.INT64, -20, 20, 13).feedInts("b", DType.INT64, -7, -1, 13).out("y", DType.INT64)
                .build());
        l.add(c("BitShift left uint8 wraps").op("BitShift").attr(attrString("direction", "LEFT"))
                .feedInts("x", DType.UINT8, 0, 255, 3, 8).feedInts("s", DType.UINT8, 0, 9, 8).out("y", DType.UINT8)
                .build());
        l.add(c("BitShift right uint16").op("BitShift").attr(attrString("direction", "RIGHT"))
                .feedInts("x", DType.UINT16, 0, 65535, 21).feedInts("s", DType.UINT16, 0, 17, 21).out("y", DType.UINT16)
                .build());
        l.add(c("BitwiseAnd int32 broadcast").op("BitwiseAnd").opset(18).feedInts("a", DType.INT32, -1000, 1000, 4, 5)
                .feedInts("b", DType.INT32, -1000, 1000, 5).out("y", DType.INT32).build());
        l.add(c("BitwiseXor int8").op("BitwiseXor").opset(18).feedInts("a", DType.INT8, -128, 127, 9)
                .feedInts("b", DType.INT8, -128, 127, 9).out("y", DType.INT8).build());
        l.add(c("BitwiseNot uint8").op("BitwiseNot").opset(18).feedInts("a", DType.UINT8, 0, 255, 11)
                .out("y", DType.UINT8).build());
        l.add(c("BitwiseNot int16").op("BitwiseNot").opset(18).feedInts("a", DType.INT16, -3000, 3000, 11)
                .out("y", DType.INT16).build());
        l.add(c("Pow int32 ^ int32 broadcast").op("Pow").feedInts("a", DType.INT32, -6, 6, 4, 5)
                .feedInts("b", DType.INT32, -2, 9, 5).out("y", DType.INT32).build());
        // Integral float exponents (exact integer powers); a non-integral one goes through pow() and may truncate
        // one lower than the reference (MapFn.POW_INT_FLOAT_EXP), so it is not compared exactly here.
        l.add(c("Pow int64 ^ float").op("Pow").feedInts("a", DType.INT64, -9, 9, 12).feed("b", floats(new int[] {12},
                0f, 1f, 2f, 3f, 7f, 9f, 4f, 5f, 6f, 8f, -1f, 10f)).out("y", DType.INT64).build());
        l.add(c("Cast float -> float16 rounding").op("Cast").attr(attrInt("to", 10)).feed("x", floats(new int[] {8},
                1.0009766f, 1.00048828125f, 1.0014648f, 65519f, 65520f, 1e-7f, -3.3333f, 5.96e-8f))
                .out("y", DType.FLOAT16).build());
        l.add(c("Cast float -> bfloat16").op("Cast").attr(attrInt("to", 16)).feedScaled("x", 1000f, 3, 13)
                .out("y", DType.BFLOAT16).build());
        l.add(c("Cast float -> uint8 wraps").op("Cast").attr(attrInt("to", 2)).feed("x", floats(new int[] {8}, 300.7f,
                -1.5f, 255.9f, -300f, 1e10f, Float.NaN, Float.POSITIVE_INFINITY, 65.5f)).out("y", DType.UINT8).build());
        l.add(c("Cast int32 -> int8 wraps").op("Cast").attr(attrInt("to", 3)).feedInts("x", DType.INT32, -1000, 1000, 17)
                .out("y", DType.INT8).build());
        l.add(c("CastLike float -> int16").op("CastLike").opset(15).feedScaled("x", 50000f, 9)
                .feedInts("like", DType.INT16, 0, 1, 1).out("y", DType.INT16).build());
        l.add(c("Sin empty").op("Sin").feed("x", 0, 3).out("y", DType.FLOAT).build());
    }

    private static void movement(List<Case> l) {
        l.add(c("Tile").op("Tile").feed("x", 2, 1, 3).initLongs("r", 2, 3, 1).out("y", DType.FLOAT).build());
        l.add(c("Tile int64 zero repeat (empty)").op("Tile").feedInts("x", DType.INT64, -9, 9, 3, 2).initLongs("r", 0, 2)
                .out("y", DType.INT64).build());
        l.add(c("DepthToSpace DCR").op("DepthToSpace").attr(attrInt("blocksize", 2)).feed("x", 2, 12, 3, 5)
                .out("y", DType.FLOAT).build());
        l.add(c("DepthToSpace CRD").op("DepthToSpace").attr(attrInt("blocksize", 3)).attr(attrString("mode", "CRD"))
                .feed("x", 1, 18, 2, 3).out("y", DType.FLOAT).build());
        l.add(c("SpaceToDepth").op("SpaceToDepth").attr(attrInt("blocksize", 2)).feed("x", 2, 3, 4, 6)
                .out("y", DType.FLOAT).build());
        l.add(c("Pad constant runtime value, crop").op("Pad").feed("x", 3, 5).initLongs("pads", 1, -1, 2, 3)
                .feed("v", floats(new int[0], -7.5f)).out("y", DType.FLOAT).build());
        l.add(c("Pad edge").op("Pad").attr(attrString("mode", "edge")).feed("x", 2, 3, 4)
                .initLongs("pads", 0, 2, 1, 0, 1, 3).out("y", DType.FLOAT).build());
        l.add(c("Pad reflect int32").op("Pad").attr(attrString("mode", "reflect")).feedInts("x", DType.INT32, -9, 9, 4, 5)
                .initLongs("pads", 3, 4, 2, 1).out("y", DType.INT32).build());
        l.add(c("Pad wrap with axes").op("Pad").opset(19).attr(attrString("mode", "wrap")).feed("x", 2, 3, 4)
                .initLongs("pads", 2, 5, 1, 3).none().initLongs("axes", -1, 1).out("y", DType.FLOAT).build());
        l.add(c("Trilu upper k=-1 batched").op("Trilu").feed("x", 2, 4, 6).initLongs("k", new int[0], -1)
                .out("y", DType.FLOAT).build());
        l.add(c("Trilu lower k=2 int64").op("Trilu").attr(attrInt("upper", 0)).feedInts("x", DType.INT64, -9, 9, 5, 3)
                .initLongs("k", new int[0], 2).out("y", DType.INT64).build());
        l.add(c("Trilu k beyond the matrix").op("Trilu").feed("x", 3, 4).initLongs("k", new int[0], 100)
                .out("y", DType.FLOAT).build());
        l.add(c("OneHot float indices, negative, axis 1").op("OneHot").attr(attrInt("axis", 1))
                .feed("i", floats(new int[] {2, 3}, 0f, -1f, 2.7f, 5f, -6f, 1f)).initLongs("d", new int[0], 4)
                .feed("v", floats(new int[] {2}, -1f, 3f)).out("y", DType.FLOAT).build());
        l.add(c("OneHot int64 last axis").op("OneHot").feedInts("i", DType.INT64, -7, 7, 3, 5)
                .initLongs("d", new int[0], 7).feedInts("v", DType.INT64, 0, 9, 2).out("y", DType.INT64).build());
        l.add(c("Range (folded at compile time)").op("Range").initLongs("s", new int[0], 3)
                .initLongs("lim", new int[0], 20).initLongs("dl", new int[0], 4).out("y", DType.INT64).build());
        l.add(c("Dropout mask").op("Dropout").feed("x", 3, 5).out("y", DType.FLOAT).out("mask", DType.BOOL).build());
    }

    private static void selection(List<Case> l) {
        l.add(c("Hardmax axis 1").op("Hardmax").attr(attrInt("axis", 1)).feed("x", 3, 7, 5).out("y", DType.FLOAT).build());
        l.add(c("Hardmax ties first").op("Hardmax").feed("x", floats(new int[] {2, 4}, 1f, 3f, 3f, 0f, 2f, 2f, 2f, 2f))
                .out("y", DType.FLOAT).build());
        l.add(c("Hardmax opset 11 coerced").op("Hardmax").opset(11).attr(attrInt("axis", 1)).feed("x", 2, 3, 4)
                .out("y", DType.FLOAT).build());
        l.add(c("CumSum exclusive reverse").op("CumSum").attr(attrInt("exclusive", 1)).attr(attrInt("reverse", 1))
                .feed("x", 4, 33, 3).initLongs("axis", new int[0], 1).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("CumSum int32 axis -1").op("CumSum").feedInts("x", DType.INT32, -50, 50, 3, 17)
                .initLongs("axis", new int[0], -1).out("y", DType.INT32).build());
    }

    private static void scatterGather(List<Case> l) {
        l.add(c("GatherElements axis 1 negative").op("GatherElements").attr(attrInt("axis", 1)).feed("x", 3, 5, 4)
                .feedInts("i", DType.INT64, -5, 4, 3, 7, 4).out("y", DType.FLOAT).build());
        l.add(c("GatherElements int32 data axis 0").op("GatherElements").feedInts("x", DType.INT32, -99, 99, 4, 3)
                .feedInts("i", DType.INT32, 0, 3, 2, 3).out("y", DType.INT32).build());
        l.add(c("ScatterElements add duplicates").op("ScatterElements").opset(16).attr(attrInt("axis", 1))
                .attr(attrString("reduction", "add")).feed("x", 3, 6).feedInts("i", DType.INT64, -6, 5, 3, 9)
                .feed("u", 3, 9).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("ScatterElements max int").op("ScatterElements").opset(18).attr(attrString("reduction", "max"))
                .feedInts("x", DType.INT32, -9, 9, 5, 2).feedInts("i", DType.INT64, 0, 4, 7, 2)
                .feedInts("u", DType.INT32, -20, 20, 7, 2).out("y", DType.INT32).build());
        l.add(c("Scatter opset 10").op("Scatter").opset(10).attr(attrInt("axis", 0)).feed("x", 4, 3)
                .feed("i", Tensor.ofLongs(new int[] {2, 3}, new long[] {1, 0, 2, 0, 2, 1})).feed("u", 2, 3)
                .out("y", DType.FLOAT).build());
        l.add(c("ScatterND slices").op("ScatterND").feed("x", 4, 3, 5)
                .feed("i", Tensor.ofLongs(new int[] {2, 1}, new long[] {2, -4})).feed("u", 2, 3, 5).out("y", DType.FLOAT)
                .build());
        l.add(c("ScatterND mul duplicates").op("ScatterND").opset(16).attr(attrString("reduction", "mul"))
                .feed("x", 3, 4).feed("i", Tensor.ofLongs(new int[] {4, 2}, new long[] {0, 1, 2, 3, 0, 1, 1, 1}))
                .feed("u", 4).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("ScatterND no updates").op("ScatterND").feed("x", 3, 2)
                .feed("i", Tensor.ofLongs(new int[] {0, 1}, new long[0])).feed("u", 0, 2).out("y", DType.FLOAT).build());
    }

    private static void conv(List<Case> l) {
        l.add(c("Conv 2D bias stride pads").op("Conv").attr(attrInts("strides", true, 2, 1))
                .attr(attrInts("pads", true, 1, 0, 2, 1)).feed("x", 2, 3, 9, 7).feed("w", 5, 3, 3, 2).feed("b", 5)
                .out("y", DType.FLOAT).products(18).build());
        l.add(c("Conv dilations group 2").op("Conv").attr(attrInt("group", 2)).attr(attrInts("dilations", true, 2, 2))
                .attr(attrString("auto_pad", "SAME_UPPER")).feed("x", 1, 4, 8, 9).feed("w", 6, 2, 3, 3)
                .out("y", DType.FLOAT).products(18).build());
        l.add(c("Conv depthwise").op("Conv").attr(attrInt("group", 7)).attr(attrInts("pads", true, 1, 1, 1, 1))
                .feed("x", 1, 7, 6, 5).feed("w", 7, 1, 3, 3).feed("b", 7).out("y", DType.FLOAT).products(9).build());
        l.add(c("Conv 1D SAME_LOWER").op("Conv").attr(attrString("auto_pad", "SAME_LOWER"))
                .attr(attrInts("strides", true, 2)).feed("x", 3, 2, 11).feed("w", 4, 2, 4).out("y", DType.FLOAT)
                .products(8).build());
        l.add(c("Conv 3D").op("Conv").feed("x", 1, 2, 4, 5, 3).feed("w", 3, 2, 2, 3, 2).out("y", DType.FLOAT)
                .products(24).build());
        l.add(c("Conv 1x1 many channels").op("Conv").feed("x", 2, 37, 5, 3).feed("w", 19, 37, 1, 1).feed("b", 19)
                .out("y", DType.FLOAT).products(37).build());
        l.add(c("ConvTranspose stride pads output_padding").op("ConvTranspose").attr(attrInts("strides", true, 3, 2))
                .attr(attrInts("pads", true, 1, 0, 1, 1)).attr(attrInts("output_padding", true, 1, 0))
                .feed("x", 2, 3, 4, 5).feed("w", 3, 2, 3, 3).feed("b", 2).out("y", DType.FLOAT).products(27).build());
        l.add(c("ConvTranspose group dilations").op("ConvTranspose").attr(attrInt("group", 2))
                .attr(attrInts("dilations", true, 2, 1)).feed("x", 1, 4, 3, 3).feed("w", 4, 3, 2, 2)
                .out("y", DType.FLOAT).products(8).build());
        l.add(c("ConvTranspose output_shape 1D").op("ConvTranspose").attr(attrInts("strides", true, 2))
                .attr(attrInts("output_shape", true, 12)).feed("x", 1, 2, 5).feed("w", 2, 3, 3).out("y", DType.FLOAT)
                .products(6).build());
    }

    private static void pools(List<Case> l) {
        l.add(c("MaxPool ceil pads dilations").op("MaxPool").opset(12).attr(attrInts("kernel_shape", true, 3, 2))
                .attr(attrInts("strides", true, 2, 2)).attr(attrInts("pads", true, 1, 0, 1, 1))
                .attr(attrInts("dilations", true, 1, 2)).attr(attrInt("ceil_mode", 1)).feed("x", 2, 3, 9, 8)
                .out("y", DType.FLOAT).build());
        l.add(c("MaxPool indices column-major").op("MaxPool").opset(12).attr(attrInts("kernel_shape", true, 2, 2))
                .attr(attrInt("storage_order", 1)).feed("x", 2, 2, 5, 4).out("y", DType.FLOAT).out("i", DType.INT64)
                .build());
        l.add(c("MaxPool int8 1D").op("MaxPool").opset(12).attr(attrInts("kernel_shape", true, 3))
                .attr(attrString("auto_pad", "SAME_UPPER")).feedInts("x", DType.INT8, -128, 127, 2, 3, 10)
                .out("y", DType.INT8).build());
        l.add(c("AveragePool count_include_pad").op("AveragePool").attr(attrInts("kernel_shape", true, 3, 3))
                .attr(attrInts("pads", true, 1, 2, 1, 0)).attr(attrInt("count_include_pad", 1)).feed("x", 1, 3, 7, 6)
                .out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("AveragePool ceil exclude pad 3D").op("AveragePool").attr(attrInts("kernel_shape", true, 2, 3, 2))
                .attr(attrInts("strides", true, 2, 2, 2)).attr(attrInt("ceil_mode", 1)).feed("x", 1, 2, 5, 7, 5)
                .out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("LpPool p=3").op("LpPool").opset(18).attr(attrInts("kernel_shape", true, 2, 2)).attr(attrInt("p", 3))
                .feed("x", 1, 2, 5, 5).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("GlobalAveragePool").op("GlobalAveragePool").feed("x", 2, 5, 7, 9).out("y", DType.FLOAT).tol(Tol.ROWS)
                .build());
        l.add(c("GlobalMaxPool 1D").op("GlobalMaxPool").feed("x", 3, 4, 11).out("y", DType.FLOAT).build());
        l.add(c("GlobalLpPool p=2").op("GlobalLpPool").feed("x", 2, 3, 4, 5).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("GlobalLpPool p=1").op("GlobalLpPool").attr(attrInt("p", 1)).feed("x", 2, 3, 4, 5).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
    }

    private static void norms(List<Case> l) {
        l.add(c("BatchNormalization inference").op("BatchNormalization").feed("x", 2, 5, 3, 7).feed("s", 5).feed("b", 5)
                .feed("m", 5).feedUniform("v", 0.5f, 2f, 5).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("BatchNormalization training").op("BatchNormalization").opset(15).attr(attrInt("training_mode", 1))
                .attr(attrFloat("momentum", 0.8f)).feed("x", 3, 4, 5).feed("s", 4).feed("b", 4).feed("m", 4)
                .feedUniform("v", 0.5f, 2f, 4).out("y", DType.FLOAT).out("rm", DType.FLOAT).out("rv", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("InstanceNormalization").op("InstanceNormalization").attr(attrFloat("epsilon", 1e-3f))
                .feed("x", 2, 3, 5, 7).feed("s", 3).feed("b", 3).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("GroupNormalization opset 18 per group").op("GroupNormalization").opset(18)
                .attr(attrInt("num_groups", 2)).feed("x", 2, 6, 3, 3).feed("s", 2).feed("b", 2).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("GroupNormalization opset 21 per channel").op("GroupNormalization").opset(21)
                .attr(attrInt("num_groups", 3)).feed("x", 1, 6, 10).feed("s", 6).feed("b", 6).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("MeanVarianceNormalization").op("MeanVarianceNormalization").feed("x", 3, 2, 4, 5)
                .out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("LpNormalization p=1 axis 0").op("LpNormalization").attr(attrInt("p", 1)).attr(attrInt("axis", 0))
                .feed("x", 5, 7).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("LpNormalization p=2 with a zero row").op("LpNormalization")
                .feed("x", floats(new int[] {2, 3}, 0f, 0f, 0f, 3f, -4f, 12f)).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("LRN size 4").op("LRN").attr(attrInt("size", 4)).attr(attrFloat("alpha", 0.01f))
                .attr(attrFloat("beta", 0.6f)).attr(attrFloat("bias", 2f)).feed("x", 2, 7, 3, 4).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("LayerNormalization mean and inv std outputs").op("LayerNormalization").attr(attrInt("axis", 1))
                .feed("x", 3, 4, 5).feed("s", 4, 5).feed("b", 5).out("y", DType.FLOAT).out("mean", DType.FLOAT)
                .out("inv", DType.FLOAT).tol(Tol.ROWS).build());
    }

    private static void einsum(List<Case> l) {
        l.add(c("Einsum matmul").op("Einsum").attr(attrString("equation", "ij,jk->ik")).feed("a", 5, 7).feed("b", 7, 3)
                .out("y", DType.FLOAT).products(7).build());
        l.add(c("Einsum batched, implicit output").op("Einsum").attr(attrString("equation", "bij,bjk"))
                .feed("a", 2, 3, 4).feed("b", 2, 4, 5).out("y", DType.FLOAT).products(4).build());
        l.add(c("Einsum ellipsis broadcast").op("Einsum").attr(attrString("equation", "...ij,...jk->...ik"))
                .feed("a", 3, 1, 2, 4).feed("b", 5, 4, 3).out("y", DType.FLOAT).products(4).build());
        l.add(c("Einsum diagonal").op("Einsum").attr(attrString("equation", "ii->i")).feed("a", 6, 6)
                .out("y", DType.FLOAT).build());
        l.add(c("Einsum trace to scalar").op("Einsum").attr(attrString("equation", "ii")).feed("a", 5, 5)
                .out("y", DType.FLOAT).products(5).build());
        l.add(c("Einsum three operands").op("Einsum").attr(attrString("equation", "ij,jk,kl->il")).feed("a", 2, 3)
                .feed("b", 3, 4).feed("c", 4, 5).out("y", DType.FLOAT).products(12).build());
        l.add(c("Einsum outer product").op("Einsum").attr(attrString("equation", "i,j->ij")).feed("a", 4).feed("b", 3)
                .out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Einsum int32 transpose-sum").op("Einsum").attr(attrString("equation", "ijk->kj"))
                .feedInts("a", DType.INT32, -50, 50, 3, 4, 5).out("y", DType.INT32).build());
    }

    private static void quant(List<Case> l) {
        l.add(c("QuantizeLinear uint8 per tensor").op("QuantizeLinear").feedScaled("x", 100f, 4, 9)
                .feed("s", floats(new int[0], 0.7f)).feed("z", Tensor.ofLongs(DType.UINT8, new int[0], new long[] {100}))
                .out("y", DType.UINT8)
                .build());
        l.add(c("QuantizeLinear int8 per axis").op("QuantizeLinear").attr(attrInt("axis", 1)).feedScaled("x", 100f, 2, 3, 5)
                .feed("s", floats(new int[] {3}, 0.5f, 1.3f, 2f)).feedInts("z", DType.INT8, -10, 10, 3)
                .out("y", DType.INT8).build());
        l.add(c("DequantizeLinear per axis").op("DequantizeLinear").attr(attrInt("axis", 0))
                .feedInts("x", DType.UINT8, 0, 255, 3, 7).feed("s", floats(new int[] {3}, 0.1f, 0.02f, 3f))
                .feedInts("z", DType.UINT8, 0, 255, 3).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        // y_scale is one f32 division, which WGSL computes within 2.5 ulp (ARITH); y and y_zero_point are integers and
        // compared exactly (they follow from the GPU's own scale).
        l.add(c("DynamicQuantizeLinear").op("DynamicQuantizeLinear").feedScaled("x", 3f, 5, 9).out("y", DType.UINT8)
                .out("scale", DType.FLOAT).out("zp", DType.UINT8).tol(Tol.ARITH).build());
        l.add(c("DynamicQuantizeLinear positive only").op("DynamicQuantizeLinear").feedUniform("x", 1f, 7f, 13)
                .out("y", DType.UINT8).out("scale", DType.FLOAT).out("zp", DType.UINT8).tol(Tol.ARITH).build());
        l.add(c("MatMulInteger zero points, batch broadcast").op("MatMulInteger").feedInts("a", DType.UINT8, 0, 255, 2, 3, 5)
                .feedInts("b", DType.UINT8, 0, 255, 5, 4).feedInts("za", DType.UINT8, 0, 255, 3)
                .feedInts("zb", DType.UINT8, 120, 130, 1).out("y", DType.INT32).build());
        l.add(c("MatMulInteger int8 K=300").op("MatMulInteger").feedInts("a", DType.INT8, -128, 127, 3, 300)
                .feedInts("b", DType.INT8, -128, 127, 300, 2).out("y", DType.INT32).build());
    }
}
