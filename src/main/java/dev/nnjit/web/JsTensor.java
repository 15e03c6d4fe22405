package dev.nnjit.web;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * A tensor as the page passes it to the engine: {@code {dtype, shape, data}}.
 *
 * <p>Contract (engine.js normalizes before calling the facade): {@code dtype} is a {@link dev.nnjit.tensor.DType}
 * JSON name ("float32", "int64", "bool", ...); {@code shape} is an Int32Array; {@code data} is a Float32Array for
 * float32/float16/bfloat16 (values already representable in that type), a BigInt64Array for every integer dtype, an
 * Int8Array of 0/1 for bool. These are exactly the engine's CPU storage kinds, so each copy is one bulk transfer.
 */
public interface JsTensor extends JSObject {
    @JSProperty String getDtype();

    @JSProperty Int32Array getShape();

    @JSProperty JSObject getData();
}
