package dev.nnjit.ops.math;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import java.util.Arrays;

/**
 * Type-rule checks shared by the math, reduce and nn families. A null dtype means "not known yet" and passes every
 * check, so rules stay usable on partially typed graphs.
 */
public final class TypeChecks {
    private TypeChecks() {}

    /** Which element kinds an op accepts. */
    public enum Kinds {
        FLOAT(true, false, false), INT(false, true, false), NUMERIC(true, true, false), BOOL(false, false, true),
        ANY(true, true, true);

        final boolean floats, ints, bools;
        Kinds(boolean floats, boolean ints, boolean bools) { this.floats = floats; this.ints = ints; this.bools = bools; }

        public boolean accepts(DType t) {
            switch (t.storage) {
                case FLOAT: return floats;
                case LONG: return ints;
                case BOOL: return bools;
                default: return false;
            }
        }
    }

    /** Input i's dtype (null when unknown) after checking it is one of {@code kinds}. */
    public static DType require(OpContext ctx, int input, Kinds kinds) {
        DType t = ctx.inputDType(input);
        if (t != null && !kinds.accepts(t)) {
            throw ctx.error("input " + input + " has type " + t + ", expected " + describe(kinds));
        }
        return t;
    }

    /** The common dtype of the given inputs (null when none is known); throws when two known dtypes differ. */
    public static DType same(OpContext ctx, Kinds kinds, int... inputs) {
        DType common = null;
        int first = -1;
        for (int i : inputs) {
            DType t = require(ctx, i, kinds);
            if (t == null) continue;
            if (common == null) { common = t; first = i; }
            else if (common != t) {
                throw ctx.error("inputs " + first + " and " + i + " must have the same type, got " + common + " and " + t);
            }
        }
        return common;
    }

    /** Broadcast of the inputs' static shapes; throws naming the shapes when known dims conflict. */
    public static Shape broadcast(OpContext ctx, int... inputs) {
        Shape[] shapes = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) shapes[i] = ctx.inputType(inputs[i]).shape();
        Shape s = Broadcasting.shape(shapes);
        if (s == null) throw ctx.error("input shapes cannot be broadcast together: " + Arrays.toString(shapes));
        return s;
    }

    /** Broadcast of concrete shapes, with the error naming the node. */
    public static int[] broadcast(OpContext ctx, int[]... shapes) {
        try {
            return Broadcasting.shape(shapes);
        } catch (IllegalArgumentException e) {
            throw ctx.error(e.getMessage());
        }
    }

    /**
     * For each flat output index, the flat index into {@code in} broadcast to {@code out}; null when the shapes are
     * equal (identity), so elementwise loops over same-shape operands allocate nothing.
     */
    public static int[] readMap(int[] in, int[] out) {
        if (Arrays.equals(in, out)) return null;
        int n = 1;
        for (int d : in) n *= d;
        if (n == 1) return new int[Tensor.checkedSize(out, "output")]; // a scalar: every read is element 0
        return Broadcasting.indexMap(in, out);
    }

    /** Rank of input i's static shape, or -1 when unknown. */
    public static int rank(OpContext ctx, int input) {
        Shape s = ctx.inputType(input).shape();
        return s.hasRank() ? s.rank() : -1;
    }

    /** The tensor's elements as doubles (any storage); for references that compute in double. */
    public static double[] toDoubles(Tensor t) {
        double[] r = new double[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = t.getDouble(i);
        return r;
    }

    static String describe(Kinds k) {
        switch (k) {
            case FLOAT: return "a float type (float32, float16, bfloat16)";
            case INT: return "an integer type";
            case NUMERIC: return "a numeric type";
            case BOOL: return "bool";
            default: return "a supported type";
        }
    }
}
