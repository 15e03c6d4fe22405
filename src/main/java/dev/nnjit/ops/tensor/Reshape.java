package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reshape: the shape comes from the {@code shape} attribute (opset 1-4) or input 1 (opset 5+). A 0 copies the input
 * dim at the same index unless {@code allowzero=1} (opset 14+), where it means an empty dim; one -1 is inferred from
 * the element count. The output shares the input's elements.
 */
final class Reshape implements OpDef {
    @Override public String opType() { return "Reshape"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        IntsArg target = IntsArg.of(ctx, "shape", 1, 5);
        if (!target.present) throw ctx.error("the target shape is required");
        if (!target.isKnown()) return TypeRules.single(ctx.inputDType(0), IntsArg.unknownShape(target.length));
        Dim[] out = resolve(ctx, in.hasRank() ? in.dims() : null, target.values);
        return TypeRules.single(ctx.inputDType(0), Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        long[] target = ctx.opset() < 5 ? ctx.attrInts("shape", null) : inputs[1].toLongArray();
        if (target == null) throw ctx.error("the target shape is required");
        Dim[] out = resolve(ctx, Shape.of(x.shape()).dims(), target);
        int[] dims = new int[out.length];
        for (int i = 0; i < out.length; i++) dims[i] = (int) out[i].value();
        return new Tensor[] {x.reshape(dims)};
    }

    /**
     * Output dims for input dims {@code in} (null when the rank is unknown) and a target shape. Symbolic input dims
     * are copied by 0 and cancelled against the -1: [b, s, 768] with [0, 0, 12, -1] gives [b, s, 12, 64].
     */
    static Dim[] resolve(OpContext ctx, Dim[] in, long[] target) {
        boolean allowZero = ctx.opset() >= 14 && ctx.attrInt("allowzero", 0) != 0;
        Dim[] out = new Dim[target.length];
        int inferred = -1;
        for (int i = 0; i < target.length; i++) {
            long s = target[i];
            if (s == -1) {
                if (inferred >= 0) throw ctx.error("target shape " + Arrays.toString(target) + " has more than one -1");
                inferred = i;
            } else if (s < -1) {
                throw ctx.error("target shape " + Arrays.toString(target) + " has invalid dimension " + s);
            } else if (s == 0 && !allowZero) {
                if (in == null) out[i] = Dim.unknown();
                else if (i >= in.length) {
                    throw ctx.error("target shape " + Arrays.toString(target) + " copies dimension " + i
                            + " (0) but the input " + Arrays.toString(in) + " has rank " + in.length);
                } else out[i] = in[i];
            } else {
                out[i] = Dim.of(s);
            }
        }
        if (allowZero && inferred >= 0) {
            for (long s : target) {
                if (s == 0) throw ctx.error("target shape " + Arrays.toString(target) + " has both 0 and -1 with allowzero=1");
            }
        }
        if (inferred >= 0) {
            out[inferred] = Dim.unknown();
            if (in != null) out[inferred] = inferDim(ctx, in, out, inferred, target);
        } else if (in != null) {
            checkCount(ctx, in, out, target);
        }
        return out;
    }

    /** The -1 dim: input size / product of the other output dims, cancelling symbols that appear on both sides. */
    private static Dim inferDim(OpContext ctx, Dim[] in, Dim[] out, int inferred, long[] target) {
        long inKnown = 1;
        List<String> symbols = new ArrayList<>();
        for (Dim d : in) {
            if (d.isKnown()) inKnown *= d.value();
            else if (d.isSymbol()) symbols.add(d.symbolName());
            else return Dim.unknown();
        }
        long outKnown = 1;
        for (int i = 0; i < out.length; i++) {
            if (i == inferred) continue;
            Dim d = out[i];
            if (d.isKnown()) outKnown *= d.value();
            else if (d.isSymbol() && symbols.remove(d.symbolName())) continue;
            else return Dim.unknown();
        }
        if (symbols.isEmpty()) {
            if (outKnown == 0 || inKnown % outKnown != 0) {
                throw ctx.error("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(target)
                        + ": the -1 dimension cannot be inferred");
            }
            return Dim.of(inKnown / outKnown);
        }
        if (symbols.size() == 1 && inKnown == outKnown) return Dim.symbol(symbols.get(0));
        return Dim.unknown();
    }

    private static void checkCount(OpContext ctx, Dim[] in, Dim[] out, long[] target) {
        Dim a = Dims.product(in, 0, in.length), b = Dims.product(out, 0, out.length);
        if (a.isKnown() && b.isKnown() && a.value() != b.value()) {
            throw ctx.error("cannot reshape " + Arrays.toString(in) + " (" + a + " elements) to "
                    + Arrays.toString(target) + " (" + b + " elements)");
        }
    }
}
