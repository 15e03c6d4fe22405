package dev.nnjit.wasm.kernels;

import dev.nnjit.schedule.ScheduleConfig;

/**
 * Schedule of {@link WasmGemvKernel}: each pass over x computes {@code 4 * vectors} adjacent outputs in that many
 * f32x4 accumulators (more independent chains hide the add latency; B rows are streamed once either way).
 */
public record WasmGemvConfig(int vectors) implements ScheduleConfig {
    public static final WasmGemvConfig DEFAULT = new WasmGemvConfig(4);

    public WasmGemvConfig {
        if (vectors < 1 || vectors > 12) throw new IllegalArgumentException("vectors must be in 1..12, got " + vectors);
    }

    @Override public String key() { return "v" + vectors; }
}
