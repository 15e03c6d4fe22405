package dev.nnjit.runtime.wasm;

import dev.nnjit.tensor.Tensor;

/**
 * An f32 tensor of a wasm-simd program, held in the executable's linear memory. Inputs and intermediates share the
 * arena by liveness ({@link MemoryPlan}); constants that kernels read are copied in once per model, each to its own
 * region shared by every plan ({@link ModelMemory});
 * a view (Reshape and its kin) is its base's bytes under another shape.
 *
 * @param id index in {@link WasmProgram#tensors()}
 * @param constant the data of a CONSTANT, else null
 * @param base the tensor a VIEW aliases, else null
 * @param layout for a CONSTANT copied in laid out otherwise (a GEMM's weight packed, a B transposed), how; else null
 *     (copied in as it is). The shape is then the laid-out one. Constants are placed in the model's memory by
 *     ({@code constant}, {@code layout}), once for every plan ({@link ModelMemory})
 */
public record MemTensor(int id, String name, Kind kind, int[] shape, Tensor constant, MemTensor base,
                        ConstantLayout layout) {
    public enum Kind { INPUT, INTERMEDIATE, CONSTANT, VIEW }

    public MemTensor {
        shape = shape.clone();
    }

    @Override public int[] shape() { return shape.clone(); }

    /** The floats a CONSTANT puts into memory, given its decoded elements. */
    float[] laidOut(float[] decoded) { return layout == null ? decoded : layout.lay(decoded, constant.shape()); }

    public int elements() { return Tensor.checkedSize(shape, name); }

    public long bytes() { return 4L * elements(); }

    /** The tensor that owns the bytes (itself unless a view). */
    public MemTensor storage() { return base == null ? this : base.storage(); }
}
