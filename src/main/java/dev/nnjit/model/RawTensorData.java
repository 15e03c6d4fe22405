package dev.nnjit.model;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Elements stored as ONNX raw bytes (raw_data or an external file): fixed-width little-endian, bool one byte each.
 * Holds only a view of the model's bytes; the Java array is built on first use with bulk buffer reads.
 *
 * <p>Contract: the slice holds exactly {@code count * dtype.byteSize} bytes (checked by the decoder).
 */
final class RawTensorData implements TensorData {
    private final ByteBuffer bytes;
    private final DType dtype;
    private final int count;

    RawTensorData(ByteBuffer bytes, DType dtype, int count) {
        if ((long) count * dtype.byteSize != bytes.remaining()) {
            throw new IllegalArgumentException(bytes.remaining() + " bytes for " + count + " " + dtype);
        }
        this.bytes = bytes;
        this.dtype = dtype;
        this.count = count;
    }

    @Override public Object materialize() {
        ByteBuffer b = viewable();
        int n = count;
        switch (dtype) {
            case FLOAT: {
                float[] r = new float[n];
                b.asFloatBuffer().get(r);
                return r;
            }
            case INT64: {
                long[] r = new long[n];
                b.asLongBuffer().get(r);
                return r;
            }
            case INT32:
            case UINT32: {
                int[] tmp = new int[n];
                b.asIntBuffer().get(tmp);
                long[] r = new long[n];
                if (dtype == DType.INT32) for (int i = 0; i < n; i++) r[i] = tmp[i];
                else for (int i = 0; i < n; i++) r[i] = tmp[i] & 0xFFFFFFFFL;
                return r;
            }
            case FLOAT16:
            case BFLOAT16: {
                short[] tmp = new short[n];
                b.asShortBuffer().get(tmp);
                float[] r = new float[n];
                if (dtype == DType.FLOAT16) for (int i = 0; i < n; i++) r[i] = Float16.toFloat(tmp[i] & 0xFFFF);
                else for (int i = 0; i < n; i++) r[i] = Float16.bfloat16ToFloat(tmp[i] & 0xFFFF);
                return r;
            }
            case INT16:
            case UINT16: {
                short[] tmp = new short[n];
                b.asShortBuffer().get(tmp);
                long[] r = new long[n];
                if (dtype == DType.INT16) for (int i = 0; i < n; i++) r[i] = tmp[i];
                else for (int i = 0; i < n; i++) r[i] = tmp[i] & 0xFFFF;
                return r;
            }
            case INT8:
            case UINT8: {
                byte[] tmp = new byte[n];
                b.get(tmp);
                long[] r = new long[n];
                if (dtype == DType.INT8) for (int i = 0; i < n; i++) r[i] = tmp[i];
                else for (int i = 0; i < n; i++) r[i] = tmp[i] & 0xFF;
                return r;
            }
            case BOOL: {
                byte[] tmp = new byte[n];
                b.get(tmp);
                boolean[] r = new boolean[n];
                for (int i = 0; i < n; i++) r[i] = tmp[i] != 0;
                return r;
            }
            default:
                throw new IllegalStateException("dtype " + dtype + " has no raw decoding");
        }
    }

    /**
     * A little-endian cursor over the elements that typed views ({@code asFloatBuffer()} ...) can read in bulk on
     * every platform. TeaVM 0.16's JavaScript ByteBuffer implements those views as JS typed arrays, which throw
     * unless the offset is a multiple of the element size, and protobuf does not align raw_data. So an array-backed
     * buffer at an unaligned offset is first copied (one bulk copy of this tensor's bytes, garbage right after).
     * Buffers without an array (the JVM's memory-mapped files) are viewed directly: the JVM reads unaligned views.
     * In the browser, hand the loader an array-backed buffer ({@code ByteBuffer.wrap(bytes)}).
     */
    private ByteBuffer viewable() {
        // duplicate(): an independent cursor, so concurrent or repeated materialization cannot interfere.
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = dtype.byteSize;
        if (size == 1 || !b.hasArray() || (b.arrayOffset() + b.position()) % size == 0) return b;
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
    }
}
