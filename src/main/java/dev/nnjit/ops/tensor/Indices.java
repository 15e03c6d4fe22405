package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.Tensor;

/** Reading index tensors: negative indices count from the end; anything outside [-dim, dim) is an error. */
final class Indices {
    private Indices() {}

    /** The indices as longs; integer dtypes only. */
    static long[] read(OpContext ctx, Tensor indices, String what) {
        if (!indices.dtype().isInteger()) throw ctx.error(what + " must be an integer tensor, is " + indices.dtype());
        return indices.longs();
    }

    /** Normalizes index {@code i} against an axis of size {@code dim}. */
    static int normalize(OpContext ctx, long i, int dim, String what) {
        long r = i < 0 ? i + dim : i;
        if (r < 0 || r >= dim) throw ctx.error(what + " " + i + " is out of range for a dimension of size " + dim);
        return (int) r;
    }
}
