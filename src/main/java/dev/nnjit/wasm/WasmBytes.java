package dev.nnjit.wasm;

import java.util.Arrays;

/**
 * A growable little-endian byte buffer with the encodings of the WebAssembly binary format (spec section 5.2):
 * unsigned and signed LEB128 for 32- and 64-bit integers, IEEE-754 f32 in 4 little-endian bytes, UTF-8 names as
 * a length-prefixed vector. TeaVM-safe (plain arrays).
 */
public final class WasmBytes {
    private byte[] data = new byte[64];
    private int size;

    public int size() { return size; }

    public byte[] toArray() { return Arrays.copyOf(data, size); }

    public WasmBytes u8(int b) {
        if (size == data.length) data = Arrays.copyOf(data, data.length * 2);
        data[size++] = (byte) b;
        return this;
    }

    public WasmBytes bytes(byte[] b) {
        for (byte x : b) u8(x);
        return this;
    }

    /** {@code u32}: unsigned LEB128 of the 32 bits of {@code v} read as unsigned (so -1 is 2^32 - 1). */
    public WasmBytes u32(int v) {
        return u64(v & 0xFFFFFFFFL);
    }

    /** Unsigned LEB128 of the 64 bits of {@code v} read as unsigned. */
    public WasmBytes u64(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            u8(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** {@code s32}: signed LEB128, shortest form. */
    public WasmBytes s32(int v) {
        return s64(v);
    }

    /** {@code s64}: signed LEB128, shortest form (stop once the remaining bits are the sign extension of bit 6). */
    public WasmBytes s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            u8(done ? b : b | 0x80);
            if (done) return this;
        }
    }

    /** An f32 constant: its IEEE-754 bits, little-endian (NaN payloads kept). */
    public WasmBytes f32(float v) {
        int bits = Float.floatToRawIntBits(v);
        for (int i = 0; i < 4; i++) u8(bits >>> (8 * i));
        return this;
    }

    /** A name: u32 byte length, then UTF-8 bytes. */
    public WasmBytes name(String s) {
        byte[] b = utf8(s);
        u32(b.length);
        return bytes(b);
    }

    /** A length-prefixed (u32) copy of another buffer: how sections and function bodies are framed. */
    public WasmBytes sized(WasmBytes body) {
        u32(body.size);
        for (int i = 0; i < body.size; i++) u8(body.data[i]);
        return this;
    }

    private static byte[] utf8(String s) {
        WasmBytes out = new WasmBytes();
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (Character.isSupplementaryCodePoint(c)) i++;
            if (c < 0x80) {
                out.u8(c);
            } else if (c < 0x800) {
                out.u8(0xC0 | (c >> 6)).u8(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                out.u8(0xE0 | (c >> 12)).u8(0x80 | ((c >> 6) & 0x3F)).u8(0x80 | (c & 0x3F));
            } else {
                out.u8(0xF0 | (c >> 18)).u8(0x80 | ((c >> 12) & 0x3F)).u8(0x80 | ((c >> 6) & 0x3F))
                        .u8(0x80 | (c & 0x3F));
            }
        }
        return out.toArray();
    }
}
