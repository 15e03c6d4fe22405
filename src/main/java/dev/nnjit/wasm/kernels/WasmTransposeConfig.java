package dev.nnjit.wasm.kernels;

import dev.nnjit.schedule.ScheduleConfig;

/**
 * Schedule of {@link WasmTransposeKernel}: copy the innermost output dim with v128 loads and stores when it is
 * contiguous in the input (otherwise, or when off, one f32 at a time).
 */
public record WasmTransposeConfig(boolean vectorCopy) implements ScheduleConfig {
    public static final WasmTransposeConfig DEFAULT = new WasmTransposeConfig(true);

    @Override public String key() { return vectorCopy ? "v128" : "f32"; }
}
