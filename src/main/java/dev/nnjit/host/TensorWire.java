package dev.nnjit.host;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Tensor data as it crosses the JVM ↔ page boundary (see harness.js): base64 of little-endian bytes in the engine's
 * storage kind — float32 for float32/float16/bfloat16, int64 for every integer dtype, one byte 0/1 for bool. Float
 * bits are carried exactly (NaN payloads included), so Wasm GC results can be compared bitwise.
 */
final class TensorWire {
    private TensorWire() {}

    static String encode(Tensor t) {
        ByteBuffer b;
        switch (t.dtype().storage) {
            case FLOAT: {
                float[] f = t.floats();
                b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(f);
                break;
            }
            case LONG: {
                long[] l = t.longs();
                b = ByteBuffer.allocate(l.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                b.asLongBuffer().put(l);
                break;
            }
            case BOOL: {
                boolean[] v = t.bools();
                b = ByteBuffer.allocate(v.length);
                for (boolean x : v) b.put(x ? (byte) 1 : 0);
                break;
            }
            default:
                throw new IllegalArgumentException("dtype " + t.dtype() + " cannot be sent to the browser");
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Decodes data the page sent for a tensor of {@code dtype} and {@code shape}; checks the byte count. */
    static Tensor decode(String name, DType dtype, int[] shape, String b64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        int n = Tensor.checkedSize(shape, "output '" + name + "'");
        int width = dtype.storage == DType.Storage.FLOAT ? 4 : dtype.storage == DType.Storage.LONG ? 8 : 1;
        if (b.remaining() != (long) n * width) {
            throw new IllegalStateException("output '" + name + "' (" + dtype + ", " + n + " elements) arrived with "
                    + b.remaining() + " bytes, expected " + (long) n * width);
        }
        switch (dtype.storage) {
            case FLOAT: {
                float[] f = new float[n];
                b.asFloatBuffer().get(f);
                return Tensor.ofFloats(dtype, shape, f);
            }
            case LONG: {
                long[] l = new long[n];
                b.asLongBuffer().get(l);
                return Tensor.ofLongs(dtype, shape, l);
            }
            case BOOL: {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = b.get() != 0;
                return Tensor.ofBools(shape, v);
            }
            default:
                throw new IllegalStateException("output '" + name + "' has unsupported dtype " + dtype);
        }
    }
}
