package dev.nnjit.codegen;

/**
 * ONNX Conv (cross-correlation): x (N, C, in...) and w (M, C/group, kernel...), optional bias (M), into y (N, M,
 * out...): y[n, m, o] = bias[m] + sum over c in m's group and kernel offsets k of x[n, c, o*stride - padBegin +
 * k*dilation] * w[m, c, k]; positions in the padding read 0. Spatial rank 1 to 3 (any rank works).
 */
public record ConvProblem(int batch, int channels, int[] in, int outChannels, int[] kernel, int group, int[] strides,
                          int[] dilations, int[] padBegin, int[] out, boolean bias) implements KernelProblem {
    public ConvProblem {
        in = in.clone();
        kernel = kernel.clone();
        strides = strides.clone();
        dilations = dilations.clone();
        padBegin = padBegin.clone();
        out = out.clone();
        int n = in.length;
        if (kernel.length != n || strides.length != n || dilations.length != n || padBegin.length != n || out.length != n) {
            throw new IllegalArgumentException("conv geometry arrays differ in rank");
        }
        if (group <= 0 || channels % group != 0 || outChannels % group != 0) {
            throw new IllegalArgumentException("conv: " + channels + " input and " + outChannels
                    + " output channels are not divisible by group " + group);
        }
    }

    public int channelsPerGroup() { return channels / group; }

    public int outChannelsPerGroup() { return outChannels / group; }

    public long kernelSize() { return Wgsl.product(kernel); }

    public long inSpatial() { return Wgsl.product(in); }

    public long outSpatial() { return Wgsl.product(out); }

    /** Columns of the implicit GEMM: every output position of every image. */
    public long positions() { return batch * outSpatial(); }

    @Override public String key() {
        return "n" + batch + "c" + channels + "_i" + Wgsl.dims(in) + "_m" + outChannels + "_k" + Wgsl.dims(kernel) + "_g"
                + group + "_s" + Wgsl.dims(strides) + "_d" + Wgsl.dims(dilations) + "_p" + Wgsl.dims(padBegin) + "_o"
                + Wgsl.dims(out) + (bias ? "_bias" : "");
    }
}
