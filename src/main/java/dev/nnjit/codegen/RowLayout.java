package dev.nnjit.codegen;

import java.util.Arrays;

/**
 * How a row reduction sees its input: {@code rows} independent rows of {@code cols} elements; element j of row i
 * lives at {@code rowOffset(i) + colOffset(j)}, where each offset decomposes its index over a shape and applies
 * strides. Trailing-axis reductions are contiguous (rowOffset = i*cols, colOffset = j) and generate no index math;
 * other axis sets (ReduceSum over axis 1 of (2,3,4), Softmax over a middle axis) use the strided form.
 */
public record RowLayout(int[] rowShape, int[] rowStrides, int[] colShape, int[] colStrides) {

    public RowLayout {
        rowShape = rowShape.clone();
        rowStrides = rowStrides.clone();
        colShape = colShape.clone();
        colStrides = colStrides.clone();
        if (rowShape.length != rowStrides.length || colShape.length != colStrides.length) {
            throw new IllegalArgumentException("row layout shapes and strides differ in rank");
        }
        if (Wgsl.product(colShape) <= 0 || Wgsl.product(rowShape) <= 0) {
            throw new IllegalArgumentException("row layout must not be empty");
        }
    }

    /** rows x cols, row-major. */
    public static RowLayout contiguous(int rows, int cols) {
        return new RowLayout(new int[] {rows}, new int[] {cols}, new int[] {cols}, new int[] {1});
    }

    /** A tensor of {@code shape} reduced over {@code axes} (any order, negative allowed); rows are the kept dims. */
    public static RowLayout reducing(int[] shape, int[] axes) {
        boolean[] red = new boolean[shape.length];
        for (int a : axes) {
            int ax = a < 0 ? a + shape.length : a;
            if (ax < 0 || ax >= shape.length) {
                throw new IllegalArgumentException("axis " + a + " out of range for shape " + Wgsl.shape(shape));
            }
            red[ax] = true;
        }
        int[] strides = Wgsl.contiguousStrides(shape);
        int nr = 0;
        for (boolean b : red) if (b) nr++;
        int[] rs = new int[shape.length - nr], rst = new int[shape.length - nr];
        int[] cs = new int[nr], cst = new int[nr];
        int ri = 0, ci = 0;
        for (int d = 0; d < shape.length; d++) {
            if (red[d]) { cs[ci] = shape[d]; cst[ci++] = strides[d]; }
            else { rs[ri] = shape[d]; rst[ri++] = strides[d]; }
        }
        int rows = (int) Wgsl.product(rs);
        int cols = (int) Wgsl.product(cs);
        // Trailing reduced axes: the plain contiguous form.
        boolean trailing = true;
        for (int d = 0; d < shape.length - nr; d++) if (red[d]) trailing = false;
        if (trailing) return contiguous(rows, cols);
        return new RowLayout(rs, rst, cs, cst);
    }

    public int rows() { return (int) Wgsl.product(rowShape); }

    public int cols() { return (int) Wgsl.product(colShape); }

    /** Elements of the tensor the layout reads (max offset + 1). */
    public long elements() {
        long max = 0;
        for (int d = 0; d < rowShape.length; d++) max += (long) (rowShape[d] - 1) * rowStrides[d];
        for (int d = 0; d < colShape.length; d++) max += (long) (colShape[d] - 1) * colStrides[d];
        return max + 1;
    }

    public boolean isContiguous() {
        return Arrays.equals(colStrides, Wgsl.contiguousStrides(colShape)) && rowStrides.length == 1
                && rowStrides[0] == cols() || (rowShape.length == 1 && rowShape[0] == 1 && colStrides.length == 1
                && colStrides[0] == 1);
    }

    /** Emits row-base variable {@code name} for row index expression {@code row}. */
    void emitRowBase(WgslBuilder b, String row, String name) {
        if (isContiguous()) {
            b.line("let " + name + " = " + row + " * " + Wgsl.u32(cols()) + ";");
            return;
        }
        String[] c = IndexMath.coords(b, row, rowShape, "rc");
        b.line("let " + name + " = " + IndexMath.offset(c, rowStrides, 0) + ";");
    }

    /** Emits column-offset variable {@code name} for column index expression {@code j}; returns it. */
    String emitColOffset(WgslBuilder b, String j, String name) {
        if (isContiguous()) return j;
        String[] c = IndexMath.coords(b, j, colShape, "cc");
        b.line("let " + name + " = " + IndexMath.offset(c, colStrides, 0) + ";");
        return name;
    }

    public String key() {
        return Wgsl.dims(rowShape) + "/" + Wgsl.dims(rowStrides) + "|" + Wgsl.dims(colShape) + "/" + Wgsl.dims(colStrides);
    }

    String describe() {
        return isContiguous() ? "(" + rows() + "," + cols() + ")" : "rows " + Wgsl.shape(rowShape) + " strides "
                + Wgsl.shape(rowStrides) + ", cols " + Wgsl.shape(colShape) + " strides " + Wgsl.shape(colStrides);
    }
}
