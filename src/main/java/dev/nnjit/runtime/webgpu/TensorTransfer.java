package dev.nnjit.runtime.webgpu;

import dev.nnjit.graph.GraphException;
import dev.nnjit.gpu.HostStaging;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * Tensor elements to and from their GPU form (4 bytes each, little-endian): float storage as f32, integers as i32,
 * bool as u32 0/1. Integers are range-checked on the way up: WGSL has no 64-bit integers, so an int64 value outside
 * the int32 range is an error naming the tensor, the element and the value, never a silent wrap.
 */
final class TensorTransfer {
    private TensorTransfer() {}

    private static final int CHUNK = HostStaging.CHUNK_BYTES / 4;

    /** Writes all elements of {@code t} to {@code target} from byte 0; {@code what} names it in errors. */
    static void upload(HostStaging staging, GPUQueue queue, GPUBuffer target, Tensor t, String what) {
        int n = t.size();
        switch (t.dtype().storage) {
            case FLOAT: {
                float[] v = t.floats();
                for (int off = 0; off < n; off += CHUNK) {
                    int len = Math.min(CHUNK, n - off);
                    FloatBuffer fb = staging.clear().asFloatBuffer();
                    fb.put(v, off, len);
                    staging.write(queue, target, (long) off * 4, len * 4);
                }
                break;
            }
            case LONG: {
                long[] v = t.longs();
                for (int off = 0; off < n; off += CHUNK) {
                    int len = Math.min(CHUNK, n - off);
                    IntBuffer ib = staging.clear().asIntBuffer();
                    for (int i = 0; i < len; i++) {
                        long x = v[off + i];
                        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) throw outOfRange(what, t, off + i, x);
                        ib.put((int) x);
                    }
                    staging.write(queue, target, (long) off * 4, len * 4);
                }
                break;
            }
            case BOOL: {
                boolean[] v = t.bools();
                for (int off = 0; off < n; off += CHUNK) {
                    int len = Math.min(CHUNK, n - off);
                    IntBuffer ib = staging.clear().asIntBuffer();
                    for (int i = 0; i < len; i++) ib.put(v[off + i] ? 1 : 0);
                    staging.write(queue, target, (long) off * 4, len * 4);
                }
                break;
            }
            default:
                throw new GraphException(what + " has dtype " + t.dtype() + ", which the webgpu backend cannot carry");
        }
    }

    static GraphException outOfRange(String what, Tensor t, int index, long value) {
        return new GraphException(what + " (" + t.describe() + ") element " + index + " is " + value
                + ", outside the int32 range [-2147483648, 2147483647] in which the webgpu backend carries "
                + t.dtype() + " tensors (WGSL has no 64-bit integers)");
    }

    /** Reads a tensor of {@code dtype} and {@code shape} from {@code mapped} at byte {@code offset}. */
    static Tensor download(HostStaging staging, ArrayBuffer mapped, int offset, DType dtype, int[] shape) {
        int n = Tensor.checkedSize(shape, "output");
        switch (dtype.storage) {
            case FLOAT: {
                float[] out = new float[n];
                for (int off = 0; off < n; off += CHUNK) {
                    int len = Math.min(CHUNK, n - off);
                    ByteBuffer b = staging.read(mapped, offset + off * 4, len * 4);
                    b.asFloatBuffer().get(out, off, len);
                }
                return Tensor.ofFloats(dtype, shape, out);
            }
            case LONG: {
                long[] out = new long[n];
                for (int off = 0; off < n; off += CHUNK) {
                    int len = Math.min(CHUNK, n - off);
                    IntBuffer ib = staging.read(mapped, offset + off * 4, len * 4).asIntBuffer();
                    for (int i = 0; i < len; i++) out[off + i] = ib.get(i);
                }
                return Tensor.ofLongs(dtype, shape, out);
            }
            case BOOL: {
                boolean[] out = new boolean[n];
                for (int off = 0; off < n; off += CHUNK) {
                    int len = Math.min(CHUNK, n - off);
                    IntBuffer ib = staging.read(mapped, offset + off * 4, len * 4).asIntBuffer();
                    for (int i = 0; i < len; i++) out[off + i] = ib.get(i) != 0;
                }
                return Tensor.ofBools(shape, out);
            }
            default:
                throw new GraphException("output dtype " + dtype + " cannot be read back from the GPU");
        }
    }
}
