package dev.nnjit.wasm.kernels;

import dev.nnjit.schedule.ScheduleConfig;

/**
 * Schedule of {@link WasmPanelGemvKernel}: B arrives in {@code nr}-column panels ({@link WasmGemmKernel#packB}, the
 * GEMM's packed layout, so that one packed copy of a weight serves both kernels) and each pass over x computes
 * {@code panels} adjacent panels, in {@code panels * nr / 4} f32x4 accumulators reading {@code panels} streams.
 *
 * @param nr the panel width B was packed with (the GEMM schedule's nr); a layout fact, not a free choice
 * @param panels panels per pass: more independent accumulator chains hide the add latency
 */
public record WasmPanelGemvConfig(int nr, int panels) implements ScheduleConfig {
    /** Four 8-column panels per pass: 8 accumulators + 1 splat + 1 load fit x64's 16 xmm registers. */
    public static final WasmPanelGemvConfig DEFAULT = new WasmPanelGemvConfig(8, 4);

    public WasmPanelGemvConfig {
        if (nr < 4 || nr % 4 != 0) throw new IllegalArgumentException("nr must be a multiple of 4, got " + nr);
        if (panels < 1 || panels * nr / 4 > 12) {
            throw new IllegalArgumentException("panels * nr / 4 accumulators must be in 1..12: " + panels + "x" + nr);
        }
    }

    /** The default pass over panels of width {@code nr}. */
    public static WasmPanelGemvConfig forPanels(int nr) {
        return new WasmPanelGemvConfig(nr, Math.max(1, Math.min(DEFAULT.panels, 32 / nr)));
    }

    @Override public String key() { return "nr" + nr + "_p" + panels; }
}
