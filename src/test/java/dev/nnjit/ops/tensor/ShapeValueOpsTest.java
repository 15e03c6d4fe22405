package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ops that produce shapes or values: Shape, Size, ConstantOfShape, Constant, Range, NonZero, Identity, Dropout. */
class ShapeValueOpsTest {
    private static final Tensor X = tensor(DType.FLOAT, sh(3, 4, 5), new double[60]);

    // ---- Shape / Size ----

    @Test void shapeWithStartEnd() {
        assertLongs(sh(3), new long[] {3, 4, 5}, run("Shape", 13, none(), X));
        assertLongs(sh(3), new long[] {3, 4, 5}, run("Shape", 15, none(), X));
        assertLongs(sh(2), new long[] {4, 5}, run("Shape", 15, attrs(i("start", 1)), X));
        assertLongs(sh(1), new long[] {5}, run("Shape", 15, attrs(i("start", -1)), X));
        assertLongs(sh(2), new long[] {3, 4}, run("Shape", 15, attrs(i("end", -1)), X));
        assertLongs(sh(1), new long[] {4}, run("Shape", 15, attrs(i("start", 1), i("end", 2)), X));
        // Clamping (test_shape_clip_start / clip_end) and empty ranges.
        assertLongs(sh(3), new long[] {3, 4, 5}, run("Shape", 15, attrs(i("start", -10), i("end", 10)), X));
        assertArrayEquals(sh(0), run("Shape", 15, attrs(i("start", 2), i("end", 1)), X).shape());
        // start/end are opset 15 attributes: ignored before.
        assertLongs(sh(3), new long[] {3, 4, 5}, run("Shape", 13, attrs(i("start", 1)), X));
        assertArrayEquals(sh(0), run("Shape", 15, none(), Tensor.scalar(1)).shape());
    }

    @Test void sizeOfAnyTensor() {
        assertEquals(60L, run("Size", 13, none(), X).longs()[0]);
        assertArrayEquals(sh(), run("Size", 13, none(), X).shape());
        assertEquals(0L, run("Size", 13, none(), bools(sh(2, 0))).longs()[0]);
        assertEquals(1L, run("Size", 13, none(), scalarL(9)).longs()[0]);
    }

    @Test void shapeAndSizeTypeRulesAndValuesFromTypes() {
        TensorType sym = type(DType.FLOAT, sym("b"), d(4), d(5));
        assertEquals(type(DType.INT64, 3), infer1("Shape", 15, none(), types(sym)));
        assertEquals(type(DType.INT64, 2), infer1("Shape", 15, attrs(i("start", 1)), types(sym)));
        assertEquals(type(DType.INT64, unk()), infer1("Shape", 15, none(), types(unranked(DType.FLOAT))));
        assertEquals(scalarType(DType.INT64), infer1("Size", 13, none(), types(sym)));
        // Values that follow from static types alone (what lets the compiler fold Shape of a runtime input).
        OpContext staticCtx = typed("Shape", 15, attrs(i("start", 1)), type(DType.FLOAT, 2, 7, 9));
        assertLongs(sh(2), new long[] {7, 9}, ShapeOp.fromType(staticCtx));
        assertLongs(sh(1), new long[] {4}, ShapeOp.fromType(typed("Shape", 15, attrs(i("start", 1), i("end", 2)), sym)));
        assertNull(ShapeOp.fromType(typed("Shape", 15, none(), sym)));
        assertEquals(126L, Size.fromType(typed("Size", 13, none(), type(DType.FLOAT, 2, 7, 9))).longs()[0]);
        assertNull(Size.fromType(typed("Size", 13, none(), sym)));
    }

    private static OpContext typed(String op, int opset, Map<String, Attribute> attrs, TensorType t) {
        return new OpContext(op + "_test", op, opset, attrs, new TensorType[] {t}, new Tensor[1], 1);
    }

    // ---- ConstantOfShape ----

    @Test void constantOfShape() {
        assertFloats(sh(2, 3), new float[6], run("ConstantOfShape", 9, none(), vec(2, 3)));
        assertLongs(sh(2), new long[] {7, 7}, run("ConstantOfShape", 9, attrs(t("value", vec(7))), vec(2)));
        assertTensor(bools(sh(1, 2), true, true), run("ConstantOfShape", 20, attrs(t("value", bools(sh(1), true))), vec(1, 2)));
        assertTensor(tensor(DType.FLOAT16, sh(3), 0.5, 0.5, 0.5), run("ConstantOfShape", 9, attrs(t("value", tensor(DType.FLOAT16, sh(1), 0.5))), vec(3)));
        // test_constantofshape_int_shape_zero: a 0 dim; an empty shape gives a scalar.
        assertArrayEquals(sh(0), run("ConstantOfShape", 9, attrs(t("value", tensor(DType.INT32, sh(1), 0))), vec(0)).shape());
        assertArrayEquals(sh(), run("ConstantOfShape", 9, none(), vec()).shape());
    }

