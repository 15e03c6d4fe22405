package dev.nnjit.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** LEB128 and constant encodings against hand-computed bytes (spec 5.2.2 and its examples). */
class WasmBytesTest {
    private static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (byte) v[i];
        return r;
    }

    @Test
    void unsignedLeb128() {
        assertArrayEquals(b(0x00), new WasmBytes().u32(0).toArray());
        assertArrayEquals(b(0x7F), new WasmBytes().u32(127).toArray());
        assertArrayEquals(b(0x80, 0x01), new WasmBytes().u32(128).toArray());
        assertArrayEquals(b(0xE5, 0x8E, 0x26), new WasmBytes().u32(624485).toArray());
        assertArrayEquals(b(0x85, 0x02), new WasmBytes().u32(0x105).toArray()); // f32x4.relaxed_madd's opcode
        assertArrayEquals(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), new WasmBytes().u32(-1).toArray()); // 2^32 - 1
        assertArrayEquals(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
                new WasmBytes().u64(-1L).toArray());
    }

    @Test
    void signedLeb128() {
        assertArrayEquals(b(0x00), new WasmBytes().s32(0).toArray());
        assertArrayEquals(b(0x3F), new WasmBytes().s32(63).toArray());
        assertArrayEquals(b(0xC0, 0x00), new WasmBytes().s32(64).toArray());
        assertArrayEquals(b(0x7F), new WasmBytes().s32(-1).toArray());
        assertArrayEquals(b(0x40), new WasmBytes().s32(-64).toArray());
        assertArrayEquals(b(0xBF, 0x7F), new WasmBytes().s32(-65).toArray());
        assertArrayEquals(b(0xC0, 0xBB, 0x78), new WasmBytes().s32(-123456).toArray());
        assertArrayEquals(b(0x80, 0x80, 0x80, 0x80, 0x78), new WasmBytes().s32(Integer.MIN_VALUE).toArray());
        assertArrayEquals(b(0xFF, 0xFF, 0xFF, 0xFF, 0x07), new WasmBytes().s32(Integer.MAX_VALUE).toArray());
        assertArrayEquals(b(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F),
                new WasmBytes().s64(Long.MIN_VALUE).toArray());
    }

    @Test
    void f32AndNames() {
        assertArrayEquals(b(0x00, 0x00, 0x80, 0x3F), new WasmBytes().f32(1f).toArray());
        assertArrayEquals(b(0x00, 0x00, 0xC0, 0x7F), new WasmBytes().f32(Float.NaN).toArray());
        assertArrayEquals(b(0x03, 'a', 0xC3, 0xA9), new WasmBytes().name("a\u00e9").toArray());
    }
}
