package dev.nnjit.ops.tensor;

/**
 * Builds the index maps that {@link Elements#gather} consumes. Most data-movement ops are "separable": along each
 * output axis the source offset contribution depends only on that axis' coordinate (Transpose, Slice, Expand,
 * Tile, Pad, DepthToSpace). Such an op only describes one small table per axis.
 */
public final class IndexMaps {
    private IndexMaps() {}

    /** Row-major strides of a shape. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= shape[i];
        }
        return s;
    }

    /** Element count of a shape (callers pass shapes already checked by Tensor.checkedSize). */
    public static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Product of shape[from..to). */
    public static int product(int[] shape, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) n *= shape[i];
        return n;
    }

    /**
     * {@code map[flat(c)] = sum_d tables[d][c[d]]} over all output coordinates c, or -1 when any
     * {@code tables[d][c[d]]} is negative (an element that comes from no source, e.g. Pad's constant).
     * {@code tables[d].length == outShape[d]}.
     */
    public static int[] separable(int[] outShape, int[][] tables) {
        int size = size(outShape);
        int[] map = new int[size];
        if (size == 0) return map;
        int rank = outShape.length;
        if (rank == 0) {
            map[0] = 0;
            return map;
        }
        int last = rank - 1;
        int inner = outShape[last];
        int[] lastTable = tables[last];
        int[] coord = new int[rank];
        int pos = 0;
        while (pos < size) {
            int base = 0;
            boolean valid = true;
            for (int d = 0; d < last; d++) {
                int t = tables[d][coord[d]];
                if (t < 0) valid = false;
                base += t;
            }
            for (int c = 0; c < inner; c++) {
                int t = lastTable[c];
                map[pos++] = valid && t >= 0 ? base + t : -1;
            }
            for (int d = last - 1; d >= 0; d--) {
                if (++coord[d] < outShape[d]) break;
                coord[d] = 0;
            }
        }
        return map;
    }

    /** Table {@code t[c] = (start + c * step) * stride} for c in [0, length). */
    public static int[] affine(int length, int start, int step, int stride) {
        int[] t = new int[length];
        for (int c = 0; c < length; c++) t[c] = (start + c * step) * stride;
        return t;
    }
}
