package dev.nnjit.runtime.wasm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The one {@code WebAssembly.Memory} of a model on the wasm-simd backend (every plan of it: {@link ModelMemory} lays
 * it out), grown as plans need more, and the one way Java tensors cross into and out of it: through a direct ByteBuffer (memory shared with JavaScript on both TeaVM targets) and one
 * {@code TypedArray.set}, a memcpy. The typed-array view over the direct buffer is made right before each copy
 * because growing the engine's own memory detaches older views (platform notes, pitfall 4). (The same mechanism as
 * {@code web.BulkCopy}, which the runtime cannot depend on: that one moves files and feeds, this one tensors.)
 */
final class LinearMemory {
    private final JSObject memory;
    private final boolean shared;
    private long pages;
    private ByteBuffer scratch = ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN);

    private LinearMemory(JSObject memory, boolean shared, long pages) {
        this.memory = memory;
        this.shared = shared;
        this.pages = pages;
    }

    /**
     * A memory of at least {@code bytes} bytes that may grow to {@link ModelMemory#MAX_BYTES}, shared when the page
     * may share memory ({@link #canShare}). Growing keeps the same memory object (Workers hold it) and its addresses.
     */
    static LinearMemory create(long bytes, boolean shared) {
        long pages = pagesFor(bytes);
        return new LinearMemory(newMemory((int) Math.max(1, pages), (int) (ModelMemory.MAX_BYTES / 65536), shared),
                shared, Math.max(1, pages));
    }

    /**
     * Grows the memory to at least {@code bytes} bytes (nothing when it has them). Bytes already there stay where they
     * are; a plan's Workers started before never read past the size they started with (each plan's addresses were
     * placed before it started), so they need not see the growth.
     */
    void ensure(long bytes) {
        long needed = pagesFor(bytes);
        if (needed <= pages) return;
        grow(memory, (int) (needed - pages));
        pages = needed;
    }

    /** The memory's size in bytes. */
    long bytes() { return pages * 65536; }

    private static long pagesFor(long bytes) {
        if (bytes > ModelMemory.MAX_BYTES) {
            throw new IllegalStateException("the wasm-simd model needs " + bytes + " bytes of linear memory; at most "
                    + ModelMemory.MAX_BYTES);
        }
        return (bytes + 65535) / 65536;
    }

    JSObject js() { return memory; }

    boolean shared() { return shared; }

    /**
     * Whether memory can be shared with Workers: SharedArrayBuffer exists and the page is cross-origin isolated (in
     * Node, always). Throws {@link UnsatisfiedLinkError} on the JVM, where there is no JavaScript engine.
     */
    @JSBody(script = "return typeof SharedArrayBuffer !== 'undefined'"
            + " && (typeof crossOriginIsolated === 'undefined' || crossOriginIsolated === true);")
    static native boolean canShare();

    @JSBody(params = {"pages", "maximum", "shared"}, script = "return new WebAssembly.Memory({initial: pages,"
            + " maximum: maximum, shared: shared});")
    private static native JSObject newMemory(int pages, int maximum, boolean shared);

    @JSBody(params = {"memory", "pages"}, script = "memory.grow(pages);")
    private static native void grow(JSObject memory, int pages);

    @JSBody(params = {"memory", "address", "bytes", "src"}, script = "new Int8Array(memory.buffer, address, bytes)"
            + ".set(src.subarray(0, bytes));")
    private static native void copyIn(JSObject memory, int address, int bytes, Int8Array src);

    @JSBody(params = {"memory", "address", "bytes", "dst"}, script = "dst.set(new Int8Array(memory.buffer, address,"
            + " bytes));")
    private static native void copyOut(JSObject memory, int address, int bytes, Int8Array dst);

    private ByteBuffer scratch(int bytes) {
        if (scratch.capacity() < bytes) {
            scratch = ByteBuffer.allocateDirect(Math.max(bytes, scratch.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        scratch.clear();
        return scratch;
    }

    void writeFloats(long address, float[] data) {
        if (data.length == 0) return;
        ByteBuffer b = scratch(4 * data.length);
        b.asFloatBuffer().put(data);
        copyIn(memory, (int) address, 4 * data.length, Int8Array.fromJavaBuffer(b));
    }

    float[] readFloats(long address, int count) {
        float[] out = new float[count];
        if (count == 0) return out;
        ByteBuffer b = scratch(4 * count);
        copyOut(memory, (int) address, 4 * count, Int8Array.fromJavaBuffer(b));
        b.asFloatBuffer().get(out);
        return out;
    }
}
