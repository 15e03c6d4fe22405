package dev.nnjit.web;

import dev.nnjit.graph.GraphException;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBufferView;
import org.teavm.jso.typedarrays.BigInt64Array;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * Copies tensors between JS typed arrays and the engine's CPU storage; each copy is one bulk transfer through a
 * direct buffer (see {@link BulkCopy}).
 *
 * <p>Storage mapping (see {@link JsTensor}): float storage ↔ Float32Array, integer storage (every integer dtype) ↔
 * BigInt64Array, bool ↔ Int8Array in, Uint8Array out. Outputs are always fresh arrays: an output may be a feed or a
 * model weight, and the page must not be able to change either through it.
 */
final class TensorMarshal {
    private TensorMarshal() {}

    /** A feed from the page; errors name the feed. */
    static Tensor toTensor(String name, JsTensor js) {
        if (JsObjects.isNullish(js)) throw new GraphException("feed '" + name + "' is null");
        DType dtype = DType.fromJsonName(js.getDtype());
        if (dtype == null || !dtype.isSupported()) {
            throw new GraphException("feed '" + name + "' has unsupported dtype '" + js.getDtype() + "'");
        }
        if (!JsObjects.isTypedArray(js.getShape(), "Int32Array")) {
            throw new GraphException("feed '" + name + "': shape must be an Int32Array, got "
                    + JsObjects.describe(js.getShape()));
        }
        int[] shape = new int[js.getShape().getLength()];
        BulkCopy.copyIn(js.getShape()).asIntBuffer().get(shape);
        JSObject data = js.getData();
        Object storage;
        switch (dtype.storage) {
            case FLOAT: {
                requireArray(name, data, "Float32Array", dtype);
                float[] f = new float[((ArrayBufferView) data).getLength()];
                BulkCopy.copyIn((ArrayBufferView) data).asFloatBuffer().get(f);
                storage = f;
                break;
            }
            case LONG: {
                requireArray(name, data, "BigInt64Array", dtype);
                long[] l = new long[((ArrayBufferView) data).getLength()];
                BulkCopy.copyIn((ArrayBufferView) data).asLongBuffer().get(l);
                storage = l;
                break;
            }
            default: {
                requireArray(name, data, "Int8Array", dtype);
                ByteBuffer bytes = BulkCopy.copyIn((ArrayBufferView) data);
                boolean[] b = new boolean[bytes.limit()];
                for (int i = 0; i < b.length; i++) b[i] = bytes.get(i) != 0;
                storage = b;
            }
        }
        try {
            return Tensor.of(dtype, shape, storage);
        } catch (IllegalArgumentException e) {
            throw new GraphException("feed '" + name + "': " + e.getMessage());
        }
    }

    private static void requireArray(String name, JSObject data, String ctor, DType dtype) {
        if (!JsObjects.isTypedArray(data, ctor)) {
            throw new GraphException("feed '" + name + "' (" + dtype + "): data must be a " + ctor + ", got "
                    + JsObjects.describe(data));
        }
    }

    /** An output for the page: {@code {dtype, shape: Int32Array, data}}, all freshly owned by the page. */
    static JSObject toJs(Tensor t) {
        JSObject o = JsObjects.newObject();
        JsObjects.setString(o, "dtype", t.dtype().jsonName);
        int[] shape = t.shape();
        ByteBuffer shapeBytes = direct(shape.length * 4);
        shapeBytes.asIntBuffer().put(shape);
        JsObjects.set(o, "shape", new Int32Array(BulkCopy.copyOut(shapeBytes).getBuffer()));
        JSObject data;
        switch (t.dtype().storage) {
            case FLOAT: {
                float[] f = t.floats();
                ByteBuffer b = direct(f.length * 4);
                b.asFloatBuffer().put(f);
                data = new Float32Array(BulkCopy.copyOut(b).getBuffer());
                break;
            }
            case LONG: {
                long[] l = t.longs();
                ByteBuffer b = direct(l.length * 8);
                b.asLongBuffer().put(l);
                data = new BigInt64Array(BulkCopy.copyOut(b).getBuffer());
                break;
            }
            default: {
                boolean[] v = t.bools();
                ByteBuffer b = direct(v.length);
                for (int i = 0; i < v.length; i++) b.put(i, v[i] ? (byte) 1 : 0);
                data = new Uint8Array(BulkCopy.copyOut(b).getBuffer());
            }
        }
        JsObjects.set(o, "data", data);
        return o;
    }

    private static ByteBuffer direct(int bytes) { return BulkCopy.allocate(bytes); }
}
