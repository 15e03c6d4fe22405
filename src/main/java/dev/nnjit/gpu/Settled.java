package dev.nnjit.gpu;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * Awaits JS promises from Java without ever seeing a rejection: the promise is first mapped on the JS side to one
 * that always fulfils with {@code {ok: true, value}} or {@code {ok: false, error: "Name: message"}}, then awaited
 * ({@link JSPromise#await()} is TeaVM's suspending call, so callers are straight-line Java on both targets).
 */
public final class Settled {
    private Settled() {}

    /** The settled form of a promise. */
    public interface Outcome extends JSObject {
        @JSProperty boolean isOk();
        @JSProperty JSObject getValue();
        @JSProperty String getError();
    }

    @JSBody(params = "p", script = "return Promise.resolve(p).then("
            + "function(v) { return {ok: true, value: v === undefined ? null : v}; },"
            + "function(e) { var m = e && e.message !== undefined ? String(e.message) : String(e);"
            + " return {ok: false, error: (e && e.name ? e.name + ': ' : '') + m}; });")
    private static native JSPromise<Outcome> settleRaw(JSObject promise);

    /**
     * The promise mapped to its never-rejecting settled form, right away: use when several promises are started
     * before any is awaited, so that one failing (and the caller throwing) leaves no rejection unhandled.
     */
    public static JSPromise<Outcome> settle(JSPromise<?> promise) { return settleRaw(promise); }

    /** The value of a promise made by {@link #settle}, or a {@link GpuException} "what: Name: message". */
    @SuppressWarnings("unchecked")
    public static <T extends JSObject> T awaitSettled(JSPromise<Outcome> settled, String what) {
        Outcome o = settled.await();
        if (!o.isOk()) throw new GpuException(what + ": " + o.getError());
        return (T) o.getValue();
    }

    /**
     * The promise's value (null for undefined), or a {@link GpuException} "what: Name: message" when it rejects.
     */
    @SuppressWarnings("unchecked")
    public static <T extends JSObject> T await(JSPromise<T> promise, String what) {
        return awaitSettled(settleRaw(promise), what);
    }
}
