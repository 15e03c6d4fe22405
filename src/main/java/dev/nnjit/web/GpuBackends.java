package dev.nnjit.web;

import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.GpuException;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.runtime.webgpu.WebGpuBackend;
import dev.nnjit.schedule.AdapterLimits;

/**
 * The page's WebGPU device, acquired on first use and shared by every model loaded on the webgpu backend (with its
 * pipeline cache). A lost device is replaced at the next load.
 */
final class GpuBackends {
    private static GpuDevice device;
    private static KernelPipelines pipelines;

    private GpuBackends() {}

    /**
     * A backend on the shared device.
     *
     * @param maxStorageBufferBindingSize, maxBufferSize when positive, tighter limits to plan against (tests)
     * @param fusion whether the backend runs the GPU fusion passes when it compiles
     */
    static WebGpuBackend create(OpRegistry registry, double maxStorageBufferBindingSize, double maxBufferSize,
                                boolean fusion) {
        GpuDevice gpu = device();
        AdapterLimits cap = null;
        if (maxStorageBufferBindingSize > 0 || maxBufferSize > 0) {
            cap = gpu.limits();
            if (maxStorageBufferBindingSize > 0) {
                cap = cap.with("maxStorageBufferBindingSize", (long) maxStorageBufferBindingSize);
            }
            if (maxBufferSize > 0) cap = cap.with("maxBufferSize", (long) maxBufferSize);
        }
        return new WebGpuBackend(gpu, pipelines, registry, cap, fusion);
    }

    /**
     * Destroys the page's device (freeing its memory); models loaded on it fail with a "device was lost" error
     * until loaded again, and the next webgpu load acquires a new device. Returns whether there was one.
     */
    static boolean release() {
        if (device == null) return false;
        device.destroy();
        device = null;
        pipelines = null;
        return true;
    }

    private static GpuDevice device() {
        if (device != null) {
            try {
                device.checkHealthy("reusing the WebGPU device");
            } catch (GpuException lost) {
                device = null;
            }
        }
        if (device == null) {
            device = GpuDevice.acquire();
            pipelines = new KernelPipelines(device);
        }
        return device;
    }
}
