package dev.nnjit.runtime;

import java.util.List;
import java.util.Map;

/**
 * What one run of a WebGPU program did, for pages and benchmarks (part of its {@link RunResult}).
 *
 * @param phasesMs "uploadMs" (feeds to GPU), "encodeMs", "gpuMs" (submit until the outputs were mapped),
 *     "readbackMs" (mapped outputs into Java tensors)
 * @param kernels per-dispatch times when the run was profiled, else empty
 * @param timing "timestamp-query", "per-dispatch submission", or "off"
 * @param plan program and memory-plan numbers: "kernels", "pipelines", "constantBytes", "pooledBytes",
 *     "peakLiveBytes", "unpooledBytes", "slots"
 */
public record GpuRunStats(Map<String, Double> phasesMs, List<KernelTime> kernels, String timing,
                          Map<String, Double> plan) {}
