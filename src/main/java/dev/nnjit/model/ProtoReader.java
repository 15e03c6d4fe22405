package dev.nnjit.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one protobuf message: the region [start, end) of a little-endian ByteBuffer, read by absolute index.
 * The buffer's own position and limit are never touched, so one buffer is shared by every reader and lazy tensor.
 *
 * <p>Usage: {@code while (r.next()) switch (r.field()) { case 1: x = r.int64(); break; default: r.skip(); }}.
 * Typed reads check the wire type. Every error is a {@link ModelFormatException} naming the byte offset (an index
 * into the buffer, which the loader makes equal to the file offset) and this reader's {@link FieldPath}.
 *
 * <p>Safety contract: nothing is allocated from a length read off the wire before that length is checked against
 * the bytes that remain in the enclosing message, and every loop advances by at least one byte, so malformed input
 * ends in an error, never in a hang or a huge allocation. Groups (wire types 3 and 4) are rejected: ONNX never
 * uses them.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private final int start;
    private final int end;
    private final FieldPath path;
    private int pos;
    private int field;
    private int wireType = -1;
    private int tagPos = -1;

    ProtoReader(ByteBuffer buf, int start, int end, FieldPath path) {
        if (buf.order() != ByteOrder.LITTLE_ENDIAN) throw new IllegalArgumentException("buffer must be little-endian");
        if (start < 0 || end < start || end > buf.limit()) {
            throw new IllegalArgumentException("region [" + start + ", " + end + ") outside buffer of " + buf.limit());
        }
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.path = path;
        this.pos = start;
    }

    FieldPath path() { return path; }
    int start() { return start; }
    int end() { return end; }
    /** The field number of the current field (after {@link #next()}). */
    int field() { return field; }
    int wireType() { return wireType; }
    /** Offset of the current field's tag: where errors about the field point. */
    int tagPosition() { return tagPos; }
    boolean hasRemaining() { return pos < end; }

    ModelFormatException error(int at, String message) { return path.error(at, message); }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) return false;
        tagPos = pos;
        long tag = rawVarint();
        if (tag < 0 || tag > 0xFFFFFFFFL) throw error(tagPos, "field tag " + Long.toUnsignedString(tag) + " is out of range");
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field == 0) throw error(tagPos, "field number 0 is invalid");
        if (wireType == 3 || wireType == 4) {
            throw error(tagPos, "field " + field + " has wire type " + wireType
                    + " (group), which ONNX does not use and this reader does not accept");
        }
        if (wireType > FIXED32) throw error(tagPos, "field " + field + " has invalid wire type " + wireType);
        return true;
    }

    /** Skips the current field's value, whatever its wire type. */
    void skip() {
        switch (wireType) {
            case VARINT: rawVarint(); break;
            case FIXED64: need(8, "fixed64"); pos += 8; break;
            case FIXED32: need(4, "fixed32"); pos += 4; break;
            case LEN: {
                int len = lengthPrefix(); // not "pos += lengthPrefix()": Java would add to the old pos
                pos += len;
                break;
            }
            default: throw new IllegalStateException("no current field");
        }
    }

    // ---- singular values ----

    long int64() { expect(VARINT); return rawVarint(); }

    /** An int32/enum field: protobuf sign-extends negative int32 values to 64 bits on the wire. */
    int int32() { return (int) int64(); }

    float float32() {
        expect(FIXED32);
        return Float.intBitsToFloat(rawFixed32());
    }

    String string() {
        int len = lengthPrefix();
        byte[] b = new byte[len];
        buf.get(pos, b);
        pos += len;
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A length-delimited field as a sub-reader over its payload; this reader moves past it. */
    ProtoReader message(FieldPath childPath) {
        int len = lengthPrefix();
        int s = pos;
        pos += len;
        return new ProtoReader(buf, s, s + len, childPath);
    }

    /**
     * The current field's elements, for a repeated scalar field that may be packed or not: a sub-reader over the
     * packed payload (wire type 2), or over the single value (wire type {@code elementWireType}). Read it with
     * {@link #rawVarint()}, {@link #rawFixed32()} or {@link #rawFixed64()} while {@link #hasRemaining()}.
     */
    ProtoReader elements(int elementWireType) {
        if (wireType == LEN) {
            int len = lengthPrefix();
            int s = pos;
            pos += len;
            ProtoReader packed = new ProtoReader(buf, s, s + len, path);
            int size = elementWireType == FIXED32 ? 4 : elementWireType == FIXED64 ? 8 : 1;
            if (len % size != 0) {
                throw error(tagPos, "packed field " + field + " has " + len + " bytes, not a multiple of " + size);
            }
            return packed;
        }
        if (wireType != elementWireType) {
            throw error(tagPos, "field " + field + " has wire type " + wireType + ", expected " + elementWireType
                    + " or 2 (packed)");
        }
        int s = pos;
        skip();
        return new ProtoReader(buf, s, pos, path);
    }

    // ---- raw values at the cursor (no tag) ----

    /** A base-128 varint of at most 10 bytes. */
    long rawVarint() {
        int at = pos;
        int p = pos;
        long result = 0;
        for (int i = 0; i < 10; i++) {
            if (p >= end) throw error(at, "truncated varint: the enclosing message ends at byte " + end);
            int b = buf.get(p++);
            if (i == 9) {
                if (b < 0) throw error(at, "varint is longer than 10 bytes");
                if (b > 1) throw error(at, "varint overflows 64 bits");
            }
            result |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                pos = p;
                return result;
            }
        }
        throw new AssertionError("unreachable");
    }

    int rawFixed32() {
        need(4, "fixed32");
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    long rawFixed64() {
        need(8, "fixed64");
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    /**
     * Reads a length-delimited field's length prefix, checks the payload fits in this message and leaves the cursor
     * at the payload's first byte.
     */
    int lengthPrefix() {
        expect(LEN);
        int at = pos;
        long len = rawVarint();
        if (len < 0 || len > end - pos) {
            throw error(at, "field " + field + " claims " + Long.toUnsignedString(len) + " bytes but only "
                    + (end - pos) + " remain in the message (truncated?)");
        }
        return (int) len;
    }

    /** Offset of the cursor; after {@link #lengthPrefix()} it is the payload's first byte. */
    int position() { return pos; }

    /** Moves the cursor past {@code n} bytes already checked to be in the message (a payload read by hand). */
    void advance(int n) {
        if (n < 0 || n > end - pos) throw new IllegalArgumentException("advance " + n + " past end");
        pos += n;
    }

    private void expect(int wt) {
        if (wireType != wt) throw error(tagPos, "field " + field + " has wire type " + wireType + ", expected " + wt);
    }

    private void need(int n, String what) {
        if (end - pos < n) {
            throw error(pos, "truncated " + what + " value: " + (end - pos) + " of " + n
                    + " bytes before the enclosing message ends at byte " + end);
        }
    }
}
