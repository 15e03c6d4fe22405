package dev.nnjit.gpu;

import dev.nnjit.graph.GraphException;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * The one upload and readback path between Java arrays and GPU buffers (browser only), in chunks of one
 * {@link HostStaging} buffer. Elements travel in their GPU form (4 bytes each, little-endian): float storage as f32,
 * integers as i32, bool as u32 0/1. Integers are range-checked on the way up: WGSL has no 64-bit integers, so an
 * int64 value outside the int32 range is an error naming the tensor, the element and the value, never a silent wrap.
 *
 * <p>TeaVM pitfalls this keeps clear of (platform notes): chunks go through the direct staging buffer, whose JS view
 * {@link HostStaging} re-creates before every use (views go stale on Wasm GC when memory grows); readback copies a
 * mapped range into staging before the caller unmaps it (the JS target aliases, and reads NaN after unmap); bulk
 * reads go through {@code asFloatBuffer()/asIntBuffer()} of a staging buffer at position 0 (ByteBuffer bulk reads at
 * unaligned offsets fail on the JS target).
 *
 * <p>Readback contract: the caller maps the buffer, passes {@link GPUBuffer#getMappedRange()} here, and unmaps after.
 */
public final class GpuTransfer {
    private static final int CHUNK = HostStaging.CHUNK_BYTES / 4;

    private final GpuDevice gpu;
    private final HostStaging staging = new HostStaging();

    public GpuTransfer(GpuDevice gpu) { this.gpu = gpu; }

    /** Writes all elements of {@code t} to {@code target} from byte 0; {@code what} names it in errors. */
    public void upload(GPUBuffer target, Tensor t, String what) {
        int n = t.size();
        switch (t.dtype().storage) {
            case FLOAT:
                upload(target, t.floats());
                break;
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
                    staging.write(gpu.queue(), target, (long) off * 4, len * 4);
                }
                break;
            }
            case BOOL: {
                boolean[] v = t.bools();
                for (int off = 0; off < n; off += CHUNK) {
                    int len = Math.min(CHUNK, n - off);
                    IntBuffer ib = staging.clear().asIntBuffer();
                    for (int i = 0; i < len; i++) ib.put(v[off + i] ? 1 : 0);
                    staging.write(gpu.queue(), target, (long) off * 4, len * 4);
                }
                break;
            }
            default:
                throw new GraphException(what + " has dtype " + t.dtype() + ", which the webgpu backend cannot carry");
        }
    }

    /** Writes {@code v} as f32 to {@code target} from byte 0. */
    public void upload(GPUBuffer target, float[] v) {
        for (int off = 0; off < v.length; off += CHUNK) {
            int len = Math.min(CHUNK, v.length - off);
            FloatBuffer fb = staging.clear().asFloatBuffer();
            fb.put(v, off, len);
            staging.write(gpu.queue(), target, (long) off * 4, len * 4);
        }
    }

    /** Writes {@code value} as f32 into the first {@code elements} elements of {@code target} (NaN: a sentinel). */
    public void fill(GPUBuffer target, long elements, float value) {
        for (long off = 0; off < elements; off += CHUNK) {
            int len = (int) Math.min(CHUNK, elements - off);
            FloatBuffer fb = staging.clear().asFloatBuffer();
            for (int i = 0; i < len; i++) fb.put(value);
            staging.write(gpu.queue(), target, off * 4, len * 4);
        }
    }

    private static GraphException outOfRange(String what, Tensor t, int index, long value) {
        return new GraphException(what + " (" + t.describe() + ") element " + index + " is " + value
                + ", outside the int32 range [-2147483648, 2147483647] in which the webgpu backend carries "
                + t.dtype() + " tensors (WGSL has no 64-bit integers)");
    }

    /** Reads a tensor of {@code dtype} and {@code shape} from a mapped range at byte {@code offset}. */
    public Tensor download(ArrayBuffer mapped, int offset, DType dtype, int[] shape) {
        int n = Tensor.checkedSize(shape, "output");
        switch (dtype.storage) {
            case FLOAT:
                return Tensor.ofFloats(dtype, shape, downloadFloats(mapped, offset, n));
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

    /** Reads {@code n} f32 elements from a mapped range at byte {@code offset}. */
    public float[] downloadFloats(ArrayBuffer mapped, int offset, int n) {
        float[] out = new float[n];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            ByteBuffer b = staging.read(mapped, offset + off * 4, len * 4);
            b.asFloatBuffer().get(out, off, len);
        }
        return out;
    }
}
