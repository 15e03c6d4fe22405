package dev.nnjit.gpu;

/** A WebGPU failure: no adapter, a rejected promise, a validation error, a lost device, a limit exceeded. */
public final class GpuException extends RuntimeException {
    public GpuException(String message) { super(message); }
}
