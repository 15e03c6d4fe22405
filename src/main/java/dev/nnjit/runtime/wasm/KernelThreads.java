package dev.nnjit.runtime.wasm;

import dev.nnjit.gpu.Settled;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * Runs an executable's kernel steps on {@code threads} threads: the calling thread and {@code threads - 1} Web Workers
 * of its own that instantiate the same kernel modules on the model's shared memory (every plan of a model has one
 * memory, {@link ModelMemory}, and its own Workers). The one way kernel steps run (one thread: no workers, the same
 * code path).
 *
 * <p>Each call's work range (its last two arguments: rows, columns or elements) is cut into {@code threads} equal
 * shares of whole grains ({@link KernelCall#grain}: a share starts at a multiple of it from the range's start); share
 * t runs on thread t with workspace t (the GEMM's packing buffers are per thread). Kernels compute each
 * row (column, element) the same way whatever the range, so outputs do not depend on the thread count.
 *
 * <p>Protocol, over four i32 at the plan's own control address ({@link MemoryPlan#control}: generation, step, done,
 * failed), so that the Workers of other plans on the same memory never wake for it: the caller stores the
 * step, bumps the generation and notifies; workers blocked in {@code Atomics.wait} on the generation run their share
 * and add one to done; the caller runs share 0, then spins until done = threads - 1 (the page's main thread may not
 * {@code Atomics.wait}). A run is therefore synchronous, like a single-threaded one. A worker starts from the
 * generation it finds (read before it reports ready), so a pool started again on the same memory (a tuned winner
 * swapped in) never mistakes the last pool's step for a new one. A worker whose share throws (a kernel trap) still
 * counts itself done and sets failed, so the caller throws instead of spinning forever; step -1 makes workers leave.
 */
final class KernelThreads {
    private final JSObject pool;
    private final int threads;

    private KernelThreads(JSObject pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /**
     * @param modules compiled kernel modules (JS array of WebAssembly.Module)
     * @param steps per program step, null or a JS array of calls {@code {m: module index, args: [i32...], ws: index
     *     of the workspace argument or -1, g: grain}}
     * @param workspaces per thread, its workspace address (JS array)
     */
    static KernelThreads start(LinearMemory memory, long control, int threads, JSObject modules, JSObject steps,
                               JSObject workspaces) {
        JSObject pool = Settled.await(newPool(memory.js(), (int) control, threads, modules, steps, workspaces,
                        WORKER_SOURCE),
                "starting " + threads + " wasm-simd thread(s)");
        return new KernelThreads(pool, threads);
    }

    int threads() { return threads; }

    /** Runs program step {@code step} (a kernel step) on every thread and returns when all are done. */
    void run(int step) { runStep(pool, step); }

    @JSBody(script = "return [];")
    static native JSObject newList();

    @JSBody(params = {"list", "v"}, script = "list.push(v);")
    static native void push(JSObject list, JSObject v);

    @JSBody(params = {"list", "v"}, script = "list.push(v);")
    static native void pushInt(JSObject list, int v);

    @JSBody(params = "list", script = "list.push(null);")
    static native void pushNull(JSObject list);

    @JSBody(params = {"m", "args", "ws", "g"}, script = "return {m: m, args: args, ws: ws, g: g};")
    static native JSObject call(int m, JSObject args, int ws, int g);

    /** Shared by the page and the workers: share t of T of every call of one step. */
    private static final String RUN_SHARE = "function runShare(fns, calls, t, T, w) {"
            + " for (var i = 0; i < calls.length; i++) { var c = calls[i]; var a = c.args.slice(); var n = a.length;"
            + " var s0 = a[n - 2], len = a[n - 1] - s0, g = c.g, units = Math.ceil(len / g);"
            + " a[n - 2] = s0 + Math.min(len, g * Math.floor(units * t / T));"
            + " a[n - 1] = s0 + Math.min(len, g * Math.floor(units * (t + 1) / T));"
            + " if (c.ws >= 0) a[c.ws] = w;"
            + " if (a[n - 1] > a[n - 2]) fns[c.m].apply(null, a); } }";

    private static final String WORKER_SOURCE = RUN_SHARE
            + " onmessage = async function(e) { var d = e.data; var ctl = new Int32Array(d.memory.buffer, d.ctl, 4);"
            + " var fns = []; for (var i = 0; i < d.modules.length; i++) {"
            + " fns.push((await WebAssembly.instantiate(d.modules[i], {env: {memory: d.memory}})).exports.main); }"
            + " var gen = Atomics.load(ctl, 0); postMessage('ready');"
            + " for (;;) { Atomics.wait(ctl, 0, gen); gen = Atomics.load(ctl, 0); var s = Atomics.load(ctl, 1);"
            + " if (s < 0) { Atomics.add(ctl, 2, 1); close(); return; }"
            + " try { runShare(fns, d.steps[s], d.index, d.threads, d.ws[d.index]); }"
            + " catch (err) { Atomics.store(ctl, 3, 1); } Atomics.add(ctl, 2, 1); } };";

    @JSBody(params = {"memory", "control", "threads", "modules", "steps", "ws", "workerSource"}, script = RUN_SHARE
            + " return (async function() {"
            + " var fns = []; for (var i = 0; i < modules.length; i++) {"
            + " fns.push((await WebAssembly.instantiate(modules[i], {env: {memory: memory}})).exports.main); }"
            + " var ctl = new Int32Array(memory.buffer, control, 4); var workers = [];"
            + " if (threads > 1) { var url = URL.createObjectURL(new Blob([workerSource], {type: 'text/javascript'}));"
            + " var ready = []; for (var t = 1; t < threads; t++) { var w = new Worker(url); workers.push(w);"
            + " ready.push(new Promise(function(res, rej) { w.onmessage = function() { res(); };"
            + " w.onerror = function(ev) { rej(new Error('wasm-simd worker: ' + (ev.message || ev))); }; }));"
            + " w.postMessage({memory: memory, ctl: control, modules: modules, steps: steps, ws: ws, index: t,"
            + " threads: threads}); }"
            + " await Promise.all(ready); URL.revokeObjectURL(url); }"
            + " return {run: function(s) { var calls = steps[s];"
            + " if (threads === 1) { runShare(fns, calls, 0, 1, ws[0]); return; }"
            + " Atomics.store(ctl, 2, 0); Atomics.store(ctl, 1, s); Atomics.add(ctl, 0, 1); Atomics.notify(ctl, 0);"
            + " var failed = null; try { runShare(fns, calls, 0, threads, ws[0]); } catch (err) { failed = err; }"
            + " while (Atomics.load(ctl, 2) !== threads - 1) {}"
            + " if (failed) throw failed;"
            + " if (Atomics.load(ctl, 3) !== 0) { Atomics.store(ctl, 3, 0);"
            + " throw new Error('a wasm-simd worker failed in step ' + s + ' (a kernel trapped)'); } },"
            + " stop: function() { if (workers.length) {"
            + " Atomics.store(ctl, 2, 0); Atomics.store(ctl, 1, -1); Atomics.add(ctl, 0, 1); Atomics.notify(ctl, 0);"
            + " var t0 = performance.now();"
            + " while (Atomics.load(ctl, 2) !== workers.length && performance.now() - t0 < 2000) {} }"
            + " workers.forEach(function(w) { w.terminate(); }); },"
            + " workers: workers}; })();")
    private static native JSPromise<JSObject> newPool(JSObject memory, int control, int threads, JSObject modules,
                                                      JSObject steps, JSObject ws, String workerSource);

    /**
     * Stops the workers and waits (up to 2 s) until each has left its loop, then terminates them; a later run fails.
     * Waiting matters when another pool starts on the same memory (a tuned winner swapped in): a worker still blocked
     * in {@code Atomics.wait} would wake on the new pool's first step, run its old calls and count itself done.
     */
    void stop() { stopPool(pool); }

    @JSBody(params = "pool", script = "pool.stop(); pool.stop = function() {};"
            + " pool.run = function() { throw new Error('this wasm-simd program was released'); };")
    private static native void stopPool(JSObject pool);

    @JSBody(params = {"pool", "s"}, script = "pool.run(s);")
    private static native void runStep(JSObject pool, int s);

    /** Whether this JavaScript engine has Web Workers (browsers; not Node). */
    @JSBody(script = "return typeof Worker !== 'undefined' && typeof Blob !== 'undefined'"
            + " && typeof URL !== 'undefined' && typeof URL.createObjectURL === 'function';")
    static native boolean workersAvailable();

    /** navigator.hardwareConcurrency, or 1 where there is none. */
    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0"
            + " ? navigator.hardwareConcurrency : 1;")
    static native int hardwareConcurrency();
}
