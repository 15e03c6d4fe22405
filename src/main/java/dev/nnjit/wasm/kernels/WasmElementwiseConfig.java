package dev.nnjit.wasm.kernels;

import dev.nnjit.schedule.ScheduleConfig;

/**
 * Schedule of {@link WasmElementwiseKernel}: {@code unroll} f32x4 vectors per loop iteration (independent chains
 * the CPU can overlap; 1, 2 or 4 are sensible).
 */
public record WasmElementwiseConfig(int unroll) implements ScheduleConfig {
    public static final WasmElementwiseConfig DEFAULT = new WasmElementwiseConfig(2);

    public WasmElementwiseConfig {
        if (unroll < 1 || unroll > 16) throw new IllegalArgumentException("unroll must be in 1..16, got " + unroll);
    }

    @Override public String key() { return "u" + unroll; }
}
