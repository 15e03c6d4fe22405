package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Elementwise Min, Max, Sum, Mean over one or more inputs broadcast together. Min and Max accept integers too and
 * propagate NaN; Sum and Mean are float-only. Inputs are folded left to right in float, as a chain of binary ops
 * would be; Mean divides the float sum by the input count.
 */
public final class VariadicOp implements OpDef {
    public enum Kind { MIN, MAX, SUM, MEAN }

    private final String opType;
    private final Kind kind;

    public VariadicOp(String opType, Kind kind) {
        this.opType = opType;
        this.kind = kind;
    }

    @Override public String opType() { return opType; }
    /** Before opset 8 these ops required equal shapes; the broadcasting definition is a superset. */
    @Override public int minOpset() { return 6; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        int n = ctx.inputCount();
        ctx.requireInputs(1, Integer.MAX_VALUE);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            if (!ctx.hasInput(i)) throw ctx.error("input " + i + " is missing");
            all[i] = i;
        }
        Kinds kinds = kind == Kind.MIN || kind == Kind.MAX ? Kinds.NUMERIC : Kinds.FLOAT;
        DType t = TypeChecks.same(ctx, kinds, all);
        Shape s = TypeChecks.broadcast(ctx, all);
        return new TensorType[] {new TensorType(t, s)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        int[][] shapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) shapes[i] = inputs[i].shape();
        int[] shape = TypeChecks.broadcast(ctx, shapes);
        int n = Tensor.checkedSize(shape, "output");
        DType t = inputs[0].dtype();
        if (t.isFloating()) {
            float[] acc = gather(inputs[0].floats(), TypeChecks.readMap(shapes[0], shape), n);
            for (int k = 1; k < inputs.length; k++) {
                float[] x = inputs[k].floats();
                int[] map = TypeChecks.readMap(shapes[k], shape);
                for (int i = 0; i < n; i++) {
                    float v = x[map == null ? i : map[i]];
                    switch (kind) {
                        case MIN: acc[i] = Math.min(acc[i], v); break;
                        case MAX: acc[i] = Math.max(acc[i], v); break;
                        default: acc[i] += v;
                    }
                }
            }
            if (kind == Kind.MEAN) for (int i = 0; i < n; i++) acc[i] /= inputs.length;
            return new Tensor[] {Tensor.ofFloats(t, shape, acc)};
        }
        long[] acc = new long[n];
        long[] first = inputs[0].longs();
        int[] map0 = TypeChecks.readMap(shapes[0], shape);
        for (int i = 0; i < n; i++) acc[i] = first[map0 == null ? i : map0[i]];
        for (int k = 1; k < inputs.length; k++) {
            long[] x = inputs[k].longs();
            int[] map = TypeChecks.readMap(shapes[k], shape);
            for (int i = 0; i < n; i++) {
                long v = x[map == null ? i : map[i]];
                acc[i] = kind == Kind.MIN ? Math.min(acc[i], v) : Math.max(acc[i], v);
            }
        }
        return new Tensor[] {Tensor.ofLongs(t, shape, acc)};
    }

    private static float[] gather(float[] x, int[] map, int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) r[i] = x[map == null ? i : map[i]];
        return r;
    }
}
