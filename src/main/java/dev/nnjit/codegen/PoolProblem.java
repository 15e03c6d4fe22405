package dev.nnjit.codegen;

/**
 * MaxPool / AveragePool / LpPool over the spatial dims of x (N, C, in...), with per-axis kernel, stride,
 * dilation and padding (the geometry of dev.nnjit.ops.nn.SpatialGeometry) into y (N, C, out...). Padding is never
 * read: max takes the first largest in-bounds value (and its index: the flat row-major input index, or with
 * {@code columnMajor} the spatial part in column-major order); average divides by the in-bounds count, or with
 * {@code countIncludePad} by the window positions inside the padded extent; Lp is (sum |x|^p)^(1/p).
 */
public record PoolProblem(Kind kind, ScalarType type, int batch, int channels, int[] in, int[] kernel, int[] strides,
                          int[] dilations, int[] padBegin, int[] padEnd, int[] out, boolean countIncludePad, int p,
                          boolean indices, boolean columnMajor) implements KernelProblem {
    public enum Kind { MAX, AVERAGE, LP }

    public PoolProblem {
        in = in.clone();
        kernel = kernel.clone();
        strides = strides.clone();
        dilations = dilations.clone();
        padBegin = padBegin.clone();
        padEnd = padEnd.clone();
        out = out.clone();
        int n = in.length;
        if (kernel.length != n || strides.length != n || dilations.length != n || padBegin.length != n
                || padEnd.length != n || out.length != n) {
            throw new IllegalArgumentException("pool geometry arrays differ in rank");
        }
        if (kind != Kind.MAX && type != ScalarType.F32) throw new IllegalArgumentException(kind + " pool needs f32");
        if (indices && kind != Kind.MAX) throw new IllegalArgumentException("only MaxPool has indices");
        if (type == ScalarType.BOOL) throw new IllegalArgumentException("pool on bool");
    }

    public long inSpatial() { return Wgsl.product(in); }

    public long outSpatial() { return Wgsl.product(out); }

    public long outputs() { return (long) batch * channels * outSpatial(); }

    @Override public String key() {
        return kind.name().toLowerCase() + "_" + type.name().toLowerCase() + "_n" + batch + "c" + channels + "_i"
                + Wgsl.dims(in) + "_k" + Wgsl.dims(kernel) + "_s" + Wgsl.dims(strides) + "_d" + Wgsl.dims(dilations)
                + "_pb" + Wgsl.dims(padBegin) + "_pe" + Wgsl.dims(padEnd) + "_o" + Wgsl.dims(out)
                + (countIncludePad ? "_incl" : "") + (kind == Kind.LP ? "_p" + p : "") + (indices ? "_idx" : "")
                + (columnMajor ? "_cm" : "");
    }
}
