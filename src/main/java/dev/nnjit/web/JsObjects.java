package dev.nnjit.web;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** The few plain-object operations the facade needs, written as JS so they behave the same on both targets. */
final class JsObjects {
    private JsObjects() {}

    @JSBody(script = "return {};")
    static native JSObject newObject();

    @JSBody(script = "return [];")
    static native JSObject newArray();

    @JSBody(params = {"array", "value"}, script = "array.push(value);")
    static native void push(JSObject array, JSObject value);

    @JSBody(params = {"object", "key", "value"}, script = "object[key] = value;")
    static native void set(JSObject object, String key, JSObject value);

    @JSBody(params = {"object", "key", "value"}, script = "object[key] = value;")
    static native void setString(JSObject object, String key, String value);

    @JSBody(params = {"object", "key", "value"}, script = "object[key] = value;")
    static native void setNumber(JSObject object, String key, double value);

    @JSBody(params = {"object", "key"}, script = "return object[key];")
    static native JSObject get(JSObject object, String key);

    /** Own enumerable keys in insertion order; none for null/undefined. */
    @JSBody(params = "object", script = "return object == null ? [] : Object.keys(object);")
    static native String[] keys(JSObject object);

    @JSBody(params = "value", script = "return value == null;")
    static native boolean isNullish(JSObject value);

    /** True when {@code value} is a typed array of the given constructor name ("Float32Array", ...). */
    @JSBody(params = {"value", "ctor"}, script = "return value != null && ArrayBuffer.isView(value)"
            + " && value.constructor.name === ctor;")
    static native boolean isTypedArray(JSObject value, String ctor);

    @JSBody(params = "value", script = "return value == null ? String(value)"
            + " : (ArrayBuffer.isView(value) ? value.constructor.name : typeof value);")
    static native String describe(JSObject value);
}
