package dev.nnjit.ops.reduce;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Which axes a Reduce* node reduces. Axes come from the 'axes' attribute before {@code axesInputSince} (13 for
 * ReduceSum, 18 for the others) and from the optional int64 input 1 from then on. No axes means "all axes", unless
 * the input form is used with noop_with_empty_axes=1, which means "none" (each element reduced on its own).
 */
final class ReduceAxes {
    /** Marker for "the axes are an input whose value is not known at compile time". */
    static final long[] UNKNOWN = new long[0];

    private ReduceAxes() {}

    /** The raw axes (possibly negative), null for "not given", or {@link #UNKNOWN}. */
    static long[] raw(OpContext ctx, int axesInputSince) {
        if (ctx.opset() < axesInputSince) {
            if (ctx.inputCount() > 1) throw ctx.error("axes are an attribute before opset " + axesInputSince);
            return ctx.attrInts("axes", null);
        }
        if (ctx.hasAttr("axes")) throw ctx.error("axes are an input from opset " + axesInputSince + ", not an attribute");
        if (!ctx.hasInput(1)) return null;
        Tensor t = ctx.constantInput(1);
        if (t == null) return UNKNOWN;
        if (!t.dtype().isInteger() || t.rank() > 1) throw ctx.error("axes input must be a 1-D int64 tensor, got " + t.describe());
        return t.toLongArray();
    }

    /**
     * Reduced-axis flags for a rank, from raw axes; {@code noop} is noop_with_empty_axes (only meaningful in the
     * input form). Throws on out-of-range or repeated axes.
     */
    static boolean[] flags(OpContext ctx, long[] axes, int rank, boolean inputForm, boolean noop) {
        boolean[] reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            if (!(inputForm && noop)) java.util.Arrays.fill(reduced, true);
            return reduced;
        }
        for (long a : axes) {
            int ax = Broadcasting.axis(ctx, a, rank);
            if (reduced[ax]) throw ctx.error("axis " + a + " is repeated in axes " + java.util.Arrays.toString(axes));
            reduced[ax] = true;
        }
        return reduced;
    }

    /** The output shape: reduced dims become 1 (keepdims) or disappear. */
    static Shape outShape(Shape in, boolean[] reduced, boolean keepdims) {
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < reduced.length; i++) {
            if (!reduced[i]) dims.add(in.dim(i));
            else if (keepdims) dims.add(Dim.of(1));
        }
        return Shape.of(dims.toArray(new Dim[0]));
    }

    /** Output shape with every reduced dim kept as 1 (the layout the computation uses). */
    static int[] keptShape(int[] in, boolean[] reduced) {
        int[] r = in.clone();
        for (int i = 0; i < r.length; i++) if (reduced[i]) r[i] = 1;
        return r;
    }

    static int[] finalShape(int[] in, boolean[] reduced, boolean keepdims) {
        int n = 0;
        for (int i = 0; i < in.length; i++) if (!reduced[i] || keepdims) n++;
        int[] r = new int[n];
        int k = 0;
        for (int i = 0; i < in.length; i++) {
            if (!reduced[i]) r[k++] = in[i];
            else if (keepdims) r[k++] = 1;
        }
        return r;
    }
}
