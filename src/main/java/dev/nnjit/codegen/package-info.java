/**
 * WGSL kernel generators. A {@link dev.nnjit.codegen.KernelGenerator} is stateless: WGSL, bindings, workgroup size
 * and dispatch are pure functions of a schedule config ({@code dev.nnjit.schedule}) and a problem record of static
 * shapes and dtypes; {@link dev.nnjit.codegen.KernelGenerator#instance} bundles them as a
 * {@link dev.nnjit.codegen.KernelInstance}, the unit the GPU runtime compiles (cache key = family | problem key |
 * config key) and dispatches.
 *
 * <p>Families (the {@code family()} of each generator; {@link dev.nnjit.tune.TuningSites} says which schedules each
 * may run at a given problem):
 * <ul>
 *   <li>products: {@link dev.nnjit.codegen.MatmulKernel} (tiled) and {@link dev.nnjit.codegen.GemvKernel} (m = 1),
 *   {@link dev.nnjit.codegen.IntMatmulKernel}, {@link dev.nnjit.codegen.EinsumKernel},
 *   {@link dev.nnjit.codegen.ConvKernel} (implicit GEMM), {@link dev.nnjit.codegen.ConvTransposeKernel};
 *   <li>elementwise: {@link dev.nnjit.codegen.ElementwiseKernel} (fused {@link dev.nnjit.codegen.ElementwiseExpr}
 *   DAGs over strided views, which also implement Transpose, Slice, Expand, Where and Cast via
 *   {@link dev.nnjit.codegen.DataMovement}), {@link dev.nnjit.codegen.MapKernel} (one {@link dev.nnjit.codegen.MapFn}
 *   per element);
 *   <li>row reductions: {@link dev.nnjit.codegen.SoftmaxKernel}, {@link dev.nnjit.codegen.NormKernel},
 *   {@link dev.nnjit.codegen.ReduceKernel}; scans and selections: {@link dev.nnjit.codegen.CumSumKernel},
 *   {@link dev.nnjit.codegen.ArgReduceKernel};
 *   <li>data movement and indexing: {@link dev.nnjit.codegen.GatherKernel}, {@link dev.nnjit.codegen.GatherRowsKernel}
 *   (one row block of a table too large for one binding), {@link dev.nnjit.codegen.GatherNdKernel},
 *   {@link dev.nnjit.codegen.GatherElementsKernel}, {@link dev.nnjit.codegen.ScatterKernel},
 *   {@link dev.nnjit.codegen.ConcatKernel}, {@link dev.nnjit.codegen.PadKernel}, {@link dev.nnjit.codegen.TriluKernel},
 *   {@link dev.nnjit.codegen.OneHotKernel}, {@link dev.nnjit.codegen.PoolKernel}.
 * </ul>
 * The index-mapping kernels share the {@link dev.nnjit.codegen.ItemKernel} skeleton. GPU element types:
 * {@link dev.nnjit.codegen.ScalarType}.
 */
package dev.nnjit.codegen;
