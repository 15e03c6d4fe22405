/**
 * WGSL kernel generators. A {@link dev.nnjit.codegen.KernelGenerator} is stateless: WGSL, bindings, workgroup size
 * and dispatch are pure functions of a schedule config ({@code dev.nnjit.schedule}) and a problem record of static
 * shapes and dtypes; {@link dev.nnjit.codegen.KernelGenerator#instance} bundles them as a
 * {@link dev.nnjit.codegen.KernelInstance}, the unit the GPU runtime compiles (cache key = family | problem key |
 * config key) and dispatches.
 *
 * <p>Families: {@link dev.nnjit.codegen.MatmulKernel} and {@link dev.nnjit.codegen.GemvKernel} (m = 1);
 * {@link dev.nnjit.codegen.ElementwiseKernel} (fused {@link dev.nnjit.codegen.ElementwiseExpr} DAGs over strided
 * views, which also implement Transpose, Slice, Expand, Where and Cast via {@link dev.nnjit.codegen.DataMovement});
 * {@link dev.nnjit.codegen.GatherKernel}, {@link dev.nnjit.codegen.ConcatKernel};
 * {@link dev.nnjit.codegen.SoftmaxKernel}, {@link dev.nnjit.codegen.NormKernel},
 * {@link dev.nnjit.codegen.ReduceKernel}. GPU element types: {@link dev.nnjit.codegen.ScalarType}.
 */
package dev.nnjit.codegen;
