package dev.nnjit.ops.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpException;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Shared helpers for the tensor op family's tests: building attributes and tensors of any dtype, running an op
 * through both its type rule and its reference (checking that they agree), coordinate arithmetic for the tests'
 * own straightforward reference implementations, and error assertions.
 */
final class TensorOpTestSupport {
    private TensorOpTestSupport() {}

    /** Dtypes covering every storage kind (and narrow float/int types) that data-movement ops must handle. */
    static final DType[] ALL_DTYPES = {
        DType.FLOAT, DType.FLOAT16, DType.BFLOAT16, DType.INT64, DType.INT32, DType.INT8, DType.UINT8, DType.BOOL
    };

    // ---- ops ----

    static OpDef op(String opType) {
        for (OpDef d : TensorOps.all()) if (d.opType().equals(opType)) return d;
        throw new AssertionError("no op " + opType + " in TensorOps.all()");
    }

    /**
     * Runs an op on concrete inputs (null for omitted optional inputs): checks that its type rule, seeing every input
     * as a constant, infers exactly the computed outputs' types, and returns the outputs.
     */
    static Tensor[] runN(String opType, int opset, Map<String, Attribute> attrs, int outputs, Tensor... inputs) {
        OpDef def = op(opType);
        OpContext ctx = OpContext.standalone(opType, opset, attrs, inputs, outputs);
        TensorType[] types = def.inferTypes(ctx);
        Tensor[] outs = def.compute(ctx, inputs);
        assertTrue(outs.length >= outputs, opType + " produced " + outs.length + " outputs, expected " + outputs);
        assertTrue(types.length >= outputs, opType + " inferred " + types.length + " types, expected " + outputs);
        for (int i = 0; i < outputs; i++) {
            assertEquals(TensorType.of(outs[i]), types[i], opType + " output " + i + ": type rule disagrees with the reference");
        }
        return outs;
    }

    static Tensor run(String opType, int opset, Map<String, Attribute> attrs, Tensor... inputs) {
        return runN(opType, opset, attrs, 1, inputs)[0];
    }

    /** The type rule alone, on declared input types and the given constant inputs (nulls: not constant). */
    static TensorType[] infer(String opType, int opset, Map<String, Attribute> attrs, int outputs,
                              TensorType[] types, Tensor... constants) {
        Tensor[] consts = Arrays.copyOf(constants, types.length);
        return op(opType).inferTypes(new OpContext(opType + "_test", opType, opset, attrs, types, consts, outputs));
    }

    static TensorType infer1(String opType, int opset, Map<String, Attribute> attrs, TensorType[] types, Tensor... constants) {
        return infer(opType, opset, attrs, 1, types, constants)[0];
    }

    /** Asserts that running throws an OpException naming the test node and containing {@code fragment}. */
    static OpException assertOpError(String fragment, Runnable r) {
        OpException e = assertThrows(OpException.class, r::run);
        assertTrue(e.getMessage().contains("_test'"), "error does not name the node: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "error '" + e.getMessage() + "' lacks '" + fragment + "'");
        return e;
    }

    // ---- attributes ----

    static Map<String, Attribute> attrs(Attribute... as) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (Attribute a : as) m.put(a.name(), a);
        return m;
    }

    static Map<String, Attribute> none() { return attrs(); }
    static Attribute i(String name, long v) { return Attribute.ofInt(name, v); }
    static Attribute f(String name, float v) { return Attribute.ofFloat(name, v); }
    static Attribute s(String name, String v) { return Attribute.ofString(name, v); }
    static Attribute ints(String name, long... v) { return Attribute.ofInts(name, v); }
    static Attribute floatsAttr(String name, float... v) { return Attribute.ofFloats(name, v); }
    static Attribute t(String name, Tensor v) { return Attribute.ofTensor(name, v); }

    // ---- tensors ----

    static int[] sh(int... dims) { return dims; }

    static Tensor floats(int[] shape, float... v) { return Tensor.ofFloats(shape, v); }
    static Tensor longs(int[] shape, long... v) { return Tensor.ofLongs(shape, v); }
    static Tensor vec(long... v) { return Tensor.vector(v); }
    static Tensor scalarL(long v) { return Tensor.scalarLong(v); }
    static Tensor bools(int[] shape, boolean... v) { return Tensor.ofBools(shape, v); }

