package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Arrays;

/**
 * One tensor of a lowered program: a graph value, or a scratch tensor a lowering needs between its kernels.
 *
 * <p>On the GPU every element takes 4 bytes ({@link ScalarType}): float32 as f32, every integer dtype as i32
 * (int64 range-checked when uploaded), bool as u32 0/1. A {@link Kind#VIEW} shares the storage of its base (Reshape,
 * Squeeze, Identity, ...: same elements in the same order, another shape), so it costs no kernel and no memory.
 * An empty tensor (a dim of 0) has no storage at all.
 */
public final class GpuTensor {
    public enum Kind {
        /** A graph input, written from the feeds at the start of each run. */
        INPUT,
        /** A compile-time constant, uploaded once when the program is built. */
        CONSTANT,
        /** Computed by a kernel of the program. */
        INTERMEDIATE,
        /** Another shape over the storage of {@link #base()}. */
        VIEW
    }

    private final int id;
    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final long elements;
    private final Kind kind;
    private final Tensor constant;
    private final GpuTensor base;

    GpuTensor(int id, String name, DType dtype, int[] shape, Kind kind, Tensor constant, GpuTensor base) {
        this.id = id;
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.elements = Wgsl.product(shape);
        this.kind = kind;
        this.constant = constant;
        this.base = base;
        ScalarType.of(dtype); // rejects dtypes without a GPU representation, naming them
        if (kind == Kind.VIEW && (base == null || base.elements != elements)) {
            throw new IllegalArgumentException("view '" + name + "' " + describe() + " must have its base's element count");
        }
    }

    /** Dense index of this tensor in its program. */
    public int id() { return id; }
    public String name() { return name; }
    /** The ONNX dtype (what a read-back tensor gets). */
    public DType dtype() { return dtype; }
    public ScalarType type() { return ScalarType.of(dtype); }
    public int[] shape() { return shape.clone(); }
    public int rank() { return shape.length; }
    public long elements() { return elements; }
    public boolean isEmpty() { return elements == 0; }
    /** Bytes of GPU storage: 4 per element. */
    public long bytes() { return elements * 4; }
    public Kind kind() { return kind; }
    /** The value of a CONSTANT, else null. */
    public Tensor constant() { return constant; }
    /** The tensor a VIEW shares storage with, else null. */
    public GpuTensor base() { return base; }

    /** The tensor that owns this one's storage (itself unless a view). */
    public GpuTensor storage() { return kind == Kind.VIEW ? base.storage() : this; }

    /** "float32[2, 3]". */
    public String describe() { return dtype + Arrays.toString(shape); }

    @Override public String toString() { return "'" + name + "' " + describe() + " " + kind; }
}
