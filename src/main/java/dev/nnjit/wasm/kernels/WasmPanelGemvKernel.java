package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * GEMV on a packed B, the m = 1 case of a {@link WasmGemmProblem#packedB} problem: {@code y (1,n) = act(x (1,k) @ B
 * (k,n) [+ bias (n)])} for columns [col_start, col_end) of y, B in {@link WasmGemmKernel#packB}'s nr-column panels.
 * The GEMM's packed weights serve it as they are, so a model decoding one token (m = 1) after a prompt (m > 1) holds
 * each weight once.
 *
 * <pre>
 *   main(x, b, [bias,] y, col_start, col_end)     byte offsets; columns of y, col_start a multiple of nr,
 *                                                 col_end a multiple of nr or n
 *   for groups of P = panels panels, then single panels, then the last partial panel (n % nr columns):
 *     acc[panel][nr] = sum over p in increasing order of splat(x[p]) * panel[p][0:nr]     (mul then add)
 *     y[columns] = act(acc + bias[columns])
 * </pre>
 *
 * Panel q lies at {@code b + q*k*nr*4}, its rows nr floats apart: each pass streams P contiguous panels, which is all
 * a memory-bound GEMV can do. Each y[j] is summed in the same order as the reference MatMul (increasing k, f32 mul
 * then add), so results are bit-identical to it, as {@link WasmGemvKernel}'s are. Columns outside the range are not
 * touched, and a partial panel's padding columns are computed but never stored.
 */
public final class WasmPanelGemvKernel implements WasmKernelGenerator<WasmPanelGemvConfig, WasmGemmProblem> {
    public static final WasmPanelGemvKernel INSTANCE = new WasmPanelGemvKernel();

    private WasmPanelGemvKernel() {}

    @Override public String family() { return "wasm_gemv_panels"; }

    @Override public List<String> params(WasmPanelGemvConfig config, WasmGemmProblem p) {
        return p.bias() ? List.of("x", "b", "bias", "y", "col_start", "col_end")
                : List.of("x", "b", "y", "col_start", "col_end");
    }

    @Override public WasmModule module(WasmPanelGemvConfig config, WasmGemmProblem p) {
        if (p.m() != 1) throw new IllegalArgumentException("gemv needs m = 1, got " + p.describe());
        if (!p.packedB()) throw new IllegalArgumentException("the panel gemv reads B packed: " + p.describe());
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "gemv_panels", params(config, p));
        int q = 0;
        Local x = c.param(q++), b = c.param(q++), bias = p.bias() ? c.param(q++) : null, y = c.param(q++);
        Local colStart = c.param(q++), colEnd = c.param(q);
        int nr = config.nr(), vectorsPerPanel = nr / 4, k = p.k();
        Local j = c.local(ValType.I32, "j"), i = c.local(ValType.I32, "i");
        Local xp = c.local(ValType.I32, "xp"), bp = c.local(ValType.I32, "bp");
        Local s = c.local(ValType.V128, "x_splat");
        Local[] acc = new Local[config.panels() * vectorsPerPanel];
        for (int v = 0; v < acc.length; v++) acc[v] = c.local(ValType.V128, "acc" + v);
        VectorActivation act = new VectorActivation(c, p.activation(), "");
        c.localGet(colStart).localSet(j);
        for (int panels : config.panels() == 1 ? new int[] {1} : new int[] {config.panels(), 1}) {
            int width = panels * nr;
            Loops.whileFits(c, j, width, Loops.of(colEnd), width, () -> {
                accumulate(c, x, b, j, xp, bp, i, s, acc, panels * vectorsPerPanel, vectorsPerPanel, nr, k);
                for (int v = 0; v < panels * vectorsPerPanel; v++) {
                    int column = (v / vectorsPerPanel) * nr + 4 * (v % vectorsPerPanel);
                    c.localGet(y).localGet(j).i32Const(2).i32Shl().i32Add();
                    c.localGet(acc[v]);
                    if (bias != null) {
                        c.localGet(bias).localGet(j).i32Const(2).i32Shl().i32Add().v128Load(4 * column, 2);
                        c.f32x4Add();
                    }
                    act.emit(c);
                    c.v128Store(4 * column, 2);
                }
            });
        }
        int rest = p.n() % nr;
        if (rest > 0) { // the last panel, zero-padded past n: only when the range ends at n
            Loops.whileFits(c, j, 1, Loops.of(colEnd), nr, () -> {
                int vectors = (rest + 3) / 4;
                accumulate(c, x, b, j, xp, bp, i, s, acc, vectors, vectorsPerPanel, nr, k);
                for (int v = 0; v < vectors; v++) {
                    if (4 * v + 4 <= rest) {
                        c.localGet(y).localGet(j).i32Const(2).i32Shl().i32Add();
                        c.localGet(acc[v]);
                        if (bias != null) {
                            c.localGet(bias).localGet(j).i32Const(2).i32Shl().i32Add().v128Load(16 * v, 2);
                            c.f32x4Add();
                        }
                        act.emit(c);
                        c.v128Store(16 * v, 2);
                        continue;
                    }
                    for (int lane = 0; lane < rest - 4 * v; lane++) {
                        int column = 4 * v + lane;
                        c.localGet(y).localGet(j).i32Const(2).i32Shl().i32Add();
                        c.localGet(acc[v]).f32x4ExtractLane(lane);
                        if (bias != null) {
                            c.localGet(bias).localGet(j).i32Const(2).i32Shl().i32Add().f32Load(4 * column);
                            c.f32Add();
                        }
                        c.f32x4Splat();
                        act.emit(c);
                        c.f32x4ExtractLane(0).f32Store(4 * column);
                    }
                }
            });
        }
        return m;
    }

    /**
     * acc[0..vectors) = sum over p of splat(x[p]) * the panels from column j on (vector v: panel v / perPanel,
     * columns 4 * (v % perPanel) ..); panel q of B starts at b + q*k*nr*4 = b + j*k*4 for j = q*nr.
     */
    private static void accumulate(WasmCode c, Local x, Local b, Local j, Local xp, Local bp, Local i, Local s,
                                   Local[] acc, int vectors, int perPanel, int nr, int k) {
        c.v128ConstI32(0, 0, 0, 0);
        for (int v = 0; v < vectors; v++) {
            if (v == vectors - 1) c.localSet(acc[v]);
            else c.localTee(acc[v]);
        }
        c.localGet(x).localSet(xp);
        c.localGet(b).localGet(j).i32Const(4 * k).i32Mul().i32Add().localSet(bp);
        c.i32Const(0).localSet(i);
        Loops.whileFits(c, i, 1, Loops.of(k), 1, () -> {
            c.localGet(xp).v128Load32Splat(0).localSet(s);
            for (int v = 0; v < vectors; v++) {
                long offset = 4L * k * nr * (v / perPanel) + 16L * (v % perPanel);
                c.localGet(acc[v]).localGet(s).localGet(bp).v128Load((int) offset, 2).f32x4Mul().f32x4Add()
                        .localSet(acc[v]);
            }
            c.localGet(xp).i32Const(4).i32Add().localSet(xp);
            c.localGet(bp).i32Const(4 * nr).i32Add().localSet(bp);
        });
    }
}
