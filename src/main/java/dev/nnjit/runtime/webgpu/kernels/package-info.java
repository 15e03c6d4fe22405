/**
 * Kernel generators the runtime needed that the codegen package does not (yet) provide, written in the codegen's
 * style: a stateless {@link dev.nnjit.codegen.KernelGenerator} over an immutable problem record and a schedule
 * record, the cache key derived from both. Currently: GatherND, ArgMax/ArgMin, and Gather from one row block of
 * a table too large for one binding.
 */
package dev.nnjit.runtime.webgpu.kernels;
