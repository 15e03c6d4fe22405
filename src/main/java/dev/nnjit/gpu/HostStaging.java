package dev.nnjit.gpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * A reusable little-endian direct buffer for moving tensor bytes between Java and WebGPU in chunks.
 *
 * <p>Why a direct buffer: on both TeaVM targets it is memory JS can view without a copy, so a chunk goes to
 * {@code queue.writeBuffer} (which copies synchronously) or comes from a mapped range with one native
 * {@code TypedArray.set}. The JS view is re-created before every use because growing Wasm memory detaches older
 * views; and mapped ranges are copied out before {@code unmap()}, after which they read as empty. One staging buffer
 * of {@link #CHUNK_BYTES} serves a whole model, so uploading 90 MB of weights does not hold a second copy of them.
 */
public final class HostStaging {
    public static final int CHUNK_BYTES = 4 << 20;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    /** The staging bytes, cleared (position 0, limit {@link #CHUNK_BYTES}); fill it, then call {@link #write}. */
    public ByteBuffer clear() {
        buffer.clear();
        return buffer;
    }

    /** Copies staging bytes [0, bytes) into {@code target} at {@code offset} (a multiple of 4). */
    public void write(GPUQueue queue, GPUBuffer target, long offset, int bytes) {
        if (bytes == 0) return;
        buffer.clear();
        buffer.limit(bytes);
        Int8Array view = Int8Array.fromJavaBuffer(buffer);
        queue.writeBuffer(target, (double) offset, view, 0, bytes);
    }

    /**
     * Copies {@code bytes} of a mapped range starting at {@code offset} into the staging buffer and returns it
     * (position 0, limit bytes), ready to read.
     */
    public ByteBuffer read(ArrayBuffer mapped, int offset, int bytes) {
        buffer.clear();
        buffer.limit(bytes);
        if (bytes > 0) Int8Array.fromJavaBuffer(buffer).set(Int8Array.create(mapped, offset, bytes));
        return buffer;
    }
}
