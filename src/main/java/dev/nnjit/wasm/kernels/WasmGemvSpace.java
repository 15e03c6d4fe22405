package dev.nnjit.wasm.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * The schedule space of {@link WasmGemvKernel} as data, index 0 today's default ({@link WasmGemvConfig#DEFAULT}):
 * the f32x4 accumulators per pass over x. Rules: the accumulators, the x splat and a product temporary fit in
 * {@link WasmCpu#V128_REGISTERS}; a block wider than the row ({@code 4 * vectors > n}) runs only the narrower loops,
 * so it is left out. A GEMV is memory-bound (each weight is read once), so the space is small: more independent
 * chains only hide the add latency.
 */
public final class WasmGemvSpace {
    private WasmGemvSpace() {}

    static final int[] VECTORS = {4, 1, 2, 3, 6, 8, 12};

    public static List<WasmGemvConfig> candidates(WasmGemmProblem p, WasmCpu cpu) {
        List<WasmGemvConfig> out = new ArrayList<>();
        out.add(WasmGemvConfig.DEFAULT);
        for (int v : VECTORS) {
            if (v == WasmGemvConfig.DEFAULT.vectors() || rejection(v, p) != null) continue;
            out.add(new WasmGemvConfig(v));
        }
        return out;
    }

    /** Why {@code vectors} accumulators are not a candidate for {@code p}, or null. */
    public static String rejection(int vectors, WasmGemmProblem p) {
        if (vectors + 2 > WasmCpu.V128_REGISTERS) return vectors + " accumulators + x splat + temporary spill";
        if (4 * vectors > p.n()) return "a block of " + 4 * vectors + " columns is wider than n = " + p.n();
        return null;
    }
}
