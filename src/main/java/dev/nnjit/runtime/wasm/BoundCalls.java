package dev.nnjit.runtime.wasm;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * One step's kernel calls bound to a memory: a JavaScript array of {@code [entry, [i32 arguments]]}, built once
 * when the executable is, so a run crosses into JavaScript once per step and passes no arguments.
 */
final class BoundCalls {
    private final JSObject calls = newList();

    void add(JSObject entry, int[] args) {
        JSObject a = newList();
        for (int v : args) pushInt(a, v);
        pushCall(calls, entry, a);
    }

    void run() { runAll(calls); }

    @JSBody(script = "return [];")
    private static native JSObject newList();

    @JSBody(params = {"list", "v"}, script = "list.push(v);")
    private static native void pushInt(JSObject list, int v);

    @JSBody(params = {"list", "f", "args"}, script = "list.push([f, args]);")
    private static native void pushCall(JSObject list, JSObject f, JSObject args);

    @JSBody(params = "calls", script = "for (var i = 0; i < calls.length; i++) { var c = calls[i];"
            + " c[0].apply(null, c[1]); }")
    private static native void runAll(JSObject calls);
}
