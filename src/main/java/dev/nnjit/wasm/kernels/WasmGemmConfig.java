package dev.nnjit.wasm.kernels;

import dev.nnjit.schedule.ScheduleConfig;

/**
 * Schedule of {@link WasmGemmKernel} (the GotoBLAS/BLIS blocking): an {@code mr x nr} register tile of C held in
 * {@code mr * nr / 4} f32x4 accumulators; K in blocks of {@code kc}, rows in blocks of {@code mc}, columns in blocks
 * of {@code nc} (the textbook sizes: a packed {@code kc x nc} block of B fits L2, an {@code mr x kc} sliver of A and
 * {@code kc x nr} of B L1; {@link #RELAXED} trades the last for fewer passes over C).
 *
 * @param packA copy each {@code mc x kc} block of A into mr-row slivers (k-major) first, so the microkernel reads A
 *     with one pointer and constant offsets; otherwise it reads A in place through mr row pointers
 * @param kUnroll K steps per microkernel loop iteration (a remainder loop takes the rest)
 * @param relaxedMadd accumulate with {@code f32x4.relaxed_madd} (one FMA where the CPU has it) instead of mul + add;
 *     the module then needs relaxed SIMD, and results may differ in the last bit between engines
 * @param splitColumns the work range (the last two arguments, what threads split) is a range of columns of C, all
 *     rows each; otherwise a range of rows, all columns each. Columns suit few rows (M = 16 leaves a row split
 *     with little work per thread, and every thread would read all of B); a column range must start at a multiple
 *     of nr where B is packed ({@link WasmGemmProblem#packedB})
 */
public record WasmGemmConfig(int mr, int nr, int kc, int mc, int nc, boolean packA, int kUnroll, boolean relaxedMadd,
                             boolean splitColumns) implements ScheduleConfig {
    /** Candidate 0: 4 x 8 tile (8 accumulators + 2 B vectors + 1 A splat fit x64's 16 xmm registers). */
    public static final WasmGemmConfig DEFAULT = new WasmGemmConfig(4, 8, 256, 64, 512, true, 2, false);

    /**
     * The default where the engine has relaxed SIMD: a 6 x 8 tile with relaxed_madd (12 accumulators, 2 B vectors and
     * the A splat: 15 xmm registers, V8 keeping the 16th as scratch; Chromium 156's code for the k loop has no spills,
     * tools/wasm-check/v8-code.py); K blocks of 1024: up to K = 1024 each C tile is stored once, where kc = 256
     * read and wrote it K / 256 times (C's rows are n * 4 bytes apart, so each tile update waits on cache misses),
     * the kc x nr sliver of B (32 KB) then streaming from L2 instead of staying in L1; and 4 K steps per loop
     * iteration (113 instructions per 48 FMAs in V8's code, against 61 per 24 with 2). {@code bin/wasm-gemm-bench
     * --browser} at 1024^3 over packed B, headless Chromium, this 2-core machine (2026-12-05, quiet, bench/RESULTS.md):
     * 69-74 GFLOP/s on 2 threads by median where the second core was not contended (87-93% of the ~79 GFLOP/s that
     * the CPU's 128-bit FMAs can do), against 65-68 with kc = 256, mc = 72, 2 K steps.
     */
    public static final WasmGemmConfig RELAXED = new WasmGemmConfig(6, 8, 1024, 48, 512, true, 4, true);

    /** {@link #RELAXED} where relaxed SIMD is available, else {@link #DEFAULT}. */
    public static WasmGemmConfig defaultFor(boolean relaxedSimd) { return relaxedSimd ? RELAXED : DEFAULT; }

    /** Threads split rows. */
    public WasmGemmConfig(int mr, int nr, int kc, int mc, int nc, boolean packA, int kUnroll, boolean relaxedMadd) {
        this(mr, nr, kc, mc, nc, packA, kUnroll, relaxedMadd, false);
    }

    /** This schedule, its threads splitting columns (true) or rows. */
    public WasmGemmConfig withSplitColumns(boolean columns) {
        return new WasmGemmConfig(mr, nr, kc, mc, nc, packA, kUnroll, relaxedMadd, columns);
    }

    public WasmGemmConfig {
        if (mr < 1 || nr < 4 || nr % 4 != 0) throw new IllegalArgumentException("need mr >= 1 and nr a multiple of 4: "
                + mr + "x" + nr);
        if (mr * nr / 4 > 24) throw new IllegalArgumentException("mr*nr/4 = " + mr * nr / 4 + " accumulators is too many");
        if (kc < 1 || mc < mr || mc % mr != 0 || nc < nr || nc % nr != 0) {
            throw new IllegalArgumentException("need kc >= 1, mc a multiple of mr, nc a multiple of nr: kc=" + kc
                    + " mc=" + mc + " nc=" + nc);
        }
        if (kUnroll < 1 || kUnroll > 8) throw new IllegalArgumentException("kUnroll must be in 1..8, got " + kUnroll);
    }

    public int accumulators() { return mr * nr / 4; }

    @Override public String key() {
        return "r" + mr + "x" + nr + "_kc" + kc + "_mc" + mc + "_nc" + nc + (packA ? "_packA" : "_directA") + "_ku"
                + kUnroll + (relaxedMadd ? "_madd" : "_muladd") + (splitColumns ? "_splitN" : "");
    }
}
