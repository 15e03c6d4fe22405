package dev.nnjit.ops.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpException;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.nn.NnOps;
import dev.nnjit.ops.reduce.ReduceOps;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Shared helpers for the math, reduce and nn op tests: run an op the way the executor does (type rule, then
 * reference, then the executor's check that the computed outputs fit the inferred types), random inputs, and
 * independent double-precision helpers (broadcast reads by coordinates) that the references in tests build on.
 */
public final class MathOpTestSupport {
    private MathOpTestSupport() {}

    private static OpRegistry registry;

    /** The math, reduce and nn families only, so these tests do not depend on the tensor family. */
    public static synchronized OpRegistry registry() {
        if (registry == null) {
            List<OpDef> all = new ArrayList<>(MathOps.all());
            all.addAll(ReduceOps.all());
            all.addAll(NnOps.all());
            registry = new OpRegistry(all);
        }
        return registry;
    }

    public static Map<String, Attribute> attrs(Attribute... list) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (Attribute a : list) m.put(a.name(), a);
        return m;
    }

    public static Attribute intAttr(String name, long v) { return Attribute.ofInt(name, v); }
    public static Attribute floatAttr(String name, float v) { return Attribute.ofFloat(name, v); }
    public static Attribute intsAttr(String name, long... v) { return Attribute.ofInts(name, v); }
    public static Attribute stringAttr(String name, String v) { return Attribute.ofString(name, v); }

    /**
     * Runs {@code op}: infers types with all inputs known, computes, and checks each output against the inferred
     * type (exact dtype, compatible shape). Also re-infers with every input dim unknown, and with unknown ranks, and
     * checks those rules do not fail and stay compatible with the computed result.
     */
    public static Tensor[] run(String op, int opset, Map<String, Attribute> attrs, int outputs, Tensor... inputs) {
        OpDef def = registry().find("", op);
        if (def == null) fail("op " + op + " is not registered");
        assertTrue(opset >= def.minOpset(), op + " opset " + opset + " is below minOpset " + def.minOpset());
        OpContext ctx = OpContext.standalone(op, opset, attrs, inputs, outputs);
        TensorType[] inferred = def.inferTypes(ctx);
        Tensor[] out = def.compute(ctx, inputs);
        assertTrue(out.length >= outputs, op + " returned " + out.length + " outputs, expected " + outputs);
        for (int i = 0; i < outputs; i++) {
            if (out[i] == null) continue;
            checkFits(op + " output " + i + " (full types)", inferred[i], out[i]);
        }
        for (int mode = 0; mode < 2; mode++) {
            TensorType[] types = new TensorType[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] == null) continue;
                Shape s = mode == 0 ? Shape.unknownDims(inputs[i].rank()) : Shape.unknownRank();
                types[i] = new TensorType(inputs[i].dtype(), s);
            }
            OpContext symbolic = new OpContext(op + "_test", op, opset, attrs, types, new Tensor[inputs.length], outputs);
            TensorType[] loose = def.inferTypes(symbolic);
            for (int i = 0; i < outputs; i++) {
                if (out[i] == null) continue;
                checkFits(op + " output " + i + (mode == 0 ? " (unknown dims)" : " (unknown ranks)"), loose[i], out[i]);
            }
        }
        return out;
    }

    public static Tensor run1(String op, int opset, Map<String, Attribute> attrs, Tensor... inputs) {
        return run(op, opset, attrs, 1, inputs)[0];
    }

    private static void checkFits(String what, TensorType t, Tensor actual) {
        if (t.dtype() != null) assertEquals(t.dtype(), actual.dtype(), what + ": dtype");
        assertTrue(t.shape().compatibleWith(Shape.of(actual.shape())),
                what + ": inferred " + t.shape() + " but computed " + Arrays.toString(actual.shape()));
    }

    /** Asserts the op fails (in inference or compute) with an OpException naming the node and containing text. */
    public static OpException expectError(String text, String op, int opset, Map<String, Attribute> attrs,
                                          int outputs, Tensor... inputs) {
        OpDef def = registry().find("", op);
        OpContext ctx = OpContext.standalone(op, opset, attrs, inputs, outputs);
        OpException e = assertThrows(OpException.class, () -> {
            def.inferTypes(ctx);
            def.compute(ctx, inputs);
        });
        assertTrue(e.getMessage().contains("node '" + op + "_test'"), "error does not name the node: " + e.getMessage());
        assertTrue(e.getMessage().contains(text), "error '" + e.getMessage() + "' does not mention '" + text + "'");
        return e;
    }

    // ---- inputs ----

    public static Tensor randFloats(Random r, float lo, float hi, int... shape) {
        float[] d = new float[Tensor.checkedSize(shape, "test")];
        for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * r.nextFloat();
        return Tensor.ofFloats(shape, d);
    }

    public static Tensor randLongs(Random r, DType t, long lo, long hi, int... shape) {
        long[] d = new long[Tensor.checkedSize(shape, "test")];
        for (int i = 0; i < d.length; i++) d[i] = lo + (long) (r.nextDouble() * (hi - lo + 1));
        return Tensor.ofLongs(t, shape, d);
    }

    public static Tensor floats(int[] shape, float... v) { return Tensor.ofFloats(shape, v); }
    public static Tensor longs(int[] shape, long... v) { return Tensor.ofLongs(shape, v); }
    public static Tensor bools(int[] shape, boolean... v) { return Tensor.ofBools(shape, v); }
    public static int[] shape(int... d) { return d; }

    // ---- independent reference helpers ----

    /** Number of elements of a shape. */
    public static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Row-major coordinates of flat index i in shape. */
    public static int[] coords(int i, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = shape[d] == 0 ? 0 : i % shape[d];
            i = shape[d] == 0 ? 0 : i / shape[d];
        }
        return c;
    }

    /** Flat index of the element of a tensor of {@code shape} read at output coordinates (numpy broadcasting). */
    public static int broadcastIndex(int[] shape, int[] outCoords) {
        int off = outCoords.length - shape.length, idx = 0;
        for (int d = 0; d < shape.length; d++) idx = idx * shape[d] + (shape[d] == 1 ? 0 : outCoords[d + off]);
        return idx;
    }

    /** Broadcast output shape, computed independently of the code under test. */
    public static int[] broadcastShape(int[]... shapes) {
        int rank = 0;
        for (int[] s : shapes) rank = Math.max(rank, s.length);
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            for (int d = 0; d < s.length; d++) {
                int o = d + rank - s.length;
                if (s[d] != 1) out[o] = s[d];
            }
        }
        return out;
    }

    // ---- assertions ----

    /**
     * |actual - expected| &lt;= atol + rtol * |expected| for every element; NaN must match NaN and infinities must
     * match exactly.
     */
    public static void assertClose(double[] expected, Tensor actual, double atol, double rtol) {
        assertEquals(expected.length, actual.size(), "element count");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual.getDouble(i);
            if (Double.isNaN(e)) {
                assertTrue(Double.isNaN(a), "element " + i + ": expected NaN, got " + a);
            } else if (Double.isInfinite(e)) {
                assertEquals(e, a, "element " + i);
            } else if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                fail("element " + i + " of " + actual.describe() + ": expected " + e + ", got " + a + " (diff "
                        + Math.abs(a - e) + ", atol " + atol + ", rtol " + rtol + ")");
            }
        }
    }

    public static void assertShape(Tensor t, int... shape) {
        assertEquals(Arrays.toString(shape), Arrays.toString(t.shape()), "shape of " + t.describe());
    }

    public static void assertLongs(Tensor t, long... expected) {
        assertEquals(Arrays.toString(expected), Arrays.toString(t.longs()));
    }

    public static void assertBools(Tensor t, boolean... expected) {
        assertEquals(Arrays.toString(expected), Arrays.toString(t.bools()));
    }

    public static void assertFloatsExact(Tensor t, float... expected) {
        assertEquals(Arrays.toString(expected), Arrays.toString(t.floats()));
    }
}
