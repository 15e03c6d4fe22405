package dev.nnjit.web;

import dev.nnjit.gpu.Settled;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.TuningStore;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * Tuning records in the page's IndexedDB: database {@value #DATABASE}, one object store {@value #STORE} keyed by
 * {@link AdapterKey#id()}, each value the JSON text of that adapter's records ({@code dev.nnjit.tune.TuningJson}).
 * Requests are promises settled on the JS side ({@link Settled}: a rejection awaited from Java hangs Wasm GC) and
 * awaited from straight-line Java. A page without IndexedDB (or where it is blocked) fails with the browser's error.
 */
final class BrowserTuningStore implements TuningStore {
    static final String DATABASE = "nnjit-tuning";
    static final String STORE = "records";

    @Override public String load(AdapterKey adapter) {
        JSObject v = Settled.await(get(DATABASE, STORE, adapter.id()), "reading tuning records from IndexedDB");
        return text(v);
    }

    @Override public void save(AdapterKey adapter, String json) {
        Settled.await(put(DATABASE, STORE, adapter.id(), json), "writing tuning records to IndexedDB");
    }

    /** Whether this JavaScript engine has IndexedDB (pages do; Node does not). */
    @JSBody(script = "return typeof indexedDB !== 'undefined' && indexedDB !== null;")
    static native boolean available();

    @JSBody(params = "v", script = "return v == null ? null : String(v);")
    private static native String text(JSObject v);

    private static final String OPEN = "function open() { return new Promise(function(resolve, reject) {"
            + " var req = indexedDB.open(db, 1);"
            + " req.onupgradeneeded = function() { req.result.createObjectStore(store); };"
            + " req.onsuccess = function() { resolve(req.result); };"
            + " req.onerror = function() { reject(req.error); };"
            + " req.onblocked = function() { reject(new Error('IndexedDB open blocked')); }; }); }";

    @JSBody(params = {"db", "store", "key"}, script = OPEN
            + " return open().then(function(d) { return new Promise(function(resolve, reject) {"
            + "   var tx = d.transaction(store, 'readonly'); var r = tx.objectStore(store).get(key);"
            + "   r.onsuccess = function() { d.close(); resolve(typeof r.result === 'string' ? r.result : null); };"
            + "   r.onerror = function() { d.close(); reject(r.error); }; }); });")
    private static native JSPromise<JSObject> get(String db, String store, String key);

    @JSBody(params = {"db", "store", "key", "value"}, script = OPEN
            + " return open().then(function(d) { return new Promise(function(resolve, reject) {"
            + "   var tx = d.transaction(store, 'readwrite'); tx.objectStore(store).put(value, key);"
            + "   tx.oncomplete = function() { d.close(); resolve(null); };"
            + "   tx.onerror = function() { d.close(); reject(tx.error); };"
            + "   tx.onabort = function() { d.close(); reject(tx.error || new Error('transaction aborted')); }; }); });")
    private static native JSPromise<JSObject> put(String db, String store, String key, String value);
}
