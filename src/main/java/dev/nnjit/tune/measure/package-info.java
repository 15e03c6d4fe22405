/**
 * Measuring kernels on the page's WebGPU device (browser only): {@link dev.nnjit.tune.measure.GpuCandidateBench}
 * (the tuner's {@link dev.nnjit.tune.CandidateBench}, and the kernel workbench's measuring loop),
 * {@link dev.nnjit.tune.measure.BrowserClock} (the tuner's clock) and the reproducible
 * {@link dev.nnjit.tune.measure.SeededInputs} both seed their inputs from.
 */
package dev.nnjit.tune.measure;
