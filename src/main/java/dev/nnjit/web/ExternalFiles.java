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
        JSObject data = lookup(location);
        if (data == null && location.startsWith("./")) data = lookup(location.substring(2));
        if (data == null) {
            throw new ModelFormatException("external data file '" + location + "' was not provided (provided: "
                    + String.join(", ", JsObjects.keys(files)) + ")");
        }
        if (!JsObjects.isTypedArray(data, "Int8Array")) {
            throw new ModelFormatException("external data file '" + location + "' must be an Int8Array, got "
                    + JsObjects.describe(data));
        }
        b = BulkCopy.fileBytes((Int8Array) data);
        opened.put(location, b);
        return b.duplicate();
    }

    /** The file under exactly this name, or null. ("./x" is also looked up as "x": the same file.) */
    private JSObject lookup(String name) {
        if (JsObjects.isNullish(files)) return null;
        JSObject data = JsObjects.get(files, name);
        return JsObjects.isNullish(data) ? null : data;
    }
}
