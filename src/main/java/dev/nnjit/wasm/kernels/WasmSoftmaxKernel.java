package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * Softmax along rows of a contiguous f32 (rows, cols) tensor, for rows [row_start, row_end).
 *
 * <pre>
 *   main(x, y, row_start, row_end)     byte offsets; rows
 *   per row: m = max_j x[j]; y[j] = exp(x[j] - m) and s = sum_j y[j]; y[j] *= 1 / s
 * </pre>
 *
 * Three passes, each {@code 4 * vectors} columns per iteration with a one-column tail; exp is {@link VectorExp}
 * (2 ulp). Error against an exact softmax: exp's 2 ulp, the f32 sum's (cols - 1) eps relative, and two roundings
 * for the reciprocal and the product; y may alias x.
 */
public final class WasmSoftmaxKernel implements WasmKernelGenerator<WasmSoftmaxConfig, WasmSoftmaxProblem> {
    public static final WasmSoftmaxKernel INSTANCE = new WasmSoftmaxKernel();

    private WasmSoftmaxKernel() {}

    @Override public String family() { return "wasm_softmax"; }

    @Override public List<String> params(WasmSoftmaxConfig config, WasmSoftmaxProblem p) {
        return List.of("x", "y", "row_start", "row_end");
    }

    @Override public WasmModule module(WasmSoftmaxConfig config, WasmSoftmaxProblem p) {
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "softmax", params(config, p));
        Local x = c.param(0), y = c.param(1), rowStart = c.param(2), rowEnd = c.param(3);
        Local row = c.local(ValType.I32, "row"), j = c.local(ValType.I32, "j");
        Local xp = c.local(ValType.I32, "xp"), yp = c.local(ValType.I32, "yp");
        Local max = c.local(ValType.F32, "max"), sum = c.local(ValType.F32, "sum");
        Local vmax = c.local(ValType.V128, "vmax"), e = c.local(ValType.V128, "e");
        int nv = config.vectors(), width = 4 * nv, cols = p.cols(), rowBytes = 4 * cols;
        Local[] vacc = new Local[nv];
        for (int v = 0; v < nv; v++) vacc[v] = c.local(ValType.V128, "acc" + v);
        VectorExp exp = new VectorExp(c, "");
        c.localGet(rowStart).localSet(row);
        Loops.whileFits(c, row, 1, Loops.of(rowEnd), 1, () -> {
            Runnable rewind = () -> {
                c.localGet(x).localGet(row).i32Const(rowBytes).i32Mul().i32Add().localSet(xp);
                c.localGet(y).localGet(row).i32Const(rowBytes).i32Mul().i32Add().localSet(yp);
                c.i32Const(0).localSet(j);
            };
            // pass 1: max
            rewind.run();
            float ninf = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < nv; v++) c.v128ConstF32(ninf, ninf, ninf, ninf).localSet(vacc[v]);
            Loops.whileFits(c, j, width, Loops.of(cols), width, () -> {
                for (int v = 0; v < nv; v++) c.localGet(vacc[v]).localGet(xp).v128Load(16 * v, 2).f32x4Max().localSet(vacc[v]);
                c.localGet(xp).i32Const(16 * nv).i32Add().localSet(xp);
            });
            for (int v = 1; v < nv; v++) c.localGet(vacc[0]).localGet(vacc[v]).f32x4Max().localSet(vacc[0]);
            c.localGet(vacc[0]).f32x4ExtractLane(0);
            for (int l = 1; l < 4; l++) c.localGet(vacc[0]).f32x4ExtractLane(l).f32Max();
            c.localSet(max);
            Loops.whileFits(c, j, 1, Loops.of(cols), 1, () -> {
                c.localGet(max).localGet(xp).f32Load(0).f32Max().localSet(max);
                c.localGet(xp).i32Const(4).i32Add().localSet(xp);
            });
            c.localGet(max).f32x4Splat().localSet(vmax);
            // pass 2: y = exp(x - max), sum
            rewind.run();
            for (int v = 0; v < nv; v++) c.v128ConstI32(0, 0, 0, 0).localSet(vacc[v]);
            Loops.whileFits(c, j, width, Loops.of(cols), width, () -> {
                for (int v = 0; v < nv; v++) {
                    c.localGet(xp).v128Load(16 * v, 2).localGet(vmax).f32x4Sub();
                    exp.emit(c);
                    c.localSet(e);
                    c.localGet(yp).localGet(e).v128Store(16 * v, 2);
                    c.localGet(vacc[v]).localGet(e).f32x4Add().localSet(vacc[v]);
                }
                c.localGet(xp).i32Const(16 * nv).i32Add().localSet(xp);
                c.localGet(yp).i32Const(16 * nv).i32Add().localSet(yp);
            });
            for (int v = 1; v < nv; v++) c.localGet(vacc[0]).localGet(vacc[v]).f32x4Add().localSet(vacc[0]);
            c.localGet(vacc[0]).f32x4ExtractLane(0);
            for (int l = 1; l < 4; l++) c.localGet(vacc[0]).f32x4ExtractLane(l).f32Add();
            c.localSet(sum);
            Loops.whileFits(c, j, 1, Loops.of(cols), 1, () -> {
                c.localGet(xp).v128Load32Zero(0).localGet(vmax).f32x4Sub();
                exp.emit(c);
                c.f32x4ExtractLane(0);
                c.localSet(max); // max is no longer needed: reuse it for the tail element
                c.localGet(yp).localGet(max).f32Store(0);
                c.localGet(sum).localGet(max).f32Add().localSet(sum);
                c.localGet(xp).i32Const(4).i32Add().localSet(xp);
                c.localGet(yp).i32Const(4).i32Add().localSet(yp);
            });
            // pass 3: y *= 1 / sum
            rewind.run();
            c.f32Const(1f).localGet(sum).f32Div().localTee(sum).f32x4Splat().localSet(e);
            Loops.whileFits(c, j, width, Loops.of(cols), width, () -> {
                for (int v = 0; v < nv; v++) c.localGet(yp).localGet(yp).v128Load(16 * v, 2).localGet(e).f32x4Mul().v128Store(16 * v, 2);
                c.localGet(yp).i32Const(16 * nv).i32Add().localSet(yp);
            });
            Loops.whileFits(c, j, 1, Loops.of(cols), 1, () -> {
                c.localGet(yp).localGet(yp).f32Load(0).localGet(sum).f32Mul().f32Store(0);
                c.localGet(yp).i32Const(4).i32Add().localSet(yp);
            });
        });
        return m;
    }
}