    @Test void constantOfShapeErrorsAndTypes() {
        assertOpError("negative dimension", () -> run("ConstantOfShape", 9, none(), vec(2, -1)));
        assertOpError("exactly one element", () -> run("ConstantOfShape", 9, attrs(t("value", vec(1, 2))), vec(2)));
        assertEquals(type(DType.INT64, unk(), unk()),
                infer1("ConstantOfShape", 9, attrs(t("value", vec(1))), types(type(DType.INT64, 2))));
        assertEquals(unranked(DType.FLOAT), infer1("ConstantOfShape", 9, none(), types(type(DType.INT64, sym("r")))));
        assertEquals(type(DType.FLOAT, 4, 2), infer1("ConstantOfShape", 9, none(), types(type(DType.INT64, 2)), vec(4, 2)));
    }

    // ---- Constant ----

    @Test void constantAllValueKinds() {
        Tensor v = floats(sh(2), 1, 2);
        assertSame(v, run("Constant", 13, attrs(t("value", v))));
        assertFloats(sh(), new float[] {1.5f}, run("Constant", 13, attrs(f("value_float", 1.5f))));
        assertFloats(sh(2), new float[] {1.5f, 2}, run("Constant", 13, attrs(floatsAttr("value_floats", 1.5f, 2))));
        assertLongs(sh(), new long[] {-3}, run("Constant", 13, attrs(i("value_int", -3))));
        assertLongs(sh(3), new long[] {1, 2, 3}, run("Constant", 13, attrs(ints("value_ints", 1, 2, 3))));
        assertArrayEquals(sh(0), run("Constant", 13, attrs(ints("value_ints"))).shape());
    }

    @Test void constantErrors() {
        assertOpError("not supported", () -> run("Constant", 13, attrs(s("value_string", "hi"))));
        assertOpError("not supported", () -> run("Constant", 13, attrs(Attribute.ofStrings("value_strings", List.of("a")))));
        assertOpError("not supported", () -> run("Constant", 13, attrs(Attribute.ofUnsupported("sparse_value", Attribute.Type.SPARSE_TENSOR))));
        assertOpError("no value attribute", () -> run("Constant", 13, none()));
        assertOpError("exactly one value", () -> run("Constant", 13, attrs(i("value_int", 1), f("value_float", 1))));
    }

    // ---- Range ----

    @Test void rangeOnnxExamples() {
        // test_range_float_type_positive_delta: 1, 5, 2 -> [1, 3].
        assertFloats(sh(2), new float[] {1, 3}, run("Range", 11, none(), Tensor.scalar(1), Tensor.scalar(5), Tensor.scalar(2)));
        // test_range_int32_type_negative_delta: 10, 6, -3 -> [10, 7].
        Tensor r = run("Range", 11, none(), tensor(DType.INT32, sh(), 10), tensor(DType.INT32, sh(), 6), tensor(DType.INT32, sh(), -3));
        assertTensor(tensor(DType.INT32, sh(2), 10, 7), r);
        assertLongs(sh(5), new long[] {0, 1, 2, 3, 4}, run("Range", 11, none(), scalarL(0), scalarL(5), scalarL(1)));
        assertLongs(sh(2), new long[] {0, 3}, run("Range", 11, none(), scalarL(0), scalarL(5), scalarL(3)));
        assertArrayEquals(sh(0), run("Range", 11, none(), scalarL(5), scalarL(0), scalarL(1)).shape());
        assertArrayEquals(sh(0), run("Range", 11, none(), scalarL(3), scalarL(3), scalarL(-1)).shape());
        assertLongs(sh(3), new long[] {-1, -3, -5}, run("Range", 11, none(), scalarL(-1), scalarL(-6), scalarL(-2)));
        // Float count: ceil((1.0 - 0.0) / 0.3) = 4.
        Tensor fr = run("Range", 11, none(), Tensor.scalar(0), Tensor.scalar(1), Tensor.scalar(0.3f));
        assertFloats(sh(4), new float[] {0, (float) (0.3f * 1.0), (float) (0.3f * 2.0), (float) (0.3f * 3.0)}, fr);
    }

