package dev.nnjit.tensor;

import java.util.Arrays;

/**
 * A dense, row-major tensor on the CPU: a dtype, a shape and its elements.
 *
 * <p>Contract: elements are never mutated after construction (ops allocate their outputs), so tensors can be shared
 * between graph constants, feeds and results. Elements may be produced lazily ({@link TensorData}) and are then
 * cached.
 */
public final class Tensor {
    /** Java arrays are int-indexed: larger tensors are rejected with a clear error before any allocation. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final DType dtype;
    private final int[] shape;
    private final int size;
    private Object data;
    private TensorData pending;

    private Tensor(DType dtype, int[] shape, Object data, TensorData pending) {
        if (!dtype.isSupported()) throw new IllegalArgumentException("dtype " + dtype + " is not supported");
        this.dtype = dtype;
        this.shape = shape.clone();
        this.size = checkedSize(shape, "tensor");
        this.data = data;
        this.pending = pending;
        if (data != null) checkLength(data);
    }

    /** Number of elements of a shape; throws if a dim is negative or the count exceeds {@link #MAX_ELEMENTS}. */
    public static int checkedSize(int[] shape, String what) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(what + " has negative dimension in shape " + Arrays.toString(shape));
            n *= d;
            if (n > MAX_ELEMENTS) throw new IllegalArgumentException(what + " shape " + Arrays.toString(shape)
                    + " has more than " + MAX_ELEMENTS + " elements");
        }
        return (int) n;
    }

    /** Same as {@link #checkedSize(int[], String)} for ONNX's int64 dims; also rejects dims that overflow int. */
    public static int checkedSize(long[] shape, String what) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException(what + " has negative dimension in shape " + Arrays.toString(shape));
            if (d > MAX_ELEMENTS) throw new IllegalArgumentException(what + " dimension " + d + " in shape "
                    + Arrays.toString(shape) + " exceeds " + MAX_ELEMENTS);
            n *= d;
            if (n > MAX_ELEMENTS) throw new IllegalArgumentException(what + " shape " + Arrays.toString(shape)
                    + " has more than " + MAX_ELEMENTS + " elements");
        }
        return (int) n;
    }

    private void checkLength(Object d) {
        int len;
        switch (dtype.storage) {
            case FLOAT: len = ((float[]) d).length; break;
            case LONG: len = ((long[]) d).length; break;
            case BOOL: len = ((boolean[]) d).length; break;
            default: throw new IllegalStateException();
        }
        if (len != size) throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs "
                + size + " elements, got " + len);
    }

    // ---- factories ----

    public static Tensor ofFloats(int[] shape, float[] data) { return new Tensor(DType.FLOAT, shape, data, null); }

    public static Tensor ofFloats(DType dtype, int[] shape, float[] data) {
        requireStorage(dtype, DType.Storage.FLOAT);
        return new Tensor(dtype, shape, data, null);
    }

    public static Tensor ofLongs(int[] shape, long[] data) { return new Tensor(DType.INT64, shape, data, null); }

    public static Tensor ofLongs(DType dtype, int[] shape, long[] data) {
        requireStorage(dtype, DType.Storage.LONG);
        return new Tensor(dtype, shape, data, null);
    }

    public static Tensor ofBools(int[] shape, boolean[] data) { return new Tensor(DType.BOOL, shape, data, null); }

    /** A tensor whose elements come from {@code source} on first access. */
    public static Tensor lazy(DType dtype, int[] shape, TensorData source) { return new Tensor(dtype, shape, null, source); }

    /** A tensor of zeros (false for bool). */
    public static Tensor zeros(DType dtype, int[] shape) {
        int n = checkedSize(shape, "tensor");
        switch (dtype.storage) {
            case FLOAT: return new Tensor(dtype, shape, new float[n], null);
            case LONG: return new Tensor(dtype, shape, new long[n], null);
            case BOOL: return new Tensor(dtype, shape, new boolean[n], null);
            default: throw new IllegalArgumentException("dtype " + dtype + " is not supported");
        }
    }

    /** Wraps an array of the dtype's storage kind. */
    public static Tensor of(DType dtype, int[] shape, Object data) { return new Tensor(dtype, shape, data, null); }

    public static Tensor scalar(float v) { return ofFloats(new int[0], new float[] {v}); }
    public static Tensor scalarLong(long v) { return ofLongs(new int[0], new long[] {v}); }
    public static Tensor vector(long... v) { return ofLongs(new int[] {v.length}, v.clone()); }

    private static void requireStorage(DType dtype, DType.Storage s) {
        if (dtype.storage != s) throw new IllegalArgumentException("dtype " + dtype + " is not stored as " + s);
    }

    // ---- accessors ----

    public DType dtype() { return dtype; }
    public int[] shape() { return shape.clone(); }
    public int rank() { return shape.length; }
    public int dim(int axis) { return shape[axis]; }
    public int size() { return size; }

    /** Elements as floats; the array is shared: do not modify. */
    public float[] floats() { requireStorage(dtype, DType.Storage.FLOAT); return (float[]) data(); }
    /**
     * Elements as floats for a reader that needs them once (a backend copying weights into memory of its own): the
     * materialized array when there is one, else decoded afresh from the lazy source and not kept, so that the model's
     * weights are not held a second time in the Java heap. Do not modify.
     */
    public float[] floatsUncached() {
        requireStorage(dtype, DType.Storage.FLOAT);
        if (data != null) return (float[]) data;
        Object d = pending.materialize();
        checkLength(d);
        return (float[]) d;
    }

    /** Elements as longs; the array is shared: do not modify. */
    public long[] longs() { requireStorage(dtype, DType.Storage.LONG); return (long[]) data(); }
    /** Elements as booleans; the array is shared: do not modify. */
    public boolean[] bools() { requireStorage(dtype, DType.Storage.BOOL); return (boolean[]) data(); }

    /** The storage array (float[], long[] or boolean[]), materialized on first use. */
    public Object data() {
        if (data == null) {
            Object d = pending.materialize();
            checkLength(d);
            data = d;
            pending = null;
        }
        return data;
    }

    public boolean isMaterialized() { return data != null; }

    /** Element i as a double, whatever the storage (bool is 0/1). */
    public double getDouble(int i) {
        switch (dtype.storage) {
            case FLOAT: return ((float[]) data())[i];
            case LONG: return ((long[]) data())[i];
            default: return ((boolean[]) data())[i] ? 1 : 0;
        }
    }

    /** Element i as a long, whatever the storage (floats truncate toward zero). */
    public long getLong(int i) {
        switch (dtype.storage) {
            case FLOAT: return PortableCasts.toLong(((float[]) data())[i]);
            case LONG: return ((long[]) data())[i];
            default: return ((boolean[]) data())[i] ? 1 : 0;
        }
    }

    /** All elements as longs (for shape-like inputs: axes, shapes, indices). */
    public long[] toLongArray() {
        long[] r = new long[size];
        for (int i = 0; i < size; i++) r[i] = getLong(i);
        return r;
    }

    /** Same elements, another shape of equal size. */
    public Tensor reshape(int[] newShape) {
        int n = checkedSize(newShape, "reshape target");
        if (n != size) throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
        return new Tensor(dtype, newShape, data(), null);
    }

    public String describe() { return dtype + Arrays.toString(shape); }

    @Override public String toString() { return "Tensor(" + describe() + ")"; }
}
