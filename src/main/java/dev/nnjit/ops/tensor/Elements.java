package dev.nnjit.ops.tensor;

import dev.nnjit.tensor.PortableCasts;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;

/**
 * Storage-generic element movement, written once for {@code float[]}, {@code long[]} and {@code boolean[]}
 * (see {@link DType.Storage}). Data-movement ops describe what to move as an index map or as contiguous blocks and
 * never switch on the storage kind themselves.
 */
public final class Elements {
    private Elements() {}

    /** A zeroed array of the dtype's storage kind. */
    public static Object allocate(DType dtype, int n) {
        switch (dtype.storage) {
            case FLOAT: return new float[n];
            case LONG: return new long[n];
            case BOOL: return new boolean[n];
            default: throw new IllegalArgumentException("dtype " + dtype + " is not supported");
        }
    }

    /** Copies {@code n} contiguous elements between arrays of the same storage kind. */
    public static void copy(Object src, int srcPos, Object dst, int dstPos, int n) {
        System.arraycopy(src, srcPos, dst, dstPos, n);
    }

    /**
     * {@code out[i] = src[map[i]]}, or {@code fill} (element 0 of a tensor of src's dtype; zero/false when null)
     * where {@code map[i] < 0}. The output has src's dtype and {@code outShape}; map.length must equal its size.
     */
    public static Tensor gather(Tensor src, int[] outShape, int[] map, Tensor fill) {
        DType dt = src.dtype();
        int n = map.length;
        Object in = src.data();
        switch (dt.storage) {
            case FLOAT: {
                float[] s = (float[]) in, o = new float[n];
                float f = fill == null ? 0f : fill.floats()[0];
                for (int i = 0; i < n; i++) o[i] = map[i] >= 0 ? s[map[i]] : f;
                return Tensor.of(dt, outShape, o);
            }
            case LONG: {
                long[] s = (long[]) in, o = new long[n];
                long f = fill == null ? 0L : fill.longs()[0];
                for (int i = 0; i < n; i++) o[i] = map[i] >= 0 ? s[map[i]] : f;
                return Tensor.of(dt, outShape, o);
            }
            case BOOL: {
                boolean[] s = (boolean[]) in, o = new boolean[n];
                boolean f = fill != null && fill.bools()[0];
                for (int i = 0; i < n; i++) o[i] = map[i] >= 0 ? s[map[i]] : f;
                return Tensor.of(dt, outShape, o);
            }
            default: throw new IllegalArgumentException("dtype " + dt + " is not supported");
        }
    }

    /** A tensor of {@code shape} whose every element is element 0 of {@code value} (dtype taken from it). */
    public static Tensor filled(Tensor value, int[] shape) {
        int n = Tensor.checkedSize(shape, "filled tensor");
        DType dt = value.dtype();
        switch (dt.storage) {
            case FLOAT: {
                float[] o = new float[n];
                java.util.Arrays.fill(o, value.floats()[0]);
                return Tensor.of(dt, shape, o);
            }
            case LONG: {
                long[] o = new long[n];
                java.util.Arrays.fill(o, value.longs()[0]);
                return Tensor.of(dt, shape, o);
            }
            case BOOL: {
                boolean[] o = new boolean[n];
                java.util.Arrays.fill(o, value.bools()[0]);
                return Tensor.of(dt, shape, o);
            }
            default: throw new IllegalArgumentException("dtype " + dt + " is not supported");
        }
    }

    /**
     * A one-element tensor of {@code dtype} holding {@code v} converted as Cast would (floats truncate toward zero
     * into integers and wrap; non-zero is true). Used for fill values given as float attributes.
     */
    public static Tensor scalarOf(DType dtype, double v) {
        switch (dtype.storage) {
            case FLOAT: return Tensor.of(dtype, new int[0], new float[] {CastRules.toFloatType(dtype, (float) v)});
            case LONG: return Tensor.of(dtype, new int[0], new long[] {dtype.wrap(PortableCasts.toLong(v))});
            case BOOL: return Tensor.of(dtype, new int[0], new boolean[] {v != 0});
            default: throw new IllegalArgumentException("dtype " + dtype + " is not supported");
        }
    }
}
