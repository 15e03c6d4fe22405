package dev.nnjit.runtime;

import dev.nnjit.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run produced: a value owned by the caller (nothing about it is kept on the backend).
 *
 * @param outputs the requested graph outputs ({@link RunOptions#outputs()}), in graph order
 * @param timingsMs milliseconds by name: "op.TYPE" summed per op type (CPU: every run; WebGPU: profiled runs, from
 *     the kernel times); {@code dev.nnjit.api.Session} adds "compileMs" and "runMs"
 * @param gpu what a WebGPU run did (phases, per-kernel profile, plan numbers); null on other backends
 * @param device the tensors {@link RunOptions#onDevice()} asked for, by name (empty where nothing was asked, or the
 *     backend keeps nothing on a device)
 */
public record RunResult(Map<String, Tensor> outputs, Map<String, Double> timingsMs, GpuRunStats gpu,
                        Map<String, DeviceValue> device) {
    public RunResult {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
        device = device == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(device));
    }

    public RunResult(Map<String, Tensor> outputs, Map<String, Double> timingsMs, GpuRunStats gpu) {
        this(outputs, timingsMs, gpu, Map.of());
    }

    /** This result with {@code first} timings placed before its own (same outputs and GPU stats). */
    public RunResult withTimingsBefore(Map<String, Double> first) {
        Map<String, Double> t = new LinkedHashMap<>(first);
        t.putAll(timingsMs);
        return new RunResult(outputs, t, gpu, device);
    }
}
