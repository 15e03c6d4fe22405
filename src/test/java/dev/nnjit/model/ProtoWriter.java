package dev.nnjit.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protobuf wire-format writer for building test inputs, including deliberately malformed ones
 * ({@link #tag}, {@link #rawVarint}, {@link #raw} write pieces without checks).
 */
public final class ProtoWriter {
    public static final int VARINT = 0, FIXED64 = 1, LEN = 2, FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ProtoWriter tag(int field, int wireType) { return rawVarint(((long) field << 3) | wireType); }

    public ProtoWriter rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    public ProtoWriter raw(byte... bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public ProtoWriter rawFixed32(int bits) {
        for (int i = 0; i < 4; i++) out.write((bits >>> (8 * i)) & 0xFF);
        return this;
    }

    public ProtoWriter rawFixed64(long bits) {
        for (int i = 0; i < 8; i++) out.write((int) ((bits >>> (8 * i)) & 0xFF));
        return this;
    }

    public ProtoWriter varint(int field, long v) { return tag(field, VARINT).rawVarint(v); }
    public ProtoWriter fixed32(int field, int bits) { return tag(field, FIXED32).rawFixed32(bits); }
    public ProtoWriter float32(int field, float v) { return fixed32(field, Float.floatToRawIntBits(v)); }
    public ProtoWriter fixed64(int field, long bits) { return tag(field, FIXED64).rawFixed64(bits); }
    public ProtoWriter float64(int field, double v) { return fixed64(field, Double.doubleToRawLongBits(v)); }

    public ProtoWriter bytes(int field, byte[] b) {
        tag(field, LEN).rawVarint(b.length);
        return raw(b);
    }

    public ProtoWriter string(int field, String s) { return bytes(field, s.getBytes(StandardCharsets.UTF_8)); }
    public ProtoWriter message(int field, ProtoWriter m) { return bytes(field, m.toByteArray()); }

    public ProtoWriter packedVarints(int field, long... values) {
        ProtoWriter p = new ProtoWriter();
        for (long v : values) p.rawVarint(v);
        return bytes(field, p.toByteArray());
    }

    public ProtoWriter packedFixed32(int field, int... bits) {
        ProtoWriter p = new ProtoWriter();
        for (int b : bits) p.rawFixed32(b);
        return bytes(field, p.toByteArray());
    }

    public ProtoWriter packedFloats(int field, float... values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = Float.floatToRawIntBits(values[i]);
        return packedFixed32(field, bits);
    }

    public ProtoWriter packedDoubles(int field, double... values) {
        ProtoWriter p = new ProtoWriter();
        for (double v : values) p.rawFixed64(Double.doubleToRawLongBits(v));
        return bytes(field, p.toByteArray());
    }

    public int size() { return out.size(); }
    public byte[] toByteArray() { return out.toByteArray(); }
    public ByteBuffer toBuffer() { return ByteBuffer.wrap(toByteArray()); }

    // ---- little-endian element encodings for raw_data ----

    public static byte[] le(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    public static byte[] leLongs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    public static byte[] leInts(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        return b.array();
    }

    public static byte[] leShorts(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putShort((short) x);
        return b.array();
    }

    public static byte[] bytesOf(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (byte) v[i];
        return r;
    }
}
