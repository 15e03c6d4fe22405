package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * GEMV, the m = 1 case of {@link WasmGemmProblem}: {@code y (1,n) = act(x (1,k) @ B (k,n) [+ bias (n)])} for columns
 * [col_start, col_end) of y.
 *
 * <pre>
 *   main(x, b, [bias,] y, col_start, col_end)     byte offsets; columns of y
 *   for column blocks of 4*vectors, then of 4, then single columns:
 *     acc = sum over p in increasing order of splat(x[p]) * B[p][block]      (mul then add)
 *     y[block] = act(acc + bias[block])
 * </pre>
 *
 * No packing: B is read once, row by row, which is all a memory-bound GEMV can do. Each y[j] is summed in the same
 * order as the reference MatMul (increasing k, f32 mul then add), so results are bit-identical to it.
 */
public final class WasmGemvKernel implements WasmKernelGenerator<WasmGemvConfig, WasmGemmProblem> {
    public static final WasmGemvKernel INSTANCE = new WasmGemvKernel();

    private WasmGemvKernel() {}

    @Override public String family() { return "wasm_gemv"; }

    @Override public List<String> params(WasmGemvConfig config, WasmGemmProblem p) {
        return p.bias() ? List.of("x", "b", "bias", "y", "col_start", "col_end")
                : List.of("x", "b", "y", "col_start", "col_end");
    }

    @Override public WasmModule module(WasmGemvConfig config, WasmGemmProblem p) {
        if (p.m() != 1) throw new IllegalArgumentException("gemv needs m = 1, got " + p.describe());
        if (p.packedB()) throw new IllegalArgumentException("gemv reads B row-major, not packed: " + p.describe());
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "gemv", params(config, p));
        int q = 0;
        Local x = c.param(q++), b = c.param(q++), bias = p.bias() ? c.param(q++) : null, y = c.param(q++);
        Local colStart = c.param(q++), colEnd = c.param(q);
        Local j = c.local(ValType.I32, "j"), i = c.local(ValType.I32, "i");
        Local xp = c.local(ValType.I32, "xp"), bp = c.local(ValType.I32, "bp");
        Local s = c.local(ValType.V128, "x_splat");
        Local[] acc = new Local[config.vectors()];
        for (int v = 0; v < acc.length; v++) acc[v] = c.local(ValType.V128, "acc" + v);
        VectorActivation act = new VectorActivation(c, p.activation(), "");
        c.localGet(colStart).localSet(j);
        for (int width : new int[] {4 * config.vectors(), 4, 1}) {
            if (width == 4 && config.vectors() == 1) continue;
            int nv = Math.max(1, width / 4);
            boolean scalar = width == 1;
            Loops.whileFits(c, j, width, Loops.of(colEnd), width, () -> {
                c.v128ConstI32(0, 0, 0, 0);
                for (int v = 0; v < nv; v++) {
                    if (v == nv - 1) c.localSet(acc[v]);
                    else c.localTee(acc[v]);
                }
                c.localGet(x).localSet(xp);
                c.localGet(b).localGet(j).i32Const(2).i32Shl().i32Add().localSet(bp);
                c.i32Const(0).localSet(i);
                Loops.whileFits(c, i, 1, Loops.of(p.k()), 1, () -> {
                    c.localGet(xp).v128Load32Splat(0).localSet(s);
                    for (int v = 0; v < nv; v++) {
                        c.localGet(acc[v]).localGet(s).localGet(bp);
                        if (scalar) c.v128Load32Zero(0);
                        else c.v128Load(16 * v, 2);
                        c.f32x4Mul().f32x4Add().localSet(acc[v]);
                    }
                    c.localGet(xp).i32Const(4).i32Add().localSet(xp);
                    c.localGet(bp).i32Const(4 * p.n()).i32Add().localSet(bp);
                });
                for (int v = 0; v < nv; v++) {
                    c.localGet(y).localGet(j).i32Const(2).i32Shl().i32Add();
                    c.localGet(acc[v]);
                    if (bias != null) {
                        c.localGet(bias).localGet(j).i32Const(2).i32Shl().i32Add();
                        if (scalar) c.v128Load32Zero(0);
                        else c.v128Load(16 * v, 2);
                        c.f32x4Add();
                    }
                    act.emit(c);
                    if (scalar) c.f32x4ExtractLane(0).f32Store(0);
                    else c.v128Store(16 * v, 2);
                }
            });
        }
        return m;
    }
}
