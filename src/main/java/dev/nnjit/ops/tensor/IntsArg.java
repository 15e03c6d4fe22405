package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * An integer list that ONNX passes as an attribute up to some opset and as an input from it on (Slice's starts,
 * Split's split, Squeeze's axes, Pad's pads ...). Three states: absent; present with values known (attribute, or
 * constant input); present with values known only at run time (then maybe with a known length).
 */
final class IntsArg {
    static final IntsArg ABSENT = new IntsArg(false, null, -1);

    final boolean present;
    /** The values; null when absent or not known yet. */
    final long[] values;
    /** Number of values; -1 when not known. */
    final int length;

    private IntsArg(boolean present, long[] values, int length) {
        this.present = present;
        this.values = values;
        this.length = length;
    }

    static IntsArg known(long[] v) { return new IntsArg(true, v, v.length); }

    boolean isKnown() { return values != null; }

    /**
     * The attribute {@code attr} for opsets below {@code inputSince}, the input {@code input} from it on. An input
     * must be a scalar or 1-D tensor.
     */
    static IntsArg of(OpContext ctx, String attr, int input, int inputSince) {
        if (ctx.opset() < inputSince) {
            long[] v = ctx.attrInts(attr, null);
            return v == null ? ABSENT : known(v);
        }
        return fromInput(ctx, input);
    }

    /** Input {@code input} as a list (absent when omitted). */
    static IntsArg fromInput(OpContext ctx, int input) {
        if (!ctx.hasInput(input)) return ABSENT;
        Tensor c = ctx.constantInput(input);
        if (c != null) {
            if (c.rank() > 1) throw ctx.error("input " + input + " must be a 1-D tensor, got shape " + c.describe());
            return known(c.toLongArray());
        }
        TensorType t = ctx.inputType(input);
        Shape s = t.shape();
        int len = -1;
        if (s.hasRank()) {
            if (s.rank() == 0) len = 1;
            else if (s.rank() == 1 && s.dim(0).isKnown()) len = (int) s.dim(0).value();
        }
        return new IntsArg(true, null, len);
    }

    /** Helper for rules that only know a rank: all-unknown dims, or unknown rank when rank < 0. */
    static Shape unknownShape(int rank) {
        return rank < 0 ? Shape.unknownRank() : Shape.unknownDims(rank);
    }

    /** Dims as Dim objects. */
    static Shape shapeOf(long[] dims) {
        Dim[] d = new Dim[dims.length];
        for (int i = 0; i < dims.length; i++) d[i] = Dim.of(dims[i]);
        return Shape.of(d);
    }
}
