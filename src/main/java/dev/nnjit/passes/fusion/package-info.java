/**
 * Graph rewrites that decide the kernels of a GPU backend, run on a specialized (statically shaped) graph by
 * {@link dev.nnjit.passes.PassPipeline#gpu}: {@link dev.nnjit.passes.fusion.IdentityElimination}, then pattern
 * recognition of LayerNorm, RMSNorm, GELU, SiLU and attention as exporters spell them, then matmul epilogues and
 * elementwise groups. Each pattern pass is a {@link dev.nnjit.passes.fusion.FusionPass}: it matches conservatively
 * (constants must be what the math needs, intermediates read only inside the pattern) and edits through a
 * {@link dev.nnjit.passes.fusion.Rewrite}, which re-checks types before changing anything.
 */
package dev.nnjit.passes.fusion;
