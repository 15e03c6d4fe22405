package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;

/** Small type-rule helpers for N x C x spatial... layouts. */
final class NnTypes {
    private NnTypes() {}

    /** Spatial sizes of an (N, C, D1..Dn) shape, -1 where unknown. Requires rank &gt;= minRank. */
    static int[] spatial(OpContext ctx, Shape s, int minRank) {
        if (s.rank() < minRank) throw ctx.error("input must have rank >= " + minRank + " (N, C, spatial...), has shape " + s);
        int[] r = new int[s.rank() - 2];
        for (int i = 0; i < r.length; i++) {
            Dim d = s.dim(i + 2);
            r[i] = d.isKnown() ? (int) d.value() : -1;
        }
        return r;
    }

    /** Known size of a dim or -1. */
    static int known(Dim d) { return d.isKnown() ? (int) d.value() : -1; }

    /** Dims N, C and then the spatial sizes (-1 becomes unknown). */
    static Shape nc(Dim n, Dim c, int[] spatial) {
        Dim[] d = new Dim[spatial.length + 2];
        d[0] = n;
        d[1] = c;
        for (int i = 0; i < spatial.length; i++) d[i + 2] = spatial[i] < 0 ? Dim.unknown() : Dim.of(spatial[i]);
        return Shape.of(d);
    }

    /** Throws unless a 1-D per-channel input has c elements (when both are known). */
    static void requireChannelVector(OpContext ctx, int input, String name, Dim c) {
        if (!ctx.hasInput(input)) return;
        Shape s = ctx.inputType(input).shape();
        if (!s.hasRank()) return;
        if (s.rank() != 1 || (c.isKnown() && s.dim(0).isKnown() && s.dim(0).value() != c.value())) {
            throw ctx.error(name + " must have shape [" + c + "], has " + s);
        }
    }
}
