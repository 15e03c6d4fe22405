package dev.nnjit.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one function body: typed methods for the instructions nnjit's kernels use, each emitting the opcode bytes of
 * the spec's binary format (section 5.4); SIMD128 instructions are the prefix 0xFD followed by their opcode as a u32
 * LEB128 (so opcodes >= 128 take two bytes). Methods return {@code this} so that stack code reads left to right:
 * {@code c.localGet(a).localGet(b).f32x4Add()}.
 *
 * <p>Branches name their target by {@link Label}, not by depth: {@link #block}, {@link #loop} and {@link #ifThen}
 * push a label, {@link #end} pops it, and {@link #br}/{@link #brIf} compute the relative depth, so an edit that adds
 * a nesting level cannot silently retarget a branch. Operand-stack typing is not checked here: every module a test
 * builds goes through {@code wasm-validate}.
 */
public final class WasmCode {
    /** A parameter or declared local: its index in the function's local space. */
    public record Local(int index, ValType type, String name) {}

    /** An open structured-control construct ({@code block}, {@code loop} or {@code if}). */
    public static final class Label {
        private final String kind;

        private Label(String kind) { this.kind = kind; }

        @Override public String toString() { return kind; }
    }

    private final WasmModule module;
    private final int index;
    private final String name;
    private final List<Local> locals = new ArrayList<>();
    private final int paramCount;
    private final WasmBytes code = new WasmBytes();
    private final List<Label> labels = new ArrayList<>();

    WasmCode(WasmModule module, int index, String name, List<ValType> params, List<String> paramNames) {
        this.module = module;
        this.index = index;
        this.name = name;
        for (int i = 0; i < params.size(); i++) locals.add(new Local(i, params.get(i), paramNames.get(i)));
        this.paramCount = params.size();
    }

    public int index() { return index; }

    public String name() { return name; }

    public Local param(int i) {
        if (i >= paramCount) throw new IndexOutOfBoundsException("parameter " + i + " of " + paramCount);
        return locals.get(i);
    }

    /** Declares a local (zero-initialized, as the spec requires). */
    public Local local(ValType type, String name) {
        Local l = new Local(locals.size(), type, name);
        locals.add(l);
        return l;
    }

    List<String> localNames() {
        List<String> n = new ArrayList<>();
        for (Local l : locals) n.add(l.name());
        return n;
    }

    /** Locals (run-length encoded by type), the instructions and the final {@code end}. */
    WasmBytes encodeBody() {
        if (!labels.isEmpty()) throw new IllegalStateException(name + ": unclosed " + labels);
        WasmBytes b = new WasmBytes();
        List<int[]> runs = new ArrayList<>();
        for (int i = paramCount; i < locals.size(); i++) {
            int t = locals.get(i).type().code;
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == t) runs.get(runs.size() - 1)[0]++;
            else runs.add(new int[] {1, t});
        }
        b.u32(runs.size());
        for (int[] r : runs) b.u32(r[0]).u8(r[1]);
        byte[] body = code.toArray();
        b.bytes(body);
        b.u8(0x0B);
        return b;
    }

    private WasmCode op(int opcode) {
        code.u8(opcode);
        return this;
    }

    private WasmCode simd(int opcode) {
        code.u8(0xFD).u32(opcode);
        return this;
    }

    /** memarg: alignment as log2 of bytes (at most the access's natural alignment), then the byte offset. */
    private WasmCode memarg(int alignLog2, int naturalLog2, int offset) {
        if (alignLog2 < 0 || alignLog2 > naturalLog2) {
            throw new IllegalArgumentException("alignment 2^" + alignLog2 + " exceeds natural 2^" + naturalLog2);
        }
        if (offset < 0) throw new IllegalArgumentException("memarg offset must be non-negative, got " + offset);
        code.u32(alignLog2).u32(offset);
        return this;
    }

    // ---- control (5.4.1)

    public WasmCode unreachable() { return op(0x00); }

    public WasmCode nop() { return op(0x01); }

    /** {@code block} with no result; branch to it to jump past its {@code end}. */
    public Label block() { return open(0x02, "block"); }

    /** {@code loop} with no result; branch to it to jump back to its start. */
    public Label loop() { return open(0x03, "loop"); }

    /** {@code if} with no result, consuming an i32 condition. */
    public Label ifThen() { return open(0x04, "if"); }

    private Label open(int opcode, String kind) {
        code.u8(opcode).u8(0x40);
        Label l = new Label(kind);
        labels.add(l);
        return l;
    }

    public WasmCode elseBranch() {
        if (labels.isEmpty() || !labels.get(labels.size() - 1).kind.equals("if")) {
            throw new IllegalStateException("else outside if");
        }
        return op(0x05);
    }

    /** Closes {@code label}, which must be the innermost open construct. */
    public WasmCode end(Label label) {
        if (labels.isEmpty() || labels.get(labels.size() - 1) != label) {
            throw new IllegalStateException("end of " + label + " while " + labels + " are open");
        }
        labels.remove(labels.size() - 1);
        return op(0x0B);
    }

    private int depth(Label target) {
        int i = labels.lastIndexOf(target);
        if (i < 0) throw new IllegalStateException("branch to a closed " + target);
        return labels.size() - 1 - i;
    }

    public WasmCode br(Label target) { op(0x0C); code.u32(depth(target)); return this; }

    public WasmCode brIf(Label target) { op(0x0D); code.u32(depth(target)); return this; }

    public WasmCode ret() { return op(0x0F); }

    public WasmCode call(int functionIndex) { op(0x10); code.u32(functionIndex); return this; }

    public WasmCode drop() { return op(0x1A); }

    public WasmCode select() { return op(0x1B); }

    // ---- variables (5.4.5)

    public WasmCode localGet(Local l) { op(0x20); code.u32(l.index()); return this; }

    public WasmCode localSet(Local l) { op(0x21); code.u32(l.index()); return this; }

    public WasmCode localTee(Local l) { op(0x22); code.u32(l.index()); return this; }

    // ---- memory (5.4.6); offsets in bytes, alignment hints as log2

    public WasmCode i32Load(int offset) { op(0x28); return memarg(2, 2, offset); }

    public WasmCode f32Load(int offset) { op(0x2A); return memarg(2, 2, offset); }

    public WasmCode i32Store(int offset) { op(0x36); return memarg(2, 2, offset); }

    public WasmCode f32Store(int offset) { op(0x38); return memarg(2, 2, offset); }

    // ---- numeric constants (5.4.7)

    public WasmCode i32Const(int v) { op(0x41); code.s32(v); return this; }

    public WasmCode i64Const(long v) { op(0x42); code.s64(v); return this; }

    public WasmCode f32Const(float v) { op(0x43); code.f32(v); return this; }

    // ---- i32

    public WasmCode i32Eqz() { return op(0x45); }

    public WasmCode i32Eq() { return op(0x46); }

    public WasmCode i32Ne() { return op(0x47); }

    public WasmCode i32LtS() { return op(0x48); }

    public WasmCode i32LtU() { return op(0x49); }

    public WasmCode i32GtS() { return op(0x4A); }

    public WasmCode i32LeS() { return op(0x4C); }

    public WasmCode i32GeS() { return op(0x4E); }

    public WasmCode i32GeU() { return op(0x4F); }

    public WasmCode i32Add() { return op(0x6A); }

    public WasmCode i32Sub() { return op(0x6B); }

    public WasmCode i32Mul() { return op(0x6C); }

    public WasmCode i32DivS() { return op(0x6D); }

    public WasmCode i32RemS() { return op(0x6F); }

    public WasmCode i32And() { return op(0x71); }

    public WasmCode i32Or() { return op(0x72); }

    public WasmCode i32Shl() { return op(0x74); }

    public WasmCode i32ShrS() { return op(0x75); }

    public WasmCode i32ShrU() { return op(0x76); }

    // ---- f32

    public WasmCode f32Eq() { return op(0x5B); }

    public WasmCode f32Lt() { return op(0x5D); }

    public WasmCode f32Gt() { return op(0x5E); }

    public WasmCode f32Abs() { return op(0x8B); }

    public WasmCode f32Neg() { return op(0x8C); }

    public WasmCode f32Nearest() { return op(0x90); }

    public WasmCode f32Sqrt() { return op(0x91); }

    public WasmCode f32Add() { return op(0x92); }

    public WasmCode f32Sub() { return op(0x93); }

    public WasmCode f32Mul() { return op(0x94); }

    public WasmCode f32Div() { return op(0x95); }

    public WasmCode f32Min() { return op(0x96); }

    public WasmCode f32Max() { return op(0x97); }

    public WasmCode i32TruncF32S() { return op(0xA8); }

    public WasmCode f32ConvertI32S() { return op(0xB2); }

    public WasmCode i32ReinterpretF32() { return op(0xBC); }

    public WasmCode f32ReinterpretI32() { return op(0xBE); }

    // ---- SIMD128 memory (0xFD prefix); natural alignment of v128 is 2^4

    /** {@code v128.load}: 16 bytes at address + offset; {@code alignLog2} 4 promises 16-byte alignment. */
    public WasmCode v128Load(int offset, int alignLog2) { simd(0x00); return memarg(alignLog2, 4, offset); }

    /** {@code v128.load32_splat}: one f32/i32 at address + offset, copied to all four lanes. */
    public WasmCode v128Load32Splat(int offset) { simd(0x09); return memarg(2, 2, offset); }

    public WasmCode v128Store(int offset, int alignLog2) { simd(0x0B); return memarg(alignLog2, 4, offset); }

    /** {@code v128.load32_zero}: one 32-bit value into lane 0, other lanes zero. */
    public WasmCode v128Load32Zero(int offset) { simd(0x5C); return memarg(2, 2, offset); }

    // ---- SIMD128 constants, shuffles, splats, lanes

    /** {@code v128.const} of four f32 lanes (lane 0 first). */
    public WasmCode v128ConstF32(float l0, float l1, float l2, float l3) {
        simd(0x0C);
        code.f32(l0).f32(l1).f32(l2).f32(l3);
        return this;
    }

    /** {@code v128.const} of four i32 lanes, little-endian (lane 0 first). */
    public WasmCode v128ConstI32(int l0, int l1, int l2, int l3) {
        simd(0x0C);
        for (int v : new int[] {l0, l1, l2, l3}) for (int i = 0; i < 4; i++) code.u8(v >>> (8 * i));
        return this;
    }

    /** {@code i8x16.shuffle}: result byte i is byte lanes[i] of the concatenation (a, b); lanes in 0..31. */
    public WasmCode i8x16Shuffle(int... lanes) {
        if (lanes.length != 16) throw new IllegalArgumentException("i8x16.shuffle takes 16 lane indices");
        simd(0x0D);
        for (int l : lanes) {
            if (l < 0 || l > 31) throw new IllegalArgumentException("shuffle lane out of 0..31: " + l);
            code.u8(l);
        }
        return this;
    }

    /** {@code i8x16.shuffle} of whole f32 lanes: result lane i is f32 lane lanes[i] of (a, b), lanes in 0..7. */
    public WasmCode f32x4Shuffle(int l0, int l1, int l2, int l3) {
        int[] bytes = new int[16];
        int[] ls = {l0, l1, l2, l3};
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) bytes[4 * i + j] = 4 * ls[i] + j;
        return i8x16Shuffle(bytes);
    }

    public WasmCode i8x16Swizzle() { return simd(0x0E); }

    public WasmCode i32x4Splat() { return simd(0x11); }

    public WasmCode f32x4Splat() { return simd(0x13); }

    public WasmCode i32x4ExtractLane(int lane) { simd(0x1B); return lane(lane); }

    public WasmCode i32x4ReplaceLane(int lane) { simd(0x1C); return lane(lane); }

    public WasmCode f32x4ExtractLane(int lane) { simd(0x1F); return lane(lane); }

    public WasmCode f32x4ReplaceLane(int lane) { simd(0x20); return lane(lane); }

    private WasmCode lane(int lane) {
        if (lane < 0 || lane > 3) throw new IllegalArgumentException("f32x4/i32x4 lane out of 0..3: " + lane);
        code.u8(lane);
        return this;
    }

    // ---- SIMD128 comparisons (all-ones lanes where true) and bitwise

    public WasmCode f32x4Eq() { return simd(0x41); }

    public WasmCode f32x4Ne() { return simd(0x42); }

    public WasmCode f32x4Lt() { return simd(0x43); }

    public WasmCode f32x4Gt() { return simd(0x44); }

    public WasmCode f32x4Le() { return simd(0x45); }

    public WasmCode f32x4Ge() { return simd(0x46); }

    public WasmCode v128Not() { return simd(0x4D); }

    public WasmCode v128And() { return simd(0x4E); }

    /** {@code v128.andnot}: a & ~b. */
    public WasmCode v128AndNot() { return simd(0x4F); }

    public WasmCode v128Or() { return simd(0x50); }

    public WasmCode v128Xor() { return simd(0x51); }

    /** {@code v128.bitselect} (v1, v2, mask): bits of v1 where mask is 1, of v2 where it is 0. */
    public WasmCode v128Bitselect() { return simd(0x52); }

    public WasmCode v128AnyTrue() { return simd(0x53); }

    // ---- SIMD128 f32x4 arithmetic

    public WasmCode f32x4Ceil() { return simd(0x67); }

    public WasmCode f32x4Floor() { return simd(0x68); }

    public WasmCode f32x4Trunc() { return simd(0x69); }

    /** Round to nearest, ties to even. */
    public WasmCode f32x4Nearest() { return simd(0x6A); }

    public WasmCode f32x4Abs() { return simd(0xE0); }

    public WasmCode f32x4Neg() { return simd(0xE1); }

    public WasmCode f32x4Sqrt() { return simd(0xE3); }

    public WasmCode f32x4Add() { return simd(0xE4); }

    public WasmCode f32x4Sub() { return simd(0xE5); }

    public WasmCode f32x4Mul() { return simd(0xE6); }

    public WasmCode f32x4Div() { return simd(0xE7); }

    /** IEEE-style min: NaN if either lane is NaN, -0 below +0. */
    public WasmCode f32x4Min() { return simd(0xE8); }

    /** IEEE-style max: NaN if either lane is NaN, +0 above -0. */
    public WasmCode f32x4Max() { return simd(0xE9); }

    /** {@code f32x4.pmin}: b < a ? b : a (one compare-select; maps to minps). */
    public WasmCode f32x4Pmin() { return simd(0xEA); }

    /** {@code f32x4.pmax}: a < b ? b : a (maps to maxps). */
    public WasmCode f32x4Pmax() { return simd(0xEB); }

    // ---- SIMD128 i32x4 arithmetic and conversions

    public WasmCode i32x4Shl() { return simd(0xAB); }

    public WasmCode i32x4ShrS() { return simd(0xAC); }

    public WasmCode i32x4ShrU() { return simd(0xAD); }

    public WasmCode i32x4Add() { return simd(0xAE); }

    public WasmCode i32x4Sub() { return simd(0xB1); }

    public WasmCode i32x4Mul() { return simd(0xB5); }

    /** f32 to i32 per lane, truncating, saturating (NaN to 0). */
    public WasmCode i32x4TruncSatF32x4S() { return simd(0xF8); }

    public WasmCode f32x4ConvertI32x4S() { return simd(0xFA); }

    // ---- relaxed SIMD (only in modules built with WasmFeatures.relaxedSimd)

    /** {@code f32x4.relaxed_madd} (a, b, c): a * b + c, fused or not at the engine's choice. */
    public WasmCode f32x4RelaxedMadd() { return relaxed(0x105); }

    /** {@code f32x4.relaxed_nmadd} (a, b, c): -(a * b) + c, fused or not. */
    public WasmCode f32x4RelaxedNmadd() { return relaxed(0x106); }

    private WasmCode relaxed(int opcode) {
        if (!module.features().relaxedSimd()) {
            throw new IllegalStateException("relaxed SIMD opcode 0x" + Integer.toHexString(opcode)
                    + " in a module built without WasmFeatures.relaxedSimd");
        }
        return simd(opcode);
    }
}
