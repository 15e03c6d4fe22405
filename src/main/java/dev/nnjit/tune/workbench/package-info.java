/**
 * The kernel workbench: one op at one shape across its schedule candidates on the page's WebGPU device, the loop
 * the on-device tuner automates. Pipeline position: after {@code codegen} and {@code schedule}, before the runtime
 * uses the tuner's choices.
 *
 * <p>{@link dev.nnjit.tune.workbench.BenchCases} turns a {@link dev.nnjit.tune.workbench.WorkbenchRequest} into a
 * {@link dev.nnjit.tune.workbench.BenchCase} (one per family: matmul/gemv, softmax, layer/RMS norm, reduce,
 * elementwise): the generator's candidates in schedule-space order (index 0 the default), seeded inputs, the
 * engine's Java reference op ({@code dev.nnjit.ops}) on them, and a {@link dev.nnjit.tune.Tolerance}
 * whose rule is stated with the numbers. These run on the JVM too (and are tested there).
 * {@link dev.nnjit.tune.workbench.Workbench} needs a browser: it measures through the tuner's own mechanism,
 * {@link dev.nnjit.tune.measure.GpuCandidateBench} (on the case's inputs instead of the tuner's seeded ones): per
 * candidate pipeline creation, one dispatch's output (on a NaN-filled buffer) checked against the reference, then
 * timed samples (timestamp-query, or submit to onSubmittedWorkDone) with candidates interleaved round by round; it
 * reports median, min and rates ({@link dev.nnjit.tune.workbench.WorkbenchReport}).
 *
 * <p>Front ends: the facade export {@code workbenchAsync} (dev.nnjit.web.WorkbenchBridge), the page
 * {@code workbench.html}, and {@code bin/nnjit workbench} (dev.nnjit.cli.WorkbenchCommand driving headless Chromium
 * through dev.nnjit.host.WorkbenchRunner).
 */
package dev.nnjit.tune.workbench;
