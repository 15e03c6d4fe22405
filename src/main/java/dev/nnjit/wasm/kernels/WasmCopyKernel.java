package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * Copies rows [row_start, row_end) of a {@link WasmCopyProblem}: each row's floats in {@code 4 * unroll}-float v128
 * blocks, then one float at a time. Bit-exact (loads and stores only); source and destination must not overlap.
 *
 * <pre>
 *   main(src, dst, row_start, row_end)     byte offsets; rows
 * </pre>
 */
public final class WasmCopyKernel implements WasmKernelGenerator<WasmElementwiseConfig, WasmCopyProblem> {
    public static final WasmCopyKernel INSTANCE = new WasmCopyKernel();

    private WasmCopyKernel() {}

    @Override public String family() { return "wasm_copy"; }

    @Override public List<String> params(WasmElementwiseConfig config, WasmCopyProblem p) {
        return List.of("src", "dst", "row_start", "row_end");
    }

    @Override public WasmModule module(WasmElementwiseConfig config, WasmCopyProblem p) {
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "copy_rows", params(config, p));
        Local src = c.param(0), dst = c.param(1), rowStart = c.param(2), rowEnd = c.param(3);
        Local r = c.local(ValType.I32, "r"), s = c.local(ValType.I32, "s"), d = c.local(ValType.I32, "d");
        Local i = c.local(ValType.I32, "i");
        int u = config.unroll(), rowBytes = 4 * p.cols();
        c.localGet(rowStart).localSet(r);
        Loops.whileFits(c, r, 1, Loops.of(rowEnd), 1, () -> {
            c.localGet(src).localGet(r).i32Const(4 * p.srcStride()).i32Mul().i32Add().localSet(s);
            c.localGet(dst).localGet(r).i32Const(4 * p.dstStride()).i32Mul().i32Add().localSet(d);
            c.i32Const(0).localSet(i);
            Loops.whileFits(c, i, 16 * u, Loops.of(rowBytes), 16 * u, () -> {
                for (int v = 0; v < u; v++) {
                    c.localGet(d).localGet(i).i32Add();
                    c.localGet(s).localGet(i).i32Add().v128Load(16 * v, 2);
                    c.v128Store(16 * v, 2);
                }
            });
            Loops.whileFits(c, i, 4, Loops.of(rowBytes), 4, () -> {
                c.localGet(d).localGet(i).i32Add();
                c.localGet(s).localGet(i).i32Add().f32Load(0);
                c.f32Store(0);
            });
        });
        return m;
    }
}
