package dev.nnjit.wasm.kernels;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schedule space of {@link WasmGemmKernel} as data: a lite space per problem and CPU, index 0 today's default
 * ({@link #defaultFor}), so an untuned program is unchanged. Candidates are built around the default, one or two
 * axes at a time, and pruned by pure rules of plain numbers before anything is generated (nnJIT's rules):
 * <ul>
 *   <li>registers ({@link #registers}): the microkernel's live v128 values (mr x nr/4 accumulators, nr/4 B vectors,
 *   one A splat, and a product temporary without relaxed_madd) use at least 80% of {@link WasmCpu#V128_REGISTERS}
 *   and no more than all of them (more spills, fewer leaves the FMA units waiting);
 *   <li>L1 ({@link #l1Bytes}): the packed A sliver and B panel one microkernel call streams (kc x (mr + nr) floats)
 *   take between 1/3 of {@link WasmCpu#L1_BYTES} and twice it. nnJIT's rule is "most of L1"; the upper bound is
 *   twice that because measured here (bench/RESULTS.md, wasm GEMM 1024^3, Zen 1) K blocks of 1024 (57 KiB with a
 *   6 x 8 tile) beat blocks of 256 by 5-8%: the B panel streams from L2 under hardware prefetch, and each C tile is
 *   stored once instead of once per K block;
 *   <li>L2: the packed mc x kc block of A (reused across B panels) stays within {@link WasmCpu#L2_BYTES} (the
 *   measured default, mc 48 x kc 1024, takes 3/4 of it),
 *   and a kc x nc block of B within twice {@link WasmCpu#L2_LARGE_BYTES} (the measured default, kc 1024 x nc 512,
 *   takes 2 MiB: its panels stream, only the A block must stay);
 *   <li>features: relaxed_madd only where the engine validates relaxed SIMD; the thread split axis (rows or
 *   columns) only with more than one thread and a packed B (a column range starts at a panel);
 *   <li>weights: where B is packed once at copy-in ({@link WasmGemmProblem#packedB}), every candidate keeps the
 *   default's nr, so all share that one packing ({@code runtime.wasm.PanelPacking} depends on nr only): a program
 *   can swap in any winner between runs without packing its weights again or holding two copies of them;
 *   <li>duplicates: blockings that behave alike at this problem's size (kc, mc, nc clipped to k, m, n) are listed
 *   once, the first kept.
 * </ul>
 * The default itself is exempt from the rules: it is the baseline, whatever it uses.
 */
public final class WasmGemmSpace {
    private WasmGemmSpace() {}

    /** nr values a tile may have (f32x4 vectors of B per k step: 1 to 4). */
    static final int[] NR = {4, 8, 12, 16};
    /** kc values tried with the default tile. */
    static final int[] KC = {128, 192, 256, 384, 512, 1024};
    /** Target row-block heights (rounded down to a multiple of mr). */
    static final int[] MC = {64, 128};
    static final int[] NC = {256, 512, 1024};

    /**
     * Today's schedule: {@link WasmGemmConfig#defaultFor} the engine, its threads splitting columns where B is packed
     * and at least as wide as A is tall ({@link #splitColumns}).
     */
    public static WasmGemmConfig defaultFor(WasmGemmProblem p, WasmCpu cpu) {
        return WasmGemmConfig.defaultFor(cpu.relaxedSimd()).withSplitColumns(p.packedB() && splitColumns(p.m(), p.n()));
    }

    /**
     * Whether threads split the GEMM's columns rather than its rows by default: where B (k x n) is at least as large
     * as A (m x k), so that each thread reads its own part of the larger operand (with M = 16 tokens and a
     * 768 x 3072 weight, a row split would have both threads read all of B).
     */
    public static boolean splitColumns(int m, int n) { return n >= m; }

    /** The candidates for {@code p} on {@code cpu}, index 0 the default. */
    public static List<WasmGemmConfig> candidates(WasmGemmProblem p, WasmCpu cpu) {
        WasmGemmConfig def = defaultFor(p, cpu);
        List<WasmGemmConfig> raw = new ArrayList<>();
        boolean[] madds = cpu.relaxedSimd() ? new boolean[] {true, false} : new boolean[] {false};
        boolean splitChoice = cpu.threads() > 1 && p.packedB();
        // tiles (mr x nr, madd) at the default's blocking, each on both split axes where that is a choice
        for (int nr : NR) {
            if (p.packedB() && nr != def.nr()) continue;
            for (int mr = 1; mr * nr / 4 <= 24; mr++) {
                for (boolean madd : madds) {
                    WasmGemmConfig tile = blocked(mr, nr, def.kc(), def.mc(), def.nc(), def.kUnroll(), madd,
                            def.splitColumns());
                    raw.add(tile);
                    if (splitChoice) raw.add(tile.withSplitColumns(!def.splitColumns()));
                }
            }
        }
        // blockings (kc, mc, nc) and K unrolling of the anchor tile
        WasmGemmConfig anchor = anchor(def);
        for (int kc : KC) {
            for (int mc : MC) {
                for (int nc : NC) raw.add(blocked(anchor.mr(), anchor.nr(), kc, mc, nc, anchor.kUnroll(),
                        anchor.relaxedMadd(), anchor.splitColumns()));
            }
        }
        for (int ku : new int[] {1, 4}) {
            raw.add(new WasmGemmConfig(anchor.mr(), anchor.nr(), anchor.kc(), anchor.mc(), anchor.nc(), anchor.packA(),
                    ku, anchor.relaxedMadd(), anchor.splitColumns()));
        }
        List<WasmGemmConfig> out = new ArrayList<>();
        out.add(def);
        Set<String> seen = new HashSet<>();
        seen.add(effectiveKey(def, p));
        for (WasmGemmConfig c : raw) {
            if (rejection(c, p) != null) continue;
            if (seen.add(effectiveKey(c, p))) out.add(c);
        }
        return out;
    }

    /**
     * The tile whose blockings the space varies: the default's, or where the default uses fewer registers than the
     * rule wants (the mul + add 4 x 8 uses 12 of 16), the next taller tile of the same nr and multiply-add that keeps
     * the rule, at the default's blocking.
     */
    static WasmGemmConfig anchor(WasmGemmConfig def) {
        for (int mr = def.mr(); mr * def.nr() / 4 <= 24; mr++) {
            WasmGemmConfig c = blocked(mr, def.nr(), def.kc(), def.mc(), def.nc(), def.kUnroll(), def.relaxedMadd(),
                    def.splitColumns());
            int regs = registers(c);
            if (regs > WasmCpu.V128_REGISTERS) break;
            if (regs * 5 >= WasmCpu.V128_REGISTERS * 4) return c;
        }
        return def;
    }

    /** A config with mc and nc rounded to multiples of mr and nr (at least one tile). */
    static WasmGemmConfig blocked(int mr, int nr, int kc, int mc, int nc, int kUnroll, boolean madd, boolean split) {
        int m = Math.max(mr, mc / mr * mr), n = Math.max(nr, nc / nr * nr);
        return new WasmGemmConfig(mr, nr, kc, m, n, true, kUnroll, madd, split);
    }

    /** Why {@code c} is not a candidate for {@code p} (the rules above), or null when it is. */
    public static String rejection(WasmGemmConfig c, WasmGemmProblem p) {
        int regs = registers(c);
        if (regs > WasmCpu.V128_REGISTERS) return "uses " + regs + " v128 registers, more than " + WasmCpu.V128_REGISTERS;
        if (regs * 5 < WasmCpu.V128_REGISTERS * 4) return "uses " + regs + " of " + WasmCpu.V128_REGISTERS
                + " v128 registers, under 80%";
        long l1 = l1Bytes(c);
        if (l1 * 3 < WasmCpu.L1_BYTES || l1 > 2L * WasmCpu.L1_BYTES) {
            return "its A sliver and B panel take " + l1 + " bytes, not 1/3 to 2x L1";
        }
        if (4L * c.mc() * c.kc() > WasmCpu.L2_BYTES) return "its A block (mc x kc) is over L2";
        if (4L * c.kc() * c.nc() > 2L * WasmCpu.L2_LARGE_BYTES) return "its B block (kc x nc) is over twice the large L2";
        if (c.splitColumns() && !p.packedB()) return "a column split needs B packed (ranges start at panels)";
        return null;
    }

    /** v128 values live in the microkernel's inner loop: accumulators, B vectors, the A splat, a product temporary. */
    public static int registers(WasmGemmConfig c) {
        return c.accumulators() + c.nr() / 4 + 1 + (c.relaxedMadd() ? 0 : 1);
    }

    /** Bytes of the A sliver (mr x kc) and B panel (kc x nr) one microkernel call reads. */
    public static long l1Bytes(WasmGemmConfig c) { return 4L * c.kc() * (c.mr() + c.nr()); }

    /**
     * The config as it behaves on {@code p}: blocks clipped to the problem (kc beyond k, mc beyond m rounded to mr,
     * nc beyond n rounded to nr all act alike), so candidates that differ only past the matrix are one.
     */
    static String effectiveKey(WasmGemmConfig c, WasmGemmProblem p) {
        int kc = Math.min(c.kc(), p.k());
        int mc = Math.min(c.mc(), roundUp(p.m(), c.mr()));
        int nc = Math.min(c.nc(), roundUp(p.n(), c.nr()));
        return new WasmGemmConfig(c.mr(), c.nr(), Math.max(1, kc), Math.max(c.mr(), mc), Math.max(c.nr(), nc),
                c.packA(), c.kUnroll(), c.relaxedMadd(), c.splitColumns()).key();
    }

    private static int roundUp(int v, int to) { return (v + to - 1) / to * to; }
}
