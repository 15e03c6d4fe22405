/**
 * nnjit's internal op family (domain "nnjit"), produced by {@code dev.nnjit.passes.fusion} for GPU backends and never
 * read from model files: SiLU, RMSNormalization, FusedMatMul (bias + activation epilogue, optional transposed B),
 * Attention (scaled dot-product with additive mask and grouped K/V heads) and FusedElementwise, whose computation is
 * an {@link dev.nnjit.ops.fused.ElementwiseProgram} carried as the node's payload. Each op's reference reproduces the
 * unfused chain it replaces (bit for bit where the chain rounds the same way), so the CPU executor runs fused graphs
 * and every generated kernel has ground truth.
 */
package dev.nnjit.ops.fused;
