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

    /** {@code object[key]} as a string (String(value)). */
    @JSBody(params = {"object", "key"}, script = "return String(object[key]);")
    static native String getString(JSObject object, String key);

    /** {@code object[key]} as a number; 0 when the object or the value is null/undefined. */
    @JSBody(params = {"object", "key"}, script = "return object == null || object[key] == null ? 0 : Number(object[key]);")
    static native double getNumber(JSObject object, String key);

    /** {@code object[key]} as a boolean (false for a null object). */
    @JSBody(params = {"object", "key"}, script = "return object != null && !!object[key];")
    static native boolean getBoolean(JSObject object, String key);

    /** Whether {@code object[key]} is the string {@code value}. */
    @JSBody(params = {"object", "key", "value"}, script = "return object != null && object[key] === value;")
    static native boolean isString(JSObject object, String key, String value);

    /** The elements of a JS array as strings (String(element)). */
    @JSBody(params = "array", script = "var r = []; for (var i = 0; i < array.length; i++) r.push(String(array[i]));"
            + " return r;")
    static native String[] strings(JSObject array);

    /** Own enumerable keys in insertion order; none for null/undefined. */
    @JSBody(params = "object", script = "return object == null ? [] : Object.keys(object);")
    static native String[] keys(JSObject object);

    /** A string argument that may be null or undefined: null then, else String(value). */
    @JSBody(params = "value", script = "return value == null ? null : String(value);")
    static native String optionalString(JSObject value);

    @JSBody(params = "value", script = "return value == null;")
    static native boolean isNullish(JSObject value);

    /** True when {@code value} is a typed array of the given constructor name ("Float32Array", ...). */
    @JSBody(params = {"value", "ctor"}, script = "return value != null && ArrayBuffer.isView(value)"
            + " && value.constructor.name === ctor;")
    static native boolean isTypedArray(JSObject value, String ctor);

    @JSBody(params = "value", script = "return Array.isArray(value);")
    static native boolean isArray(JSObject value);

    @JSBody(params = "value", script = "return value == null ? String(value)"
            + " : (ArrayBuffer.isView(value) ? value.constructor.name : typeof value);")
    static native String describe(JSObject value);
}
