package dev.nnjit.ops;

import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import java.util.Arrays;

/**
 * ONNX multidirectional (numpy) broadcasting: shapes are right-aligned, and each dim pair must be equal or one of
 * them 1.
 */
public final class Broadcasting {
    private Broadcasting() {}

    /** Broadcast of static or symbolic shapes; null when incompatible known dims make it impossible. */
    public static Shape shape(Shape... shapes) {
        int rank = 0;
        for (Shape s : shapes) {
            if (!s.hasRank()) return Shape.unknownRank();
            rank = Math.max(rank, s.rank());
        }
        Dim[] out = new Dim[rank];
        for (int i = 0; i < rank; i++) {
            Dim acc = null;
            for (Shape s : shapes) {
                int j = i - (rank - s.rank());
                if (j < 0) continue;
                Dim d = s.dim(j);
                acc = acc == null ? d : merge(acc, d);
                if (acc == null) return null;
            }
            out[i] = acc;
        }
        return Shape.of(out);
    }

    private static Dim merge(Dim a, Dim b) {
        if (a.isKnown() && a.value() == 1) return b;
        if (b.isKnown() && b.value() == 1) return a;
        if (a.isKnown() && b.isKnown()) return a.value() == b.value() ? a : null;
        if (a.isKnown()) return a; // symbolic b must equal a (or be 1, which a is not)
        if (b.isKnown()) return b;
        return a.sameAs(b) ? a : Dim.unknown();
    }

    /** Broadcast of concrete shapes; throws IllegalArgumentException naming both shapes when incompatible. */
    public static int[] shape(int[]... shapes) {
        int rank = 0;
        for (int[] s : shapes) rank = Math.max(rank, s.length);
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            for (int j = 0; j < s.length; j++) {
                int i = j + rank - s.length;
                int d = s[j];
                if (d == out[i] || d == 1) continue;
                if (out[i] == 1) { out[i] = d; continue; }
                StringBuilder sb = new StringBuilder("shapes cannot be broadcast together:");
                for (int[] t : shapes) sb.append(' ').append(Arrays.toString(t));
                throw new IllegalArgumentException(sb.toString());
            }
        }
        return out;
    }

    /**
     * Strides to read an input of shape {@code in} at output coordinates of shape {@code out}: 0 along broadcast
     * dims. The result has out's rank.
     */
    public static int[] stridesFor(int[] in, int[] out) {
        int[] strides = new int[out.length];
        int stride = 1;
        for (int j = in.length - 1; j >= 0; j--) {
            int i = j + out.length - in.length;
            strides[i] = in[j] == 1 && out[i] != 1 ? 0 : stride;
            stride *= in[j];
        }
        return strides;
    }

    /** Row-major contiguous strides of a shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) { s[i] = stride; stride *= shape[i]; }
        return s;
    }

    /**
     * For each flat index of {@code out}, the flat index into an input of shape {@code in} broadcast to it.
     * O(size) time and memory; the simple, obviously-correct way references gather broadcast operands.
     */
    public static int[] indexMap(int[] in, int[] out) {
        int size = 1;
        for (int d : out) size *= d;
        int[] map = new int[size];
        int[] strides = stridesFor(in, out);
        int rank = out.length;
        int[] coord = new int[rank];
        int offset = 0;
        for (int flat = 0; flat < size; flat++) {
            map[flat] = offset;
            for (int d = rank - 1; d >= 0; d--) {
                coord[d]++;
                offset += strides[d];
                if (coord[d] < out[d]) break;
                offset -= strides[d] * coord[d];
                coord[d] = 0;
            }
        }
        return map;
    }

    /** Normalizes a possibly negative axis against a rank; throws via ctx when out of range. */
    public static int axis(OpContext ctx, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw ctx.error("axis " + axis + " is out of range for rank " + rank);
        return (int) a;
    }
}
