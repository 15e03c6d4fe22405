package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * LayerNorm and RMSNorm over the last axis ({@link WasmNormProblem}), rows [row_start, row_end).
 *
 * <pre>
 *   main(x, scale, [bias,] y, row_start, row_end)     byte offsets; rows
 *   per row: pass 1 sum -> mean (LAYER); pass 2 sum of squares of (x - mean) -> rstd = 1 / sqrt(ss / cols + eps);
 *            pass 3 y = (x - mean) * rstd * scale [+ bias]       (mean = 0 for RMS)
 * </pre>
 * Sums are f32 over {@code 4 * vectors} lanes (the reference sums in double): the relative error of the statistics is
 * about cols * 2^-24, far inside the model tolerance. y may alias x (each element is read before it is written).
 */
public final class WasmNormKernel implements WasmKernelGenerator<WasmSoftmaxConfig, WasmNormProblem> {
    public static final WasmNormKernel INSTANCE = new WasmNormKernel();

    private WasmNormKernel() {}

    @Override public String family() { return "wasm_norm"; }

    @Override public List<String> params(WasmSoftmaxConfig config, WasmNormProblem p) {
        return p.bias() ? List.of("x", "scale", "bias", "y", "row_start", "row_end")
                : List.of("x", "scale", "y", "row_start", "row_end");
    }

    @Override public WasmModule module(WasmSoftmaxConfig config, WasmNormProblem p) {
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "norm_" + p.kind().name().toLowerCase(), params(config, p));
        int q = 0;
        Local x = c.param(q++), scale = c.param(q++), bias = p.bias() ? c.param(q++) : null, y = c.param(q++);
        Local rowStart = c.param(q++), rowEnd = c.param(q);
        Local row = c.local(ValType.I32, "row"), j = c.local(ValType.I32, "j");
        Local xp = c.local(ValType.I32, "xp"), yp = c.local(ValType.I32, "yp"), sp = c.local(ValType.I32, "sp");
        Local bp = c.local(ValType.I32, "bp");
        Local mean = c.local(ValType.F32, "mean"), sum = c.local(ValType.F32, "sum"), t = c.local(ValType.F32, "t");
        Local vmean = c.local(ValType.V128, "vmean"), vrstd = c.local(ValType.V128, "vrstd");
        Local e = c.local(ValType.V128, "e");
        int nv = config.vectors(), width = 4 * nv, cols = p.cols(), rowBytes = 4 * cols;
        boolean layer = p.kind() == WasmNormProblem.Kind.LAYER;
        Local[] acc = new Local[nv];
        for (int v = 0; v < nv; v++) acc[v] = c.local(ValType.V128, "acc" + v);
        c.localGet(rowStart).localSet(row);
        Loops.whileFits(c, row, 1, Loops.of(rowEnd), 1, () -> {
            Runnable rewind = () -> {
                c.localGet(x).localGet(row).i32Const(rowBytes).i32Mul().i32Add().localSet(xp);
                c.i32Const(0).localSet(j);
            };
            c.f32Const(0f).localSet(mean);
            if (layer) { // pass 1: mean
                rewind.run();
                sumPass(c, acc, xp, j, cols, width, sum, t, e, null, null);
                c.localGet(sum).f32Const(cols).f32Div().localSet(mean);
            }
            c.localGet(mean).f32x4Splat().localSet(vmean);
            rewind.run(); // pass 2: sum of squares of (x - mean)
            sumPass(c, acc, xp, j, cols, width, sum, t, e, vmean, mean);
            c.f32Const(1f).localGet(sum).f32Const(cols).f32Div().f32Const(p.epsilon()).f32Add().f32Sqrt().f32Div()
                    .localTee(sum).f32x4Splat().localSet(vrstd);
            // pass 3: y = (x - mean) * rstd * scale [+ bias]
            rewind.run();
            c.localGet(y).localGet(row).i32Const(rowBytes).i32Mul().i32Add().localSet(yp);
            c.localGet(scale).localSet(sp);
            if (bias != null) c.localGet(bias).localSet(bp);
            Loops.whileFits(c, j, 4, Loops.of(cols), 4, () -> {
                c.localGet(yp);
                c.localGet(xp).v128Load(0, 2).localGet(vmean).f32x4Sub().localGet(vrstd).f32x4Mul();
                c.localGet(sp).v128Load(0, 2).f32x4Mul();
                if (bias != null) c.localGet(bp).v128Load(0, 2).f32x4Add();
                c.v128Store(0, 2);
                for (Local ptr : bias != null ? new Local[] {xp, yp, sp, bp} : new Local[] {xp, yp, sp}) {
                    c.localGet(ptr).i32Const(16).i32Add().localSet(ptr);
                }
            });
            Loops.whileFits(c, j, 1, Loops.of(cols), 1, () -> {
                c.localGet(yp);
                c.localGet(xp).f32Load(0).localGet(mean).f32Sub().localGet(sum).f32Mul();
                c.localGet(sp).f32Load(0).f32Mul();
                if (bias != null) c.localGet(bp).f32Load(0).f32Add();
                c.f32Store(0);
                for (Local ptr : bias != null ? new Local[] {xp, yp, sp, bp} : new Local[] {xp, yp, sp}) {
                    c.localGet(ptr).i32Const(4).i32Add().localSet(ptr);
                }
            });
        });
        return m;
    }

    /**
     * sum := the sum over the row at xp of x (vmean null) or (x - mean)^2; advances xp and j to the row's end.
     */
    private static void sumPass(WasmCode c, Local[] acc, Local xp, Local j, int cols, int width, Local sum, Local t,
                                Local e, Local vmean, Local mean) {
        int nv = acc.length;
        for (int v = 0; v < nv; v++) c.v128ConstI32(0, 0, 0, 0).localSet(acc[v]);
        Loops.whileFits(c, j, width, Loops.of(cols), width, () -> {
            for (int v = 0; v < nv; v++) {
                c.localGet(xp).v128Load(16 * v, 2);
                if (vmean != null) c.localGet(vmean).f32x4Sub().localTee(e).localGet(e).f32x4Mul();
                c.localGet(acc[v]).f32x4Add().localSet(acc[v]);
            }
            c.localGet(xp).i32Const(16 * nv).i32Add().localSet(xp);
        });
        for (int v = 1; v < nv; v++) c.localGet(acc[0]).localGet(acc[v]).f32x4Add().localSet(acc[0]);
        c.localGet(acc[0]).f32x4ExtractLane(0);
        for (int l = 1; l < 4; l++) c.localGet(acc[0]).f32x4ExtractLane(l).f32Add();
        c.localSet(sum);
        Loops.whileFits(c, j, 1, Loops.of(cols), 1, () -> {
            c.localGet(sum).localGet(xp).f32Load(0);
            if (mean != null) c.localGet(mean).f32Sub().localTee(t).localGet(t).f32Mul();
            c.f32Add().localSet(sum);
            c.localGet(xp).i32Const(4).i32Add().localSet(xp);
        });
    }
}
