package dev.nnjit.runtime.wasm;

/**
 * How a constant's floats are laid out when copied into memory, other than as they are: packed into a GEMM's panels
 * ({@link PanelPacking}) or transposed ({@link TransposedLayout}). A value object: two plans asking for the same
 * constant {@code dev.nnjit.tensor.Tensor} in equal layouts get the same bytes ({@link ModelMemory} keys constants so).
 */
interface ConstantLayout {
    /** The shape of the laid-out tensor, given the constant's. */
    int[] shape(int[] constantShape);

    /** The floats to copy in for a constant of {@code shape} holding {@code data} (made when copied, not kept). */
    float[] lay(float[] data, int[] shape);

    /** Appended to the constant's name in the program ("@panels8T", "^T"). */
    String suffix();
}
