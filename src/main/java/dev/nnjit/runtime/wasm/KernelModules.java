package dev.nnjit.runtime.wasm;

import dev.nnjit.gpu.Settled;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Compiled kernel modules ({@code WebAssembly.Module}), one per kernel cache key for the whole page: a kernel shared
 * by programs, models or shapes is compiled once ({@link KernelThreads} instantiates them on each memory and
 * thread). Compiling is asynchronous (Chromium refuses synchronous compiles over 4 KB on the main thread); the
 * promise is settled in JavaScript and awaited through
 * {@link Settled}, so a rejected one becomes a Java exception on both targets.
 */
final class KernelModules {
    private static final Map<String, JSObject> compiled = new HashMap<>();

    private KernelModules() {}

    /** The kernel's module, compiled on first use. */
    static JSObject module(WasmKernelInstance k) {
        JSObject m = compiled.get(k.cacheKey());
        if (m == null) {
            byte[] bytes = k.wasm();
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
            direct.put(bytes);
            m = Settled.await(compile(Int8Array.fromJavaBuffer(direct)), "compiling wasm kernel " + k.cacheKey());
            compiled.put(k.cacheKey(), m);
        }
        return m;
    }

    /**
     * Whether this engine accepts the kernel's module ({@code WebAssembly.validate}): how features beyond SIMD128
     * (relaxed SIMD) are detected, on a small module from the same generator that would use them.
     */
    static boolean validates(WasmKernelInstance k) {
        byte[] bytes = k.wasm();
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(bytes);
        return validate(Int8Array.fromJavaBuffer(direct));
    }

    @JSBody(params = "bytes", script = "return WebAssembly.validate(new Uint8Array(bytes.buffer, bytes.byteOffset,"
            + " bytes.byteLength).slice());")
    private static native boolean validate(Int8Array bytes);

    /** Number of distinct modules compiled on this page so far. */
    static int count() { return compiled.size(); }

    @JSBody(params = "bytes", script = "return WebAssembly.compile(new Uint8Array(bytes.buffer, bytes.byteOffset,"
            + " bytes.byteLength).slice());")
    private static native JSPromise<JSObject> compile(Int8Array bytes);

}
