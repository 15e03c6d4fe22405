package dev.nnjit.codegen;

/**
 * The static facts a kernel is specialized on (shapes, dtypes, flags), as an immutable record. {@link #key()}
 * encodes all of them, so two problems with equal keys generate identical WGSL for the same config.
 */
public interface KernelProblem {
    String key();
}
