package dev.nnjit.wasm.kernels;

import dev.nnjit.wasm.ValType;
import dev.nnjit.wasm.WasmCode;
import dev.nnjit.wasm.WasmCode.Local;
import dev.nnjit.wasm.WasmModule;
import java.util.List;

/**
 * {@code out[i] = op(x[i], y[i])} (or {@code op(x[i])}) for i in [start, end), f32, contiguous.
 *
 * <pre>
 *   main(x, [y,] out, start, end)   byte offsets of x, y, out; element indices start, end
 * </pre>
 *
 * The main loop handles {@code 4 * unroll} elements per iteration with v128 loads/stores; the tail (fewer than that)
 * runs one element at a time through the same vector op on a {@code v128.load32_zero}, so the tail and the body
 * share one definition of every op (exp included). out may alias x or y (each element is read before it is written).
 */
public final class WasmElementwiseKernel implements WasmKernelGenerator<WasmElementwiseConfig, WasmElementwiseProblem> {
    public static final WasmElementwiseKernel INSTANCE = new WasmElementwiseKernel();

    private WasmElementwiseKernel() {}

    @Override public String family() { return "wasm_elementwise"; }

    @Override public List<String> params(WasmElementwiseConfig config, WasmElementwiseProblem problem) {
        return problem.op().arity == 2 ? List.of("x", "y", "out", "start", "end") : List.of("x", "out", "start", "end");
    }

    @Override public WasmModule module(WasmElementwiseConfig config, WasmElementwiseProblem p) {
        WasmModule m = KernelAbi.module(false);
        WasmCode c = KernelAbi.entry(m, "elementwise_" + p.op().name().toLowerCase(), params(config, p));
        boolean binary = p.op().arity == 2;
        int k = 0;
        Local x = c.param(k++), y = binary ? c.param(k++) : null, out = c.param(k++);
        Local start = c.param(k++), end = c.param(k);
        Local i = c.local(ValType.I32, "i");
        VectorExp exp = p.op() == WasmElementwiseProblem.Op.EXP ? new VectorExp(c, "") : null;
        VectorActivation act = p.op().activation == null ? null : new VectorActivation(c, p.op().activation, "");
        // turn the byte offsets into pointers at element start
        for (Local base : binary ? new Local[] {x, y, out} : new Local[] {x, out}) {
            c.localGet(base).localGet(start).i32Const(2).i32Shl().i32Add().localSet(base);
        }
        c.localGet(start).localSet(i);
        int u = config.unroll();
        Loops.whileFits(c, i, 4 * u, Loops.of(end), 4 * u, () -> {
            for (int v = 0; v < u; v++) {
                c.localGet(out);
                c.localGet(x).v128Load(16 * v, 2);
                if (binary) c.localGet(y).v128Load(16 * v, 2);
                op(c, p.op(), exp, act);
                c.v128Store(16 * v, 2);
            }
            advance(c, binary ? new Local[] {x, y, out} : new Local[] {x, out}, 16 * u);
        });
        Loops.whileFits(c, i, 1, Loops.of(end), 1, () -> {
            c.localGet(out);
            c.localGet(x).v128Load32Zero(0);
            if (binary) c.localGet(y).v128Load32Zero(0);
            op(c, p.op(), exp, act);
            c.f32x4ExtractLane(0).f32Store(0);
            advance(c, binary ? new Local[] {x, y, out} : new Local[] {x, out}, 4);
        });
        return m;
    }

    private static void advance(WasmCode c, Local[] pointers, int bytes) {
        for (Local q : pointers) c.localGet(q).i32Const(bytes).i32Add().localSet(q);
    }

    /** Operands (one or two v128) on the stack -> the result v128. */
    static void op(WasmCode c, WasmElementwiseProblem.Op op, VectorExp exp, VectorActivation act) {
        switch (op) {
            case ADD: c.f32x4Add(); break;
            case SUB: c.f32x4Sub(); break;
            case MUL: c.f32x4Mul(); break;
            case DIV: c.f32x4Div(); break;
            case MAX: c.f32x4Max(); break;
            case RELU: c.v128ConstF32(0f, 0f, 0f, 0f).f32x4Max(); break;
            case EXP: exp.emit(c); break;
            case GELU: case GELU_TANH: case SILU: act.emit(c); break;
            default: throw new IllegalStateException("unhandled op " + op);
        }
    }
}
