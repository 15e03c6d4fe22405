/**
 * The nn op family: Softmax/LogSoftmax/Hardmax; normalizations (Layer, Batch, Instance, Group, MeanVariance, Lp,
 * LRN); Conv and ConvTranspose (im2col / col2im on {@link dev.nnjit.ops.math.MatMulKernel}); Max/Average/Lp pools
 * and their Global forms. Window geometry (kernel, strides, dilations, pads, auto_pad, ceil_mode) is computed in
 * one place, {@link dev.nnjit.ops.nn.SpatialGeometry}.
 */
package dev.nnjit.ops.nn;
