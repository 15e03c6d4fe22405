package dev.nnjit.web;

import dev.nnjit.graph.GraphException;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import org.teavm.classlib.PlatformDetector;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.BigInt64Array;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Copies tensors between JS typed arrays and the engine's CPU storage, one bulk copy per tensor.
 *
 * <p>Storage mapping (see {@link JsTensor}): float storage ↔ Float32Array, integer storage (every integer dtype) ↔
 * BigInt64Array, bool ↔ Int8Array in, Uint8Array out. TeaVM's {@code copyToJavaArray}/{@code copyFromJavaArray}
 * are single bulk transfers on Wasm GC (through a linear-memory window). On the JS target they alias instead of
 * copying, so outputs are copied once more there: an output may be a feed or a model weight, and the page must
 * not be able to change either through it.
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
        int[] shape = js.getShape().copyToJavaArray();
        JSObject data = js.getData();
        Object storage;
        switch (dtype.storage) {
            case FLOAT:
                requireArray(name, data, "Float32Array", dtype);
                storage = ((Float32Array) data).copyToJavaArray();
                break;
            case LONG:
                requireArray(name, data, "BigInt64Array", dtype);
                storage = ((BigInt64Array) data).copyToJavaArray();
                break;
            default: {
                requireArray(name, data, "Int8Array", dtype);
                byte[] bytes = ((Int8Array) data).copyToJavaArray();
                boolean[] b = new boolean[bytes.length];
                for (int i = 0; i < b.length; i++) b[i] = bytes[i] != 0;
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
        JsObjects.set(o, "shape", Int32Array.copyFromJavaArray(t.shape())); // shape() is already a fresh copy
        JSObject data;
        switch (t.dtype().storage) {
            case FLOAT: {
                Float32Array a = Float32Array.copyFromJavaArray(t.floats());
                data = PlatformDetector.isJavaScript() ? new Float32Array(a) : a;
                break;
            }
            case LONG: {
                BigInt64Array a = BigInt64Array.copyFromJavaArray(t.longs());
                data = PlatformDetector.isJavaScript() ? new BigInt64Array(a) : a;
                break;
            }
            default: {
                boolean[] b = t.bools();
                byte[] bytes = new byte[b.length];
                for (int i = 0; i < b.length; i++) bytes[i] = b[i] ? (byte) 1 : 0;
                data = asUint8(Int8Array.copyFromJavaArray(bytes));
            }
        }
        JsObjects.set(o, "data", data);
        return o;
    }

    /** A Uint8Array copy (bools read as 0/1 numbers in JS, never as -1). */
    @org.teavm.jso.JSBody(params = "a", script = "return new Uint8Array(a);")
    private static native JSObject asUint8(JSObject a);
}
