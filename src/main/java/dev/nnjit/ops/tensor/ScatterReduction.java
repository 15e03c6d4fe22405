package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.DType;

/**
 * How Scatter* combines an update with the element it lands on: the {@code reduction} attribute ("none", "add",
 * "mul" from opset 16; "max", "min" from opset 18). Bool follows numpy: add = or, mul = and, max = or, min = and.
 */
enum ScatterReduction {
    NONE, ADD, MUL, MAX, MIN;

    static ScatterReduction of(OpContext ctx) {
        String r = ctx.attrString("reduction", "none");
        switch (r) {
            case "none": return NONE;
            case "add": return ADD;
            case "mul": return MUL;
            case "max": return MAX;
            case "min": return MIN;
            default: throw ctx.error("unknown reduction '" + r + "'");
        }
    }

    /** dst[d] = combine(dst[d], src[s]) for arrays of {@code dtype}'s storage kind. */
    void apply(DType dtype, Object dst, int d, Object src, int s) {
        switch (dtype.storage) {
            case FLOAT: {
                float[] o = (float[]) dst;
                float u = ((float[]) src)[s];
                o[d] = this == NONE ? u : this == ADD ? o[d] + u : this == MUL ? o[d] * u : this == MAX ? Math.max(o[d], u) : Math.min(o[d], u);
                if (dtype != DType.FLOAT && this != NONE) o[d] = CastRules.toFloatType(dtype, o[d]);
                break;
            }
            case LONG: {
                long[] o = (long[]) dst;
                long u = ((long[]) src)[s];
                long v = this == NONE ? u : this == ADD ? o[d] + u : this == MUL ? o[d] * u : this == MAX ? Math.max(o[d], u) : Math.min(o[d], u);
                o[d] = dtype.wrap(v);
                break;
            }
            case BOOL: {
                boolean[] o = (boolean[]) dst;
                boolean u = ((boolean[]) src)[s];
                o[d] = this == NONE ? u : this == ADD || this == MAX ? o[d] | u : o[d] & u;
                break;
            }
            default: throw new IllegalArgumentException("dtype " + dtype + " is not supported");
        }
    }
}
