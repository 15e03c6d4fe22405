package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * Transpose (any permutation, reduced by {@link WasmTransposeProblem#of}) of a contiguous f32 tensor, rows
 * [row_start, row_end) of the output (its dim 0).
 *
 * <pre>
 *   main(x, y, row_start, row_end)      byte offsets; rows of y
 *   for i0 in rows, i1 < d1, ...:  y[next] = x[i0*s0 + i1*s1 + ...]     (source pointer kept per loop level)
 * </pre>
 * A pure copy: results are bit-identical to the reference Transpose. y must not overlap x.
 */
public final class WasmTransposeKernel implements WasmKernelGenerator<WasmTransposeConfig, WasmTransposeProblem> {
    public static final WasmTransposeKernel INSTANCE = new WasmTransposeKernel();

    private WasmTransposeKernel() {}

    @Override public String family() { return "wasm_transpose"; }

    @Override public List<String> params(WasmTransposeConfig config, WasmTransposeProblem p) {
        return List.of("x", "y", "row_start", "row_end");
    }

    @Override public WasmModule module(WasmTransposeConfig config, WasmTransposeProblem p) {
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "transpose", params(config, p));
        Local x = c.param(0), y = c.param(1), start = c.param(2), end = c.param(3);
        int[] d = p.dims(), s = p.strides();
        int r = d.length;
        Local[] i = new Local[r], src = new Local[r];
        for (int l = 0; l < r; l++) {
            i[l] = c.local(ValType.I32, "i" + l);
            src[l] = c.local(ValType.I32, "src" + l);
        }
        Local dst = c.local(ValType.I32, "dst");
        c.localGet(y).localGet(start).i32Const(4 * p.rowElements()).i32Mul().i32Add().localSet(dst);
        c.localGet(x).localGet(start).i32Const(4 * s[0]).i32Mul().i32Add().localSet(src[0]);
        c.localGet(start).localSet(i[0]);
        Loops.whileFits(c, i[0], 1, Loops.of(end), 1, () -> {
            level(c, config, d, s, 1, i, src, dst);
            c.localGet(src[0]).i32Const(4 * s[0]).i32Add().localSet(src[0]);
        });
        return m;
    }

    /** The loops of output dims l.. for the source pointer src[l - 1]. */
    private static void level(WasmCode c, WasmTransposeConfig cf, int[] d, int[] s, int l, Local[] i, Local[] src,
                              Local dst) {
        c.localGet(src[l - 1]).localSet(src[l]);
        c.i32Const(0).localSet(i[l]);
        boolean innermost = l == d.length - 1;
        if (innermost && cf.vectorCopy() && s[l] == 1) {
            Loops.whileFits(c, i[l], 4, Loops.of(d[l]), 4, () -> {
                c.localGet(dst).localGet(src[l]).v128Load(0, 2).v128Store(0, 2);
                c.localGet(src[l]).i32Const(16).i32Add().localSet(src[l]);
                c.localGet(dst).i32Const(16).i32Add().localSet(dst);
            });
        }
        Loops.whileFits(c, i[l], 1, Loops.of(d[l]), 1, () -> {
            if (innermost) {
                c.localGet(dst).localGet(src[l]).f32Load(0).f32Store(0);
                c.localGet(dst).i32Const(4).i32Add().localSet(dst);
            } else {
                level(c, cf, d, s, l + 1, i, src, dst);
            }
            c.localGet(src[l]).i32Const(4 * s[l]).i32Add().localSet(src[l]);
        });
    }
}
