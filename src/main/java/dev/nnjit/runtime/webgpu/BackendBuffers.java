package dev.nnjit.runtime.webgpu;

import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.GpuTransfer;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * The buffers every program of one {@link WebGpuBackend} creates, owned by that backend: constants are uploaded once
 * (programs compiled for other input shapes share the same weight {@code Tensor} objects, so they share the buffer),
 * and every buffer is remembered so that {@link #release()} can free them all.
 */
final class BackendBuffers {
    private final GpuDevice gpu;
    private final GpuTransfer transfer;
    private final Map<Tensor, GPUBuffer> constants = new IdentityHashMap<>();
    private final List<GPUBuffer> buffers = new ArrayList<>();

    BackendBuffers(GpuDevice gpu, GpuTransfer transfer) {
        this.gpu = gpu;
        this.transfer = transfer;
    }

    /** The GPU buffer holding a constant, uploaded on first use. */
    GPUBuffer constant(Tensor value, String name) {
        GPUBuffer b = constants.get(value);
        if (b != null) return b;
        b = create(4L * value.size(), GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_DST, name);
        transfer.upload(b, value, "constant '" + name + "'");
        constants.put(value, b);
        return b;
    }

    /** A new buffer, freed by {@link #release()}. */
    GPUBuffer create(long bytes, int usage, String label) {
        GPUBuffer b = gpu.createBuffer(bytes, usage, label);
        buffers.add(b);
        return b;
    }

    /**
     * Destroys one buffer {@link #create} made (a plan evicted from the session's cache); null is ignored. It stays
     * listed ({@code ==} on JS objects does not compile to Wasm GC, and WebGPU allows destroying a buffer twice), so
     * {@link #release()} destroys it again harmlessly.
     */
    void destroy(GPUBuffer b) {
        if (b != null) b.destroy();
    }

    /** Destroys every buffer created here; programs using them must not run afterwards. */
    void release() {
        for (GPUBuffer b : buffers) b.destroy();
        buffers.clear();
        constants.clear();
    }
}
