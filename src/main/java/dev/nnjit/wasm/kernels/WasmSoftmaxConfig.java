package dev.nnjit.wasm.kernels;

import dev.nnjit.schedule.ScheduleConfig;

/** Schedule of {@link WasmSoftmaxKernel}: f32x4 vectors per iteration of each of its three passes over a row. */
public record WasmSoftmaxConfig(int vectors) implements ScheduleConfig {
    public static final WasmSoftmaxConfig DEFAULT = new WasmSoftmaxConfig(2);

    public WasmSoftmaxConfig {
        if (vectors < 1 || vectors > 8) throw new IllegalArgumentException("vectors must be in 1..8, got " + vectors);
    }

    @Override public String key() { return "v" + vectors; }
}
