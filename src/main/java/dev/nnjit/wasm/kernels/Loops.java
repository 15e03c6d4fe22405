package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Label;
import dev.nnjit.wasm.WasmCode.Local;

/** The counted-loop shape every kernel uses, written once. */
final class Loops {
    private Loops() {}

    /** Something that pushes one i32 (a local, a constant, an expression). */
    interface I32 {
        void push(WasmCode c);
    }

    static I32 of(Local l) { return c -> c.localGet(l); }

    static I32 of(int v) { return c -> c.i32Const(v); }

    /**
     * {@code while (i + reach <= limit) { body; i += step; }} with i an existing i32 local (signed compare): the
     * test runs before each iteration, so a range shorter than {@code reach} runs the body zero times. reach =
     * step gives whole steps only, reach = 1 gives {@code while (i < limit)}.
     */
    static void whileFits(WasmCode c, Local i, int reach, I32 limit, int step, Runnable body) {
        Label exit = c.block();
        Label again = c.loop();
        c.localGet(i);
        if (reach != 0) c.i32Const(reach).i32Add();
        limit.push(c);
        c.i32GtS().brIf(exit);
        body.run();
        c.localGet(i).i32Const(step).i32Add().localSet(i);
        c.br(again);
        c.end(again);
        c.end(exit);
    }
}
