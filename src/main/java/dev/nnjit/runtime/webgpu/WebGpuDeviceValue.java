package dev.nnjit.runtime.webgpu;

import dev.nnjit.runtime.DeviceValue;
import dev.nnjit.tensor.DType;

/** A tensor left in a {@link WebGpuExecutable}'s buffers after its run: the executable and the program's tensor. */
record WebGpuDeviceValue(WebGpuExecutable executable, GpuTensor tensor, String name) implements DeviceValue {
    @Override public DType dtype() { return tensor.dtype(); }

    @Override public int[] shape() { return tensor.shape(); }
}
