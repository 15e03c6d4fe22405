package dev.nnjit.web;

import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.ModelFormatException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * External-data files the page supplies, by the name a tensor's {@code location} uses (e.g. "model.onnx.data").
 * Each file is copied into Java once, on first use, and kept for the model's lifetime.
 */
final class ExternalFiles implements ExternalDataResolver {
    private final JSObject files;
    private final Map<String, ByteBuffer> opened = new HashMap<>();

    /** @param files a plain object name → Int8Array, or null/undefined for none */
    ExternalFiles(JSObject files) { this.files = files; }

    @Override public ByteBuffer open(String location) {
        ByteBuffer b = opened.get(location);
        if (b != null) return b.duplicate();
        String key = normalize(location);
        JSObject data = JsObjects.isNullish(files) ? null : JsObjects.get(files, key);
        if (data == null || JsObjects.isNullish(data)) {
            throw new ModelFormatException("external data file '" + location + "' was not provided (provided: "
                    + String.join(", ", JsObjects.keys(files)) + ")");
        }
        if (!JsObjects.isTypedArray(data, "Int8Array")) {
            throw new ModelFormatException("external data file '" + location + "' must be an Int8Array, got "
                    + JsObjects.describe(data));
        }
        b = ByteBuffer.wrap(((Int8Array) data).copyToJavaArray());
        opened.put(location, b);
        return b.duplicate();
    }

    /** Files are keyed by name relative to the model's folder; "./x" and "x" are the same file. */
    private static String normalize(String location) {
        return location.startsWith("./") ? location.substring(2) : location;
    }
}
