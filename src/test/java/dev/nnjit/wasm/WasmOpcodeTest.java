package dev.nnjit.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.wasm.WasmCode.Label;
import dev.nnjit.wasm.WasmCode.Local;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every instruction method of {@link WasmCode}, each emitted once in a valid context, must validate and disassemble
 * (wabt's wasm2wat) to the mnemonic the spec gives that opcode: this is how the opcode numbers are checked.
 */
class WasmOpcodeTest {
    private record Case(String wat, Consumer<WasmCode> emit) {}

    private final List<Case> cases = new ArrayList<>();
    private Local i, f, v, w;

    private void add(String wat, Consumer<WasmCode> emit) { cases.add(new Case(wat, emit)); }

    /** Pushes operands, the op, and drops its result. */
    private void i32Binary(String wat, Consumer<WasmCode> op) {
        add(wat, c -> { c.localGet(i).localGet(i); op.accept(c); c.drop(); });
    }

    private void f32Binary(String wat, Consumer<WasmCode> op) {
        add(wat, c -> { c.localGet(f).localGet(f); op.accept(c); c.drop(); });
    }

    private void f32Unary(String wat, Consumer<WasmCode> op) {
        add(wat, c -> { c.localGet(f); op.accept(c); c.drop(); });
    }

    private void vBinary(String wat, Consumer<WasmCode> op) {
        add(wat, c -> { c.localGet(v).localGet(w); op.accept(c); c.drop(); });
    }

    private void vUnary(String wat, Consumer<WasmCode> op) {
        add(wat, c -> { c.localGet(v); op.accept(c); c.drop(); });
    }

    private void cases() {
        add("i32.load offset=4", c -> c.localGet(i).i32Load(4).drop());
        add("f32.load offset=8", c -> c.localGet(i).f32Load(8).drop());
        add("i32.store offset=12", c -> c.localGet(i).localGet(i).i32Store(12));
        add("f32.store offset=16", c -> c.localGet(i).localGet(f).f32Store(16));
        add("i32.const -123456", c -> c.i32Const(-123456).drop());
        add("i64.const -9223372036854775808", c -> c.i64Const(Long.MIN_VALUE).drop());
        add("f32.const 0x1.8p+0", c -> c.f32Const(1.5f).drop());
        add("i32.eqz", c -> c.localGet(i).i32Eqz().drop());
        i32Binary("i32.eq", WasmCode::i32Eq);
        i32Binary("i32.ne", WasmCode::i32Ne);
        i32Binary("i32.lt_s", WasmCode::i32LtS);
        i32Binary("i32.lt_u", WasmCode::i32LtU);
        i32Binary("i32.gt_s", WasmCode::i32GtS);
        i32Binary("i32.le_s", WasmCode::i32LeS);
        i32Binary("i32.ge_s", WasmCode::i32GeS);
        i32Binary("i32.ge_u", WasmCode::i32GeU);
        i32Binary("i32.add", WasmCode::i32Add);
        i32Binary("i32.sub", WasmCode::i32Sub);
        i32Binary("i32.mul", WasmCode::i32Mul);
        i32Binary("i32.div_s", WasmCode::i32DivS);
        i32Binary("i32.rem_s", WasmCode::i32RemS);
        i32Binary("i32.and", WasmCode::i32And);
        i32Binary("i32.or", WasmCode::i32Or);
        i32Binary("i32.shl", WasmCode::i32Shl);
        i32Binary("i32.shr_s", WasmCode::i32ShrS);
        i32Binary("i32.shr_u", WasmCode::i32ShrU);
        f32Binary("f32.eq", WasmCode::f32Eq);
        f32Binary("f32.lt", WasmCode::f32Lt);
        f32Binary("f32.gt", WasmCode::f32Gt);
        f32Unary("f32.abs", WasmCode::f32Abs);
        f32Unary("f32.neg", WasmCode::f32Neg);
        f32Unary("f32.nearest", WasmCode::f32Nearest);
        f32Unary("f32.sqrt", WasmCode::f32Sqrt);
        f32Binary("f32.add", WasmCode::f32Add);
        f32Binary("f32.sub", WasmCode::f32Sub);
        f32Binary("f32.mul", WasmCode::f32Mul);
        f32Binary("f32.div", WasmCode::f32Div);
        f32Binary("f32.min", WasmCode::f32Min);
        f32Binary("f32.max", WasmCode::f32Max);
        f32Unary("i32.trunc_f32_s", WasmCode::i32TruncF32S);
        add("f32.convert_i32_s", c -> c.localGet(i).f32ConvertI32S().drop());
        f32Unary("i32.reinterpret_f32", WasmCode::i32ReinterpretF32);
        add("f32.reinterpret_i32", c -> c.localGet(i).f32ReinterpretI32().drop());
        add("select", c -> c.localGet(f).localGet(f).localGet(i).select().drop());
        add("v128.load offset=32 align=4", c -> c.localGet(i).v128Load(32, 2).drop());
        add("v128.load32_splat offset=4", c -> c.localGet(i).v128Load32Splat(4).drop());
        add("v128.store offset=48", c -> c.localGet(i).localGet(v).v128Store(48, 4));
        add("v128.load32_zero offset=8", c -> c.localGet(i).v128Load32Zero(8).drop());
        add("v128.const i32x4 0x3f800000 0x40000000 0x00000000 0xbf800000",
                c -> c.v128ConstF32(1f, 2f, 0f, -1f).drop());
        add("v128.const i32x4 0xffffffff 0x00000001 0x80000000 0x7fffffff",
                c -> c.v128ConstI32(-1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE).drop());
        vBinary("i8x16.shuffle 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23",
                c -> c.f32x4Shuffle(2, 3, 4, 5));
        vBinary("i8x16.swizzle", WasmCode::i8x16Swizzle);
        add("i32x4.splat", c -> c.localGet(i).i32x4Splat().drop());
        add("f32x4.splat", c -> c.localGet(f).f32x4Splat().drop());
        vUnary("i32x4.extract_lane 1", c -> c.i32x4ExtractLane(1));
        add("i32x4.replace_lane 2", c -> c.localGet(v).localGet(i).i32x4ReplaceLane(2).drop());
        vUnary("f32x4.extract_lane 3", c -> c.f32x4ExtractLane(3));
        add("f32x4.replace_lane 0", c -> c.localGet(v).localGet(f).f32x4ReplaceLane(0).drop());
        vBinary("f32x4.eq", WasmCode::f32x4Eq);
        vBinary("f32x4.ne", WasmCode::f32x4Ne);
        vBinary("f32x4.lt", WasmCode::f32x4Lt);
        vBinary("f32x4.gt", WasmCode::f32x4Gt);
        vBinary("f32x4.le", WasmCode::f32x4Le);
        vBinary("f32x4.ge", WasmCode::f32x4Ge);
        vUnary("v128.not", WasmCode::v128Not);
        vBinary("v128.and", WasmCode::v128And);
        vBinary("v128.andnot", WasmCode::v128AndNot);
        vBinary("v128.or", WasmCode::v128Or);
        vBinary("v128.xor", WasmCode::v128Xor);
        add("v128.bitselect", c -> c.localGet(v).localGet(w).localGet(v).v128Bitselect().drop());
        vUnary("v128.any_true", WasmCode::v128AnyTrue);
        vUnary("f32x4.ceil", WasmCode::f32x4Ceil);
        vUnary("f32x4.floor", WasmCode::f32x4Floor);
        vUnary("f32x4.trunc", WasmCode::f32x4Trunc);
        vUnary("f32x4.nearest", WasmCode::f32x4Nearest);
        vUnary("f32x4.abs", WasmCode::f32x4Abs);
        vUnary("f32x4.neg", WasmCode::f32x4Neg);
        vUnary("f32x4.sqrt", WasmCode::f32x4Sqrt);
        vBinary("f32x4.add", WasmCode::f32x4Add);
        vBinary("f32x4.sub", WasmCode::f32x4Sub);
        vBinary("f32x4.mul", WasmCode::f32x4Mul);
        vBinary("f32x4.div", WasmCode::f32x4Div);
        vBinary("f32x4.min", WasmCode::f32x4Min);
        vBinary("f32x4.max", WasmCode::f32x4Max);
        vBinary("f32x4.pmin", WasmCode::f32x4Pmin);
        vBinary("f32x4.pmax", WasmCode::f32x4Pmax);
        add("i32x4.shl", c -> c.localGet(v).localGet(i).i32x4Shl().drop());
        add("i32x4.shr_s", c -> c.localGet(v).localGet(i).i32x4ShrS().drop());
        add("i32x4.shr_u", c -> c.localGet(v).localGet(i).i32x4ShrU().drop());
        vBinary("i32x4.add", WasmCode::i32x4Add);
        vBinary("i32x4.sub", WasmCode::i32x4Sub);
        vBinary("i32x4.mul", WasmCode::i32x4Mul);
        vUnary("i32x4.trunc_sat_f32x4_s", WasmCode::i32x4TruncSatF32x4S);
        vUnary("f32x4.convert_i32x4_s", WasmCode::f32x4ConvertI32x4S);
        add("f32x4.relaxed_madd", c -> c.localGet(v).localGet(w).localGet(v).f32x4RelaxedMadd().drop());
        add("f32x4.relaxed_nmadd", c -> c.localGet(v).localGet(w).localGet(v).f32x4RelaxedNmadd().drop());
    }

    @Test
    void everyInstructionDisassemblesToItsMnemonic() throws Exception {
        Wabt.assumeInstalled();
        WasmModule m = new WasmModule(WasmFeatures.RELAXED_SIMD);
        m.importMemory("env", "memory", 1, 16, true);
        WasmCode c = m.function("ops", List.of(ValType.I32, ValType.F32, ValType.V128), List.of("i", "f", "v"),
                List.of());
        i = c.param(0);
        f = c.param(1);
        v = c.param(2);
        w = c.local(ValType.V128, "w");
        cases();
        for (Case k : cases) k.emit.accept(c);
        m.export("ops", c);
        String wat = Wabt.toWat("opcodes", m.encode());
        int from = 0;
        for (Case k : cases) {
            int at = wat.indexOf(k.wat, from);
            assertTrue(at >= 0, "missing (in order) '" + k.wat + "' in:\n" + wat.substring(from));
            from = at + k.wat.length();
        }
    }

    @Test
    void controlFlowBranchesByLabel() throws Exception {
        Wabt.assumeInstalled();
        WasmModule m = new WasmModule();
        WasmCode c = m.function("sum_to", List.of(ValType.I32), List.of("n"), List.of(ValType.I32));
        Local n = c.param(0), acc = c.local(ValType.I32, "acc");
        Label done = c.block();
        Label again = c.loop();
        c.localGet(n).i32Eqz().brIf(done);
        c.localGet(acc).localGet(n).i32Add().localSet(acc);
        c.localGet(n).i32Const(1).i32Sub().localSet(n);
        c.localGet(n).i32Const(1).i32And();
        Label odd = c.ifThen();
        c.nop();
        c.elseBranch();
        c.br(again);
        c.end(odd);
        c.br(again);
        c.end(again);
        assertThrows(IllegalStateException.class, () -> c.end(odd));
        c.end(done);
        c.localGet(acc);
        m.export("sum_to", c);
        String wat = Wabt.toWat("control", m.encode());
        assertTrue(wat.contains("br_if 1 (;@1;)"), wat);
        assertTrue(wat.contains("br 1 (;@2;)") && wat.contains("br 0 (;@2;)"), wat);
    }

    @Test
    void relaxedOpcodesNeedTheFeature() {
        WasmModule m = new WasmModule();
        WasmCode c = m.function("f", List.of(), List.of(), List.of());
        assertThrows(IllegalStateException.class, c::f32x4RelaxedMadd);
    }

    @Test
    void relaxedProbeValidates() throws Exception {
        Wabt.assumeInstalled();
        String wat = Wabt.toWat("probe", WasmFeatures.relaxedSimdProbe());
        assertTrue(wat.contains("f32x4.relaxed_madd"), wat);
    }

    @Test
    void typesAreDeduplicated() {
        WasmModule m = new WasmModule();
        FuncType t = FuncType.of(List.of(ValType.I32));
        assertEquals(0, m.typeIndex(t));
        m.function("a", List.of(ValType.F32), List.of("x"), List.of());
        assertEquals(0, m.typeIndex(FuncType.of(List.of(ValType.I32))));
        assertEquals(1, m.typeIndex(FuncType.of(List.of(ValType.F32))));
    }
}
