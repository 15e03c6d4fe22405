package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Trilu (opset 14): keeps the upper ({@code upper=1}, default: j - i >= k) or lower (j - i <= k) triangle of the
 * last two axes and zeroes the rest; k is the optional int64 scalar input 1 (default 0).
 */
final class Trilu implements OpDef {
    @Override public String opType() { return "Trilu"; }
    @Override public int minOpset() { return 14; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 2);
        Shape in = TypeRules.shape(ctx, 0);
        if (in.hasRank() && in.rank() < 2) throw ctx.error("input must have rank >= 2, has shape " + in);
        if (ctx.hasInput(1)) TypeRules.requireInteger(ctx, 1, "k");
        return TypeRules.single(ctx.inputDType(0), in);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor x = inputs[0];
        long k = 0;
        if (inputs.length > 1 && inputs[1] != null) {
            if (inputs[1].size() != 1) throw ctx.error("k must be a scalar, has shape " + inputs[1].describe());
            k = inputs[1].getLong(0);
        }
        boolean upper = ctx.attrInt("upper", 1) != 0;
        int[] s = x.shape();
        int rows = s[s.length - 2], cols = s[s.length - 1];
        int[] map = new int[x.size()];
        for (int p = 0; p < map.length; p++) {
            long i = (p / cols) % rows, j = p % cols;
            boolean keep = upper ? j - i >= k : j - i <= k;
            map[p] = keep ? p : -1;
        }
        return new Tensor[] {Elements.gather(x, s, map, null)};
    }
}