    @Test void rangeMatchesSimpleLoopOnManyArguments() {
        for (long s = -6; s <= 6; s++) {
            for (long l = -6; l <= 6; l++) {
                for (long dlt : new long[] {-3, -2, -1, 1, 2, 3}) {
                    int n = 0;
                    long[] expect = new long[13];
                    for (long v = s; dlt > 0 ? v < l : v > l; v += dlt) expect[n++] = v;
                    assertLongs(sh(n), java.util.Arrays.copyOf(expect, n), run("Range", 11, none(), scalarL(s), scalarL(l), scalarL(dlt)));
                }
            }
        }
    }

    @Test void rangeErrorsAndTypes() {
        assertOpError("delta cannot be 0", () -> run("Range", 11, none(), scalarL(0), scalarL(5), scalarL(0)));
        assertOpError("dtype", () -> run("Range", 11, none(), scalarL(0), Tensor.scalar(5), scalarL(1)));
        assertOpError("scalar", () -> run("Range", 11, none(), vec(0, 1), scalarL(5), scalarL(1)));
        assertOpError("numeric", () -> run("Range", 11, none(), bools(sh(), true), bools(sh(), true), bools(sh(), true)));
        TensorType s = scalarType(DType.INT64);
        assertEquals(type(DType.INT64, unk()), infer1("Range", 11, none(), types(s, s, s), scalarL(0), null, scalarL(1)));
        assertEquals(type(DType.INT64, 7), infer1("Range", 11, none(), types(s, s, s), scalarL(0), scalarL(7), scalarL(1)));
    }

    // ---- NonZero ----

    @Test void nonZero() {
        // test_nonzero_example: [[1, 0], [1, 1]] -> [[0, 1, 1], [0, 0, 1]].
        assertLongs(sh(2, 3), new long[] {0, 1, 1, 0, 0, 1}, run("NonZero", 9, none(), bools(sh(2, 2), true, false, true, true)));
        assertLongs(sh(1, 2), new long[] {1, 3}, run("NonZero", 13, none(), floats(sh(4), 0, 2, 0, -1)));
        assertArrayEquals(sh(2, 0), run("NonZero", 13, none(), longs(sh(2, 2), 0, 0, 0, 0)).shape());
        assertLongs(sh(1, 1), new long[] {0}, run("NonZero", 13, none(), scalarL(3)));
        assertArrayEquals(sh(1, 0), run("NonZero", 13, none(), scalarL(0)).shape());
        assertEquals(type(DType.INT64, d(3), unk()), infer1("NonZero", 13, none(), types(type(DType.FLOAT, sym("b"), d(2), d(2)))));
    }

    // ---- Identity / Dropout ----

    @Test void identityReturnsInput() {
        Tensor b = bools(sh(2), true, false);
        assertSame(b, run("Identity", 13, none(), b));
        assertEquals(type(DType.FLOAT, sym("b")), infer1("Identity", 13, none(), types(type(DType.FLOAT, sym("b")))));
    }

    @Test void dropoutInferenceIsIdentityWithTrueMask() {
        Tensor x = floats(sh(2, 2), 1, 2, 3, 4);
        assertSame(x, run("Dropout", 13, none(), x));
        Tensor[] o = runN("Dropout", 13, none(), 2, x, Tensor.scalar(0.5f));
        assertSame(x, o[0]);
        assertTensor(bools(sh(2, 2), true, true, true, true), o[1]);
        // Training mode with ratio 0 is the identity too (test_training_dropout_zero_ratio_mask).
        o = runN("Dropout", 13, none(), 2, x, Tensor.scalar(0f), bools(sh(), true));
        assertTensor(bools(sh(2, 2), true, true, true, true), o[1]);
        // Opset 7-9: the mask has the input's dtype.
        o = runN("Dropout", 7, attrs(f("ratio", 0.2f)), 2, x);
        assertFloats(sh(2, 2), new float[] {1, 1, 1, 1}, o[1]);
        o = runN("Dropout", 10, attrs(f("ratio", 0.2f)), 2, x);
        assertEquals(DType.BOOL, o[1].dtype());
        assertSame(x, run("Dropout", 6, attrs(i("is_test", 0)), x));
    }

    @Test void dropoutTrainingModeIsRejected() {
        Tensor x = floats(sh(2), 1, 2);
        assertOpError("training-mode", () -> run("Dropout", 13, none(), x, Tensor.scalar(0.5f), bools(sh(), true)));
        assertOpError("training-mode", () -> run("Dropout", 13, none(), x, null, bools(sh(), true)));
        // training_mode not known at compile time: the type rule defers to run time.
        TensorType[] t = infer("Dropout", 13, none(), 2, types(type(DType.FLOAT, sym("b")), scalarType(DType.FLOAT), scalarType(DType.BOOL)));
        assertEquals(type(DType.BOOL, sym("b")), t[1]);
    }
}