    /** A tensor of any supported dtype from doubles (rounded to float16/bfloat16, truncated and wrapped for ints). */
    static Tensor tensor(DType dt, int[] shape, double... v) {
        int n = Tensor.checkedSize(shape, "test tensor");
        assertEquals(n, v.length, "value count for shape " + Arrays.toString(shape));
        switch (dt.storage) {
            case FLOAT: {
                float[] a = new float[n];
                for (int k = 0; k < n; k++) a[k] = roundFloat(dt, (float) v[k]);
                return Tensor.of(dt, shape, a);
            }
            case LONG: {
                long[] a = new long[n];
                for (int k = 0; k < n; k++) a[k] = dt.wrap((long) v[k]);
                return Tensor.of(dt, shape, a);
            }
            default: {
                boolean[] a = new boolean[n];
                for (int k = 0; k < n; k++) a[k] = v[k] != 0;
                return Tensor.of(dt, shape, a);
            }
        }
    }

    static float roundFloat(DType dt, float v) {
        return dt == DType.FLOAT16 ? Float16.roundToHalf(v) : dt == DType.BFLOAT16 ? Float16.roundToBfloat16(v) : v;
    }

    /** Random elements of any dtype: small integers (exact in every dtype) or random bools. */
    static Tensor random(DType dt, int[] shape, Random rnd) {
        int n = Tensor.checkedSize(shape, "random tensor");
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = dt == DType.BOOL ? rnd.nextInt(2) : rnd.nextInt(200) - (dt == DType.UINT8 ? 0 : 100);
        return tensor(dt, shape, v);
    }

    /** Random floats in [-1, 1) (not small integers), for numeric checks. */
    static Tensor randomFloats(int[] shape, Random rnd) {
        float[] a = new float[Tensor.checkedSize(shape, "random tensor")];
        for (int k = 0; k < a.length; k++) a[k] = rnd.nextFloat() * 2 - 1;
        return Tensor.ofFloats(shape, a);
    }

    static int[] randomShape(Random rnd, int rank, int maxDim) {
        int[] s = new int[rank];
        for (int k = 0; k < rank; k++) s[k] = 1 + rnd.nextInt(maxDim);
        return s;
    }

    /** Element k boxed: Float, Long or Boolean. */
    static Object get(Tensor t, int k) {
        switch (t.dtype().storage) {
            case FLOAT: return t.floats()[k];
            case LONG: return t.longs()[k];
            default: return t.bools()[k];
        }
    }

    /** A tensor of {@code shape} whose element k is {@code f.apply(k)} (boxed as {@link #get} returns). */
    static Tensor build(DType dt, int[] shape, IntFunction<Object> f) {
        int n = Tensor.checkedSize(shape, "built tensor");
        switch (dt.storage) {
            case FLOAT: {
                float[] a = new float[n];
                for (int k = 0; k < n; k++) a[k] = (Float) f.apply(k);
                return Tensor.of(dt, shape, a);
            }
            case LONG: {
                long[] a = new long[n];
                for (int k = 0; k < n; k++) a[k] = (Long) f.apply(k);
                return Tensor.of(dt, shape, a);
            }
            default: {
                boolean[] a = new boolean[n];
                for (int k = 0; k < n; k++) a[k] = (Boolean) f.apply(k);
                return Tensor.of(dt, shape, a);
            }
        }
    }

    static int[] unravel(int flat, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = flat % shape[d];
            flat /= shape[d];
        }
        return c;
    }

    static int ravel(int[] coord, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) f = f * shape[d] + coord[d];
        return f;
    }

    // ---- assertions ----

    /** Exact equality of dtype, shape and elements (bitwise for floats, so NaN equals NaN and -0 differs from 0). */
    static void assertTensor(Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), "dtype");
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        for (int k = 0; k < expected.size(); k++) {
            Object e = get(expected, k), a = get(actual, k);
            if (!e.equals(a)) fail("element " + k + " (" + Arrays.toString(unravel(k, expected.shape())) + "): expected " + e + ", got " + a);
        }
    }

    static void assertFloats(int[] shape, float[] expected, Tensor actual) {
        assertTensor(Tensor.ofFloats(shape, expected), actual);
    }

    static void assertLongs(int[] shape, long[] expected, Tensor actual) {
        assertTensor(Tensor.ofLongs(shape, expected), actual);
    }

    // ---- types ----

    static Dim sym(String name) { return Dim.symbol(name); }
    static Dim d(long v) { return Dim.of(v); }
    static Dim unk() { return Dim.unknown(); }
    static TensorType type(DType dt, Dim... dims) { return new TensorType(dt, Shape.of(dims)); }
    static TensorType type(DType dt, int... dims) { return new TensorType(dt, Shape.of(dims)); }
    static TensorType scalarType(DType dt) { return new TensorType(dt, Shape.of(new int[0])); }
    static TensorType unranked(DType dt) { return new TensorType(dt, Shape.unknownRank()); }
    static TensorType[] types(TensorType... t) { return t; }
}
