package dev.nnjit.runtime;

import dev.nnjit.tensor.DType;

/**
 * A tensor that stayed in a backend's memory after a run (an output not read back, or an input's buffer), named in
 * {@link RunOptions#onDevice()} and returned in {@link RunResult#device()}: the source of a {@link DeviceCopy} into a
 * later run's input. Valid until the plan that produced it runs again past its copies, or is released; a copy from a
 * released plan fails with an error, never silently.
 */
public interface DeviceValue {
    /** The graph output or input name. */
    String name();

    DType dtype();

    int[] shape();
}
