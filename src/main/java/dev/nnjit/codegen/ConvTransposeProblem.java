package dev.nnjit.codegen;

/**
 * ONNX ConvTranspose: x (N, C, in...) and w (C, M/group, kernel...), optional bias (M), into y (N, M, out...):
 * y[n, m, o] = bias[m] + sum over c in m's group and kernel offsets k with o + padBegin - k*dilation = i*stride for
 * an input position i in range, of x[n, c, i] * w[c, m mod (M/group), k]. (Output size and padBegin come from the
 * op's geometry: pads, output_shape, output_padding, auto_pad.)
 */
public record ConvTransposeProblem(int batch, int channels, int[] in, int outChannels, int[] kernel, int group,
                                   int[] strides, int[] dilations, int[] padBegin, int[] out, boolean bias)
        implements KernelProblem {
    public ConvTransposeProblem {
        in = in.clone();
        kernel = kernel.clone();
        strides = strides.clone();
        dilations = dilations.clone();
        padBegin = padBegin.clone();
        out = out.clone();
        int n = in.length;
        if (kernel.length != n || strides.length != n || dilations.length != n || padBegin.length != n || out.length != n) {
            throw new IllegalArgumentException("conv transpose geometry arrays differ in rank");
        }
        if (group <= 0 || channels % group != 0 || outChannels % group != 0) {
            throw new IllegalArgumentException("conv transpose: channels " + channels + " / " + outChannels
                    + " not divisible by group " + group);
        }
    }

    public long outputs() { return (long) batch * outChannels * Wgsl.product(out); }

    @Override public String key() {
        return "n" + batch + "c" + channels + "_i" + Wgsl.dims(in) + "_m" + outChannels + "_k" + Wgsl.dims(kernel) + "_g"
                + group + "_s" + Wgsl.dims(strides) + "_d" + Wgsl.dims(dilations) + "_p" + Wgsl.dims(padBegin) + "_o"
                + Wgsl.dims(out) + (bias ? "_bias" : "");
    }
}
