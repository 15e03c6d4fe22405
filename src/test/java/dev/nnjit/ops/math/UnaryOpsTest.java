package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Elementwise unary ops against double-precision references written from the ONNX formulas.
 *
 * <p>Tolerance: the ops compute in double and round once to float, so each result is within half a float ulp
 * (2^-24 relative) of the double value; 2e-7 relative plus 1e-7 absolute (for results near zero) covers that with
 * the references' own double rounding. The erf reference is an independent Simpson integration (error ~1e-13).
 */
class UnaryOpsTest {
    private static final double RTOL = 2e-7, ATOL = 1e-7;

    static double erfByIntegration(double x) {
        int steps = 4000;
        double h = x / steps, s = 0;
        for (int i = 0; i <= steps; i++) {
            double t = i * h, f = Math.exp(-t * t);
            s += (i == 0 || i == steps) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
        }
        return s * h / 3 * 2 / Math.sqrt(Math.PI);
    }

    static Stream<Arguments> floatOps() {
        return Stream.of(
                Arguments.of("Abs", -5f, 5f, (DoubleUnaryOperator) Math::abs),
                Arguments.of("Neg", -5f, 5f, (DoubleUnaryOperator) x -> -x),
                Arguments.of("Reciprocal", 0.1f, 5f, (DoubleUnaryOperator) x -> 1 / x),
                Arguments.of("Sqrt", 0f, 100f, (DoubleUnaryOperator) Math::sqrt),
                Arguments.of("Exp", -20f, 20f, (DoubleUnaryOperator) Math::exp),
                Arguments.of("Log", 1e-3f, 1e3f, (DoubleUnaryOperator) Math::log),
                Arguments.of("Erf", -5f, 5f, (DoubleUnaryOperator) UnaryOpsTest::erfByIntegration),
                Arguments.of("Floor", -10f, 10f, (DoubleUnaryOperator) Math::floor),
                Arguments.of("Ceil", -10f, 10f, (DoubleUnaryOperator) Math::ceil),
                Arguments.of("Sin", -10f, 10f, (DoubleUnaryOperator) Math::sin),
                Arguments.of("Cos", -10f, 10f, (DoubleUnaryOperator) Math::cos),
                Arguments.of("Tan", -1.5f, 1.5f, (DoubleUnaryOperator) Math::tan),
                Arguments.of("Asin", -1f, 1f, (DoubleUnaryOperator) Math::asin),
                Arguments.of("Acos", -1f, 1f, (DoubleUnaryOperator) Math::acos),
                Arguments.of("Atan", -10f, 10f, (DoubleUnaryOperator) Math::atan),
                Arguments.of("Sinh", -5f, 5f, (DoubleUnaryOperator) x -> (Math.exp(x) - Math.exp(-x)) / 2),
                Arguments.of("Cosh", -5f, 5f, (DoubleUnaryOperator) x -> (Math.exp(x) + Math.exp(-x)) / 2),
                Arguments.of("Asinh", -5f, 5f, (DoubleUnaryOperator) x -> Math.log(x + Math.sqrt(x * x + 1))),
                Arguments.of("Acosh", 1.5f, 10f, (DoubleUnaryOperator) x -> Math.log(x + Math.sqrt(x * x - 1))),
                Arguments.of("Atanh", -0.9f, 0.9f, (DoubleUnaryOperator) x -> 0.5 * Math.log((1 + x) / (1 - x))),
                Arguments.of("Tanh", -10f, 10f, (DoubleUnaryOperator) x -> (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1)),
                Arguments.of("Sigmoid", -20f, 20f, (DoubleUnaryOperator) x -> 1 / (1 + Math.exp(-x))),
                Arguments.of("Relu", -5f, 5f, (DoubleUnaryOperator) x -> Math.max(0, x)),
                Arguments.of("Softplus", -20f, 20f, (DoubleUnaryOperator) x -> Math.log(Math.exp(x) + 1)),
                Arguments.of("Softsign", -5f, 5f, (DoubleUnaryOperator) x -> x / (1 + Math.abs(x))),
                Arguments.of("HardSwish", -5f, 5f, (DoubleUnaryOperator) x -> x * Math.max(0, Math.min(1, x / 6 + 0.5))),
                Arguments.of("Mish", -5f, 5f,
                        (DoubleUnaryOperator) x -> x * Math.tanh(Math.log(1 + Math.exp(x)))),
                Arguments.of("Sign", -5f, 5f, (DoubleUnaryOperator) Math::signum),
                Arguments.of("Elu", -5f, 5f, (DoubleUnaryOperator) x -> x < 0 ? Math.exp(x) - 1 : x),
                Arguments.of("Selu", -5f, 5f, (DoubleUnaryOperator) x -> 1.0507009873554805
                        * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1))),
                Arguments.of("Celu", -5f, 5f, (DoubleUnaryOperator) x -> x > 0 ? x : Math.exp(x) - 1),
                Arguments.of("LeakyRelu", -5f, 5f, (DoubleUnaryOperator) x -> x < 0 ? 0.01f * (float) x : x),
                Arguments.of("ThresholdedRelu", -5f, 5f, (DoubleUnaryOperator) x -> x > 1 ? x : 0),
                Arguments.of("HardSigmoid", -5f, 5f, (DoubleUnaryOperator) x ->
                        Math.max(0, Math.min(1, 0.2f * x + 0.5))),
                Arguments.of("Shrink", -2f, 2f, (DoubleUnaryOperator) x -> x < -0.5 ? x : x > 0.5 ? x : 0),
                Arguments.of("Gelu", -6f, 6f,
                        (DoubleUnaryOperator) x -> 0.5 * x * (1 + erfByIntegration(x / Math.sqrt(2)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floatOps")
    void randomFloatsMatchDoubleReference(String op, float lo, float hi, DoubleUnaryOperator ref) {
        Random r = new Random(op.hashCode());
        Tensor x = randFloats(r, lo, hi, 3, 4, 17);
        Tensor y = run1(op, 17, Map.of(), x);
        assertEquals(DType.FLOAT, y.dtype());
        assertShape(y, 3, 4, 17);
        double[] expected = new double[x.size()];
        for (int i = 0; i < expected.length; i++) expected[i] = ref.applyAsDouble(x.floats()[i]);
        assertClose(expected, y, ATOL, RTOL);
    }

    @Test
    void roundIsHalfToEven() {
        Tensor y = run1("Round", 11, Map.of(), floats(shape(9), 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 0.4f, 2.6f, -3.7f));
        assertFloatsExact(y, 0f, 2f, 2f, -0f, -2f, -2f, 0f, 3f, -4f);
    }

    @Test
    void specialValues() {
        Tensor x = floats(shape(4), Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f);
        assertTrue(Float.isNaN(run1("Relu", 14, Map.of(), x).floats()[0]), "Relu keeps NaN");
        assertFloatsExact(run1("Sigmoid", 13, Map.of(), x), Float.NaN, 1f, 0f, 0.5f);
        assertFloatsExact(run1("Exp", 13, Map.of(), x), Float.NaN, Float.POSITIVE_INFINITY, 0f, 1f);
        assertFloatsExact(run1("Erf", 13, Map.of(), x), Float.NaN, 1f, -1f, -0f);
        assertFloatsExact(run1("Softplus", 13, Map.of(), floats(shape(2), 1000f, -1000f)), 1000f, 0f);
        assertFloatsExact(run1("Tanh", 13, Map.of(), floats(shape(2), 50f, -50f)), 1f, -1f);
    }

    @Test
    void integerUnaryOpsWrapToTheirType() {
        Tensor i8 = Tensor.ofLongs(DType.INT8, shape(4), new long[] {-128, -3, 0, 127});
        Tensor neg = run1("Neg", 13, Map.of(), i8);
        assertEquals(DType.INT8, neg.dtype());
        assertLongs(neg, -128, 3, 0, -127); // -(-128) wraps to -128 in int8, as in C
        assertLongs(run1("Abs", 13, Map.of(), i8), -128, 3, 0, 127);
        assertLongs(run1("Sign", 13, Map.of(), longs(shape(3), -7, 0, 9)), -1, 0, 1);
        assertLongs(run1("Relu", 14, Map.of(), longs(shape(3), -7, 0, 9)), 0, 0, 9);
    }

    @Test
    void attributesChangeTheFunction() {
        Tensor x = floats(shape(4), -2f, -0.5f, 0.5f, 2f);
        assertClose(new double[] {-0.2f * 2f, -0.2f * 0.5f, 0.5, 2},
                run1("LeakyRelu", 16, attrs(floatAttr("alpha", 0.2f)), x), 0, 0);
        assertClose(new double[] {2 * Math.expm1(-2), 2 * Math.expm1(-0.5), 0.5, 2},
                run1("Elu", 6, attrs(floatAttr("alpha", 2f)), x), ATOL, RTOL);
        assertClose(new double[] {0, 0.25, 0.75, 1},
                run1("HardSigmoid", 6, attrs(floatAttr("alpha", 0.5f), floatAttr("beta", 0.5f)), x), ATOL, RTOL);
        assertClose(new double[] {0, 0, 0, 2},
                run1("ThresholdedRelu", 10, attrs(floatAttr("alpha", 0.6f)), x), 0, 0);
        assertClose(new double[] {-1, 0, 0, 1},
                run1("Shrink", 9, attrs(floatAttr("lambd", 1f), floatAttr("bias", 1f)), x), 0, 0);
        double[] tanhGelu = new double[4];
        for (int i = 0; i < 4; i++) {
            double v = x.floats()[i];
            tanhGelu[i] = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
        }
        assertClose(tanhGelu, run1("Gelu", 20, attrs(stringAttr("approximate", "tanh")), x), ATOL, RTOL);
    }

    @Test
    void shrinkOnIntegers() {
        Tensor y = run1("Shrink", 9, attrs(floatAttr("lambd", 1.5f), floatAttr("bias", 1.5f)),
                longs(shape(5), -3, -1, 0, 2, 4));
        assertLongs(y, -1, 0, 0, 0, 2);
    }

    @Test
    void emptyAndScalarInputs() {
        Tensor empty = run1("Exp", 13, Map.of(), Tensor.ofFloats(shape(2, 0, 3), new float[0]));
        assertShape(empty, 2, 0, 3);
        Tensor scalar = run1("Sqrt", 13, Map.of(), Tensor.scalar(9f));
        assertShape(scalar);
        assertFloatsExact(scalar, 3f);
    }

    @Test
    void errors() {
        expectError("expected a float type", "Exp", 13, Map.of(), 1, longs(shape(1), 1));
        expectError("expected a numeric type", "Abs", 13, Map.of(), 1, bools(shape(1), true));
        expectError("approximate", "Gelu", 20, attrs(stringAttr("approximate", "fast")), 1, floats(shape(1), 1f));
        expectError("expects 1 inputs, got 2", "Relu", 14, Map.of(), 1, floats(shape(1), 1f), floats(shape(1), 1f));
        expectError("alpha", "Celu", 12, attrs(floatAttr("alpha", 0f)), 1, floats(shape(1), 1f));
        expectError("must be FLOAT", "LeakyRelu", 16, attrs(Attribute.ofInt("alpha", 1)), 1, floats(shape(1), 1f));
    }
}
