package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * {@link WasmBroadcastProblem}: {@code out[r][j] = op(x[r][j], y[j] or y[0])} for rows [row_start, row_end).
 *
 * <pre>
 *   main(x, y, out, row_start, row_end)    byte offsets; rows of inner elements
 * </pre>
 * The op is {@link WasmElementwiseKernel}'s (one definition per op); 4 * unroll lanes per iteration, then one
 * element at a time. out may alias x.
 */
public final class WasmBroadcastKernel implements WasmKernelGenerator<WasmElementwiseConfig, WasmBroadcastProblem> {
    public static final WasmBroadcastKernel INSTANCE = new WasmBroadcastKernel();

    private WasmBroadcastKernel() {}

    @Override public String family() { return "wasm_broadcast"; }

    @Override public List<String> params(WasmElementwiseConfig config, WasmBroadcastProblem p) {
        return List.of("x", "y", "out", "row_start", "row_end");
    }

    @Override public WasmModule module(WasmElementwiseConfig config, WasmBroadcastProblem p) {
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "broadcast_" + p.op().name().toLowerCase(), params(config, p));
        Local x = c.param(0), y = c.param(1), out = c.param(2), start = c.param(3), end = c.param(4);
        Local row = c.local(ValType.I32, "row"), j = c.local(ValType.I32, "j");
        Local xp = c.local(ValType.I32, "xp"), yp = c.local(ValType.I32, "yp"), op = c.local(ValType.I32, "op");
        Local ys = c.local(ValType.V128, "y_splat");
        int inner = p.inner(), u = config.unroll();
        if (p.yScalar()) c.localGet(y).v128Load32Splat(0).localSet(ys);
        c.localGet(x).localGet(start).i32Const(4 * inner).i32Mul().i32Add().localSet(xp);
        c.localGet(out).localGet(start).i32Const(4 * inner).i32Mul().i32Add().localSet(op);
        c.localGet(start).localSet(row);
        Loops.whileFits(c, row, 1, Loops.of(end), 1, () -> {
            c.localGet(y).localSet(yp);
            c.i32Const(0).localSet(j);
            Loops.whileFits(c, j, 4 * u, Loops.of(inner), 4 * u, () -> {
                for (int v = 0; v < u; v++) {
                    c.localGet(op);
                    c.localGet(xp).v128Load(16 * v, 2);
                    if (p.yScalar()) c.localGet(ys);
                    else c.localGet(yp).v128Load(16 * v, 2);
                    WasmElementwiseKernel.op(c, p.op(), null, null);
                    c.v128Store(16 * v, 2);
                }
                for (Local q : new Local[] {xp, yp, op}) c.localGet(q).i32Const(16 * u).i32Add().localSet(q);
            });
            Loops.whileFits(c, j, 1, Loops.of(inner), 1, () -> {
                c.localGet(op);
                c.localGet(xp).v128Load32Zero(0);
                if (p.yScalar()) c.localGet(ys);
                else c.localGet(yp).v128Load32Zero(0);
                WasmElementwiseKernel.op(c, p.op(), null, null);
                c.f32x4ExtractLane(0).f32Store(0);
                for (Local q : new Local[] {xp, yp, op}) c.localGet(q).i32Const(4).i32Add().localSet(q);
            });
        });
        return m;
    }
}
