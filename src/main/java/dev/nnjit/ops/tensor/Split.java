package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/**
 * Split along {@code axis} into the node's outputs. Sizes come from {@code split} (attribute up to opset 12, also
 * input 1 in opset 1; input 1 from 13), or from {@code num_outputs} (opset 18+: chunks of ceil(dim / n), the last
 * one smaller), or else equal parts, which must divide the dim.
 */
final class Split implements OpDef {
    @Override public String opType() { return "Split"; }

    private static IntsArg splitArg(OpContext ctx) {
        if (ctx.opset() >= 13) return IntsArg.fromInput(ctx, 1);
        IntsArg a = IntsArg.of(ctx, "split", 1, 13);
        if (!a.present && ctx.opset() < 2) return IntsArg.fromInput(ctx, 1);
        return a;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        int n = ctx.outputCount();
        Shape in = TypeRules.shape(ctx, 0);
        TensorType[] out = new TensorType[n];
        if (!in.hasRank()) {
            Arrays.fill(out, new TensorType(ctx.inputDType(0), Shape.unknownRank()));
            return out;
        }
        int axis = TypeRules.axis(ctx, "axis", ctx.attrInt("axis", 0), in.rank());
        long[] sizes = sizes(ctx, in.dim(axis));
        for (int i = 0; i < n; i++) {
            Dim[] d = in.dims();
            d[axis] = sizes == null ? Dim.unknown() : Dim.of(sizes[i]);
            out[i] = new TensorType(ctx.inputDType(0), Shape.of(d));
        }
        return out;
    }

    /** Size of each output along the axis, or null when unknown before run time. */
    private static long[] sizes(OpContext ctx, Dim dim) {
        int n = ctx.outputCount();
        IntsArg split = splitArg(ctx);
        boolean hasNum = ctx.opset() >= 18 && ctx.hasAttr("num_outputs");
        if (split.present && hasNum) throw ctx.error("split and num_outputs cannot both be given");
        if (split.present) {
            if (split.length >= 0 && split.length != n) throw ctx.error("split has " + split.length + " entries for " + n + " outputs");
            if (!split.isKnown()) return null;
            long sum = 0;
            for (long s : split.values) {
                if (s < 0) throw ctx.error("split " + Arrays.toString(split.values) + " has a negative size");
                sum += s;
            }
            if (dim.isKnown() && sum != dim.value()) {
                throw ctx.error("split " + Arrays.toString(split.values) + " sums to " + sum + ", but the axis has size " + dim);
            }
            return split.values;
        }
        if (!dim.isKnown()) return null;
        long d = dim.value();
        long[] sizes = new long[n];
        if (hasNum) {
            long num = ctx.attrInt("num_outputs", 0);
            if (num != n) throw ctx.error("num_outputs is " + num + " but the node has " + n + " outputs");
            long chunk = (d + n - 1) / n;
            Arrays.fill(sizes, chunk);
            sizes[n - 1] = d - chunk * (n - 1);
            if (sizes[n - 1] < 0) {
                throw ctx.error("axis of size " + d + " cannot be split into " + n + " chunks of " + chunk);
            }
            return sizes;
        }
        if (d % n != 0) throw ctx.error("axis of size " + d + " cannot be split into " + n + " equal parts");
        Arrays.fill(sizes, d / n);
        return sizes;
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] shape = x.shape();
        int axis = TypeRules.axis(ctx, "axis", ctx.attrInt("axis", 0), shape.length);
        long[] sizes = sizes(ctx, Dim.of(shape[axis]));
        int outer = IndexMaps.product(shape, 0, axis);
        int inner = IndexMaps.product(shape, axis + 1, shape.length);
        int row = shape[axis] * inner;
        Tensor[] outs = new Tensor[sizes.length];
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            int[] s = shape.clone();
            s[axis] = (int) sizes[i];
            int part = s[axis] * inner;
            Object out = Elements.allocate(x.dtype(), outer * part);
            for (int o = 0; o < outer; o++) Elements.copy(x.data(), o * row + offset, out, o * part, part);
            offset += part;
            outs[i] = Tensor.of(x.dtype(), s, out);
        }
        return outs;
    }
}
