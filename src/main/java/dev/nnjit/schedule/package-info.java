/**
 * Schedule spaces as data. Per kernel family an immutable config record ({@link dev.nnjit.schedule.MatmulConfig},
 * {@link dev.nnjit.schedule.GemvConfig}, {@link dev.nnjit.schedule.ElementwiseConfig},
 * {@link dev.nnjit.schedule.ReductionConfig}, {@link dev.nnjit.schedule.ConvConfig}) whose {@code key()} encodes
 * every component, and a space class whose {@code candidates(...)} lists the legal configs for a problem with index 0
 * the safe default. Legality ({@link dev.nnjit.schedule.Legality}) is a set of pure functions of plain numbers and an
 * {@link dev.nnjit.schedule.AdapterLimits}; optional capabilities arrive as {@link dev.nnjit.schedule.AdapterFeatures}
 * (every space has an overload taking them; the overloads without delegate with {@code AdapterFeatures.NONE}).
 * Feature-dependent candidates are appended after all others, so index 0 and every baseline index never depend on
 * features. Subgroup forms today: row reductions (subgroup tree {@code w*_r1_sg}, rows per subgroup
 * {@code w*_r{2,4,8}_sg}), GEMV ({@code x*_k*_v*_sg}) and matmul (subgroup broadcast of A,
 * {@code t*_r*_v*_reg_sgb}, at most 6 per problem); conv and elementwise have none.
 *
 * <p>Candidate counts at real shapes, spec-minimum limits, without features / with subgroups (checked by
 * ScheduleFeaturesTest):
 * <pre>
 * matmul  MiniLM FFN 128x384 @ 384x1536        75 / 78   (81 with SwiftShader's subgroups of 4)
 * matmul  MiniLM FFN 128x1536 @ 1536x384       75 / 77
 * matmul  attention QK^T 12x128x128 (k 64)     45 / 45   (B transposed: no vec4)
 * matmul  attention PV 12x128x64 (k 128)       63 / 63
 * matmul  sequence 16: 16x384 @ 384x384        64 / 66   (small-M strips, see MatmulSpace)
 * gemv    1x4096 @ 4096x4096                   22 / 46   (52 with a GPU's 1024 invocations and 32 KiB)
 * softmax 1536 rows of 128                     22 / 34
 * norm    LayerNorm 128 rows of 384            23 / 36
 * elementwise 128x1536, vec4                   18 / 18
 * conv    64 channels x 4096 positions         36 / 36
 * </pre>
 * Small M: the square tiles of at least 4x4 invocations are pruned to {@code tileM <= nextPow2(M)}, leaving 15
 * at M = 16 (plus 49 small-M strips) and 3 (one 8x8 tile) at M = 2.
 */
package dev.nnjit.schedule;
