package dev.nnjit.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.teavm.classlib.PlatformDetector;
import org.teavm.jso.typedarrays.ArrayBufferView;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Moves bytes between JS typed arrays and Java through direct ByteBuffers: every bulk transfer across the boundary
 * (model and external-data files, feeds, outputs) is one native {@code TypedArray.set}, a memcpy.
 *
 * <p>Why direct buffers: they are memory shared with JS on both targets (Wasm GC: the module's linear memory, up to
 * 2 GiB; JS: an Int8Array). TeaVM's {@code copyToJavaArray} instead fills a Java array element by element inside
 * wasm (MiniLM's 90 MB model: load 606 ms that way, 162 ms this way), aliases the page's array on the JS target,
 * and for BigInt64Array on Wasm GC fails with "start offset of BigInt64Array should be a multiple of 8" once a
 * direct buffer of odd size has been allocated (its scratch window ends up misaligned). The typed-array view over a
 * direct buffer is made right before each copy because growing linear memory detaches older views. Typed arrays use
 * the platform's byte order, little-endian on every browser platform, which the buffers are set to.
 */
final class BulkCopy {
    private BulkCopy() {}

    /**
     * A file (model, external data) for the loader. Wasm GC: {@link #copyIn}. JS target: a heap buffer over a
     * private copy, because the loader takes views at arbitrary offsets and TeaVM's JS direct buffers back them
     * with typed-array views, which must be aligned (an int64 initializer at an odd offset throws "start offset of
     * BigInt64Array should be a multiple of 8"); heap buffers have no such limit. ({@code copyToJavaArray} shares
     * the private copy there, so it is still one copy.)
     */
    static ByteBuffer fileBytes(ArrayBufferView data) {
        if (PlatformDetector.isWebAssemblyGC()) return copyIn(data);
        Int8Array copy = new Int8Array(data.getByteLength());
        copy.set(new Int8Array(data.getBuffer(), data.getByteOffset(), data.getByteLength()));
        return ByteBuffer.wrap(copy.copyToJavaArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A little-endian direct buffer holding a copy of {@code data}'s bytes (position 0, limit = byte length). */
    static ByteBuffer copyIn(ArrayBufferView data) {
        if (data.getByteLength() == 0) return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.getByteLength()).order(ByteOrder.LITTLE_ENDIAN);
        Int8Array.fromJavaBuffer(direct).set(
                new Int8Array(data.getBuffer(), data.getByteOffset(), data.getByteLength()));
        return direct;
    }

    /** A fresh JS Int8Array (own ArrayBuffer) holding bytes 0..limit of {@code direct}. */
    static Int8Array copyOut(ByteBuffer direct) {
        Int8Array out = new Int8Array(direct.limit());
        if (direct.limit() == 0) return out;
        out.set(Int8Array.fromJavaBuffer(direct));
        return out;
    }

    /** A little-endian direct buffer of {@code bytes} bytes (a heap buffer when empty: nothing to share). */
    static ByteBuffer allocate(int bytes) {
        return (bytes == 0 ? ByteBuffer.allocate(0) : ByteBuffer.allocateDirect(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
