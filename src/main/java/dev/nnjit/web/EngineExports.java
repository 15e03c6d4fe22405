package dev.nnjit.web;

import dev.nnjit.api.Session;
import dev.nnjit.json.Json;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.runtime.Backend;
import dev.nnjit.runtime.BackendChoice;
import dev.nnjit.runtime.CpuBackend;
import dev.nnjit.runtime.Flags;
import dev.nnjit.runtime.KernelChoice;
import dev.nnjit.runtime.RunResult;
import dev.nnjit.runtime.Tunable;
import dev.nnjit.runtime.wasm.WasmSimdBackend;
import dev.nnjit.runtime.wasm.WasmSimdExecutable;
import dev.nnjit.runtime.webgpu.WebGpuBackend;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import dev.nnjit.tune.TuningBudget;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningProgress;
import dev.nnjit.tune.TuningReport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.classlib.PlatformDetector;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.ArrayBufferView;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The engine's only entry point from JavaScript (compiled by TeaVM to Wasm GC and to a JS module). Pages use it
 * through engine.js, which normalizes inputs and turns failures into thrown {@code Error}s.
 *
 * <p>Every export returns a reply object: {@code {value: ...}} on success, {@code {error: message, errorType:
 * simpleClassName}} on failure. Java exceptions are not left to cross the boundary because the two targets surface
 * them differently; the message is exactly the one the JVM engine gives for the same input.
 */
public final class EngineExports {
    /**
     * A loaded model: its session and, on the webgpu backend, that backend and its tuning options (both null on the
     * CPU backend).
     */
    private record Loaded(Session session, WebGpuBackend gpu, TuningOptions tuning, WasmSimdBackend wasm) {}

    /** Loaded models; a handle is an index here, null once disposed. */
    private static final List<Loaded> loaded = new ArrayList<>();

    private EngineExports() {}

    @JSBody(params = "text", script = "return JSON.parse(text);")
    private static native JSObject parseJson(String text);

    /** "wasm-gc" or "js": which compilation of the engine is running. */
    @JSExport
    public static String platform() {
        return PlatformDetector.isWebAssemblyGC() ? "wasm-gc" : "js";
    }

    /**
     * Decodes an ONNX model and prepares a session on the CPU reference backend.
     *
     * @param modelBytes the .onnx file (copied once into Java with one bulk copy, see {@link BulkCopy})
     * @param externalFiles plain object: file name (as in the model's external-data locations) → Int8Array
     * @return reply with value {@code {handle, copyInMs, decodeMs, sessionMs, loadMs}}
     */
    @JSExport
    public static JSObject loadModel(Int8Array modelBytes, JSObject externalFiles) {
        try {
            return ok(load(modelBytes, externalFiles, null));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * As {@link #loadModel}, with options, as a promise (the webgpu backend acquires its device asynchronously).
     *
     * @param options plain object or null: {@code backend} "cpu" (default), "webgpu" or "wasm-simd" (generated Wasm
     *     SIMD kernels, other nodes on the reference ops; each run's reply then has {@code wasm}, the
     *     {@code WasmSimdReport}: which node ran where, the memory plan, threads; option {@code threads}: kernel
     *     threads, default navigator.hardwareConcurrency, one where the page is not cross-origin isolated); for
     *     webgpu, optional
     *     {@code fusion} (default true: run the GPU fusion passes), {@code maxStorageBufferBindingSize} and
     *     {@code maxBufferSize} (bytes) to plan against limits tighter than the adapter's, and {@code tuning} (see
     *     {@link TuningOptions}: budgetMs, cache "indexeddb" | "none", records; {@code auto} is engine.js's); {@code debug}: the
     *     {@link Flags} level (2 logs each GPU step's chosen schedule at compile time, 4 also its WGSL)
     * @return promise of a reply; its value adds {@code backend} and, for webgpu, {@code adapter} (a description),
     *     {@code adapterInfo} (vendor, architecture, device, description, features, limits: see {@link AdapterJson}),
     *     {@code device} (the features and limits of the device nnjit requested) and {@code limits} (the limits
     *     programs are planned against: every {@code AdapterLimits} name → number)
     */
    @JSExport
    public static JSPromise<JSObject> loadModelAsync(Int8Array modelBytes, JSObject externalFiles, JSObject options) {
        return JSPromise.callAsync(() -> {
            try {
                return ok(load(modelBytes, externalFiles, options));
            } catch (Throwable e) {
                return failure(e);
            }
        });
    }

    private static JSObject load(Int8Array modelBytes, JSObject externalFiles, JSObject options) {
        long t0 = System.nanoTime();
        ByteBuffer bytes = BulkCopy.fileBytes(modelBytes);
        long t1 = System.nanoTime();
        OnnxModel model = OnnxModelReader.read(bytes, new ExternalFiles(externalFiles));
        long t2 = System.nanoTime();
        String backendName = options == null || JsObjects.isNullish(JsObjects.get(options, "backend")) ? "cpu"
                : JsObjects.getString(options, "backend");
        if (options != null && !JsObjects.isNullish(JsObjects.get(options, "debug"))) {
            Flags.setDebug((int) JsObjects.getNumber(options, "debug"));
        }
        OpRegistry registry = OpRegistry.defaults();
        WebGpuBackend gpu = null;
        TuningOptions tuning = null;
        Backend backend;
        if (backendName.equals("cpu")) {
            backend = new CpuBackend(registry);
        } else if (backendName.equals("webgpu")) {
            boolean fusion = JsObjects.isNullish(JsObjects.get(options, "fusion"))
                    || JsObjects.getBoolean(options, "fusion");
            tuning = TuningOptions.parse(JsObjects.get(options, "tuning"));
            gpu = GpuBackends.create(registry, JsObjects.getNumber(options, "maxStorageBufferBindingSize"),
                    JsObjects.getNumber(options, "maxBufferSize"), fusion, tuning);
            backend = gpu;
        } else if (backendName.equals("wasm-simd")) {
            TuningOptions wasmTuning = TuningOptions.parse(JsObjects.get(options, "tuning"));
            tuning = wasmTuning;
            backend = new WasmSimdBackend(registry, (int) JsObjects.getNumber(options, "threads"),
                    cpu -> WasmTuning.setup(cpu, wasmTuning));
        } else {
            throw new IllegalArgumentException("unknown backend '" + backendName
                    + "' (expected cpu, webgpu or wasm-simd)");
        }
        long t3 = System.nanoTime();
        Session session = Session.create(model, registry, backend);
        long t4 = System.nanoTime();
        loaded.add(new Loaded(session, gpu, tuning, backend instanceof WasmSimdBackend ? (WasmSimdBackend) backend : null));
        JSObject value = JsObjects.newObject();
        JsObjects.setNumber(value, "handle", loaded.size() - 1);
        JsObjects.setString(value, "backend", backendName);
        if (gpu != null) {
            JsObjects.setString(value, "adapter", gpu.device().description());
            JsObjects.set(value, "adapterInfo", AdapterJson.adapter(gpu.device().adapter()));
            JsObjects.set(value, "device", AdapterJson.device(gpu.device()));
            JsObjects.set(value, "limits", AdapterJson.limits(gpu.limits()));
        }
        JsObjects.setNumber(value, "copyInMs", (t1 - t0) / 1e6);
        JsObjects.setNumber(value, "decodeMs", (t2 - t1) / 1e6);
        if (gpu != null) JsObjects.setNumber(value, "deviceMs", (t3 - t2) / 1e6);
        JsObjects.setNumber(value, "sessionMs", (t4 - t3) / 1e6);
        JsObjects.setNumber(value, "loadMs", (t4 - t0) / 1e6);
        return value;
    }

    /**
     * The "auto" backend's second round (see {@link BackendChoice#toTime}): which candidates get a timed run.
     *
     * @param trialsJson {@code [{backend, failure?, firstRunMs?}]} in preference order (backend-choice.js)
     * @return reply with value: an array of backend names (empty: the first runs decide)
     */
    @JSExport
    public static JSObject backendsToTime(String trialsJson) {
        try {
            return ok(parseJson(Json.write(new ArrayList<Object>(BackendChoice.toTime(BackendChoice.trialsFromJson(trialsJson))))));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * The "auto" backend's decision (see {@link BackendChoice#choose}).
     *
     * @param trialsJson {@code [{backend, failure?, firstRunMs?, timedRunMs?}]} in preference order
     * @param withoutMeasuring "" (measured: decide on the trials' times), or why there is nothing to measure ({@link BackendChoice#withoutMeasuring})
     * @return reply with value {@code {chosen, reason, timesMs, candidates, failures}}, or a
     *     {@code BackendChoiceException} naming every candidate's failure
     */
    @JSExport
    public static JSObject chooseBackend(String trialsJson, String withoutMeasuring) {
        try {
            List<BackendChoice.Trial> trials = BackendChoice.trialsFromJson(trialsJson);
            return ok(parseJson((withoutMeasuring.isEmpty() ? BackendChoice.choose(trials)
                    : BackendChoice.withoutMeasuring(trials, withoutMeasuring)).toJson()));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Reply with value: array of {@code {name, dtype, shape}} for the model's inputs (see {@link #describe}). */
    @JSExport
    public static JSObject inputs(int handle) {
        try {
            return ok(describe(loaded(handle).session().inputs()));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Reply with value: array of {@code {name, dtype, shape}} for the model's outputs. */
    @JSExport
    public static JSObject outputs(int handle) {
        try {
            return ok(describe(loaded(handle).session().outputs()));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * Runs the model.
     *
     * @param feeds plain object: input name → {@link JsTensor}
     * @return reply with value {@code {outputs: {name: {dtype, shape, data}} in graph order, timings: {name: ms}}};
     *     timings are the session's ("compileMs", "runMs", "op.TYPE") plus "feedsInMs" and "outputsOutMs" for the
     *     copies across the boundary
     */
    @JSExport
    public static JSObject run(int handle, JSObject feeds) {
        try {
            return ok(runSession(handle, feeds, null));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * As {@link #run}, as a promise: required for models on the webgpu backend (compiling pipelines and reading
     * results back wait for the GPU), and works for every model.
     *
     * @param options plain object or null, parsed by {@link RunMarshal#options}: {@code profile} true to time every
     *     kernel (webgpu; "submission" to time each dispatch submitted alone even where timestamp queries exist);
     *     {@code outputs} an array of output names to compute and return (default all; on webgpu the others are
     *     not read back)
     * @return promise of a reply; for webgpu models the value adds {@code gpu: {timing, phases: {name: ms},
     *     plan: {name: number}, kernels: [{node, op, family, ms}]}}
     */
    @JSExport
    public static JSPromise<JSObject> runAsync(int handle, JSObject feeds, JSObject options) {
        return JSPromise.callAsync(() -> {
            try {
                return ok(runSession(handle, feeds, options));
            } catch (Throwable e) {
                return failure(e);
            }
        });
    }

    private static JSObject runSession(int handle, JSObject feeds, JSObject options) {
        Session session = loaded(handle).session();
        long t0 = System.nanoTime();
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (String name : JsObjects.keys(feeds)) {
            in.put(name, TensorMarshal.toTensor(name, (JsTensor) JsObjects.get(feeds, name)));
        }
        long t1 = System.nanoTime();
        RunResult result = session.run(in, RunMarshal.options(options));
        long t2 = System.nanoTime();
        JSObject outputs = JsObjects.newObject();
        for (Map.Entry<String, Tensor> e : result.outputs().entrySet()) {
            JsObjects.set(outputs, e.getKey(), TensorMarshal.toJs(e.getValue()));
        }
        long t3 = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("feedsInMs", (t1 - t0) / 1e6);
        timings.putAll(result.timingsMs());
        timings.put("outputsOutMs", (t3 - t2) / 1e6);
        JSObject value = JsObjects.newObject();
        JsObjects.set(value, "outputs", outputs);
        JsObjects.set(value, "timings", RunMarshal.numbers(timings));
        if (result.gpu() != null) JsObjects.set(value, "gpu", RunMarshal.gpuStats(result.gpu()));
        if (session.lastExecutable() instanceof WasmSimdExecutable) {
            JsObjects.set(value, "wasm", parseJson(((WasmSimdExecutable) session.lastExecutable()).report().toJson()));
        }
        return value;
    }

    /**
     * Generates tokens with the model (see {@link GenerationBridge} for the request and the result), calling
     * {@code onToken(id, index)} as each id is chosen; a callback that returns false cancels (engine.js maps an
     * AbortSignal to that). The growing sequence runs in length buckets on webgpu and wasm-simd (a handful of compiled shapes).
     *
     * @param onToken a function, or null
     * @return promise of a reply whose value is the result
     */
    @JSExport
    public static JSPromise<JSObject> generateAsync(int handle, JSObject request, JSObject onToken) {
        return JSPromise.callAsync(() -> {
            try {
                return ok(GenerationBridge.generate(loaded(handle).session(), request, onToken,
                        h -> loaded(h).session()));
            } catch (Throwable e) {
                return failure(e);
            }
        });
    }

    /**
     * generation.js's tokenizers ({@link GenerationTokenizers}): reads a tokenizer.json with its tokenizer_config.json
     * (or null/undefined) and a chat_template.jinja (or null/undefined); reply value: its handle.
     */
    @JSExport
    public static JSObject generationTokenizerLoad(JSString json, JSObject configJson, JSObject chatTemplate) {
        try {
            return ok(number(GenerationTokenizers.load(json.stringValue(), JsObjects.optionalString(configJson),
                    JsObjects.optionalString(chatTemplate))));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * Reply value: the ids of {@code text} as an array of numbers; with {@code addSpecialTokens} the post-processor's
     * special tokens are added (not for chat-template text, which holds its own).
     */
    @JSExport
    public static JSObject generationTokenizerEncode(int handle, JSString text, boolean addSpecialTokens) {
        try {
            JSObject ids = JsObjects.newArray();
            for (int id : GenerationTokenizers.encode(handle, text.stringValue(), addSpecialTokens)) {
                JsObjects.push(ids, number(id));
            }
            return ok(ids);
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * Reply value: the prompt text of a conversation by the model's chat template ({@link GenerationTokenizers}):
     * messagesJson a JSON array of {role, content, ...}; toolsJson a JSON array or null/undefined; extraJson a JSON
     * object of more template variables or null/undefined (optional strings cross as JSObject: TeaVM's JS target
     * cannot take undefined for a String parameter). An error names the template's line and column, or says there is
     * no template.
     */
    @JSExport
    public static JSObject generationTokenizerApplyChatTemplate(int handle, JSString messagesJson,
            boolean addGenerationPrompt, JSObject toolsJson, JSObject extraJson) {
        try {
            return ok(JSString.valueOf(GenerationTokenizers.applyChatTemplate(handle, messagesJson.stringValue(),
                    addGenerationPrompt, JsObjects.optionalString(toolsJson), JsObjects.optionalString(extraJson))));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Reply value: whether the tokenizer has a chat template (tokenizer_config.json or chat_template.jinja). */
    @JSExport
    public static JSObject generationTokenizerHasChatTemplate(int handle) {
        try {
            return ok(JSBoolean.valueOf(GenerationTokenizers.hasChatTemplate(handle)));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Reply value: the text of {@code ids} (a JS array of numbers). */
    @JSExport
    public static JSObject generationTokenizerDecode(int handle, JSObject ids, boolean skipSpecialTokens) {
        try {
            String[] parts = JsObjects.strings(ids);
            int[] a = new int[parts.length];
            for (int i = 0; i < a.length; i++) a[i] = Integer.parseInt(parts[i]);
            return ok(JSString.valueOf(GenerationTokenizers.decode(handle, a, skipSpecialTokens)));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * Destroys the page's WebGPU device, freeing its memory: models loaded on the webgpu backend then fail with a
     * "device was lost" error until loaded again, and the next webgpu load acquires a new device (as after a real
     * device loss). Reply value: whether a device existed.
     */
    @JSExport
    public static JSObject releaseGpuDevice() {
        try {
            return ok(JSBoolean.valueOf(GpuBackends.release()));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Frees a session; its handle becomes invalid. */
    @JSExport
    public static JSObject dispose(int handle) {
        try {
            Loaded m = loaded(handle);
            loaded.set(handle, null);
            if (m.gpu() != null) m.gpu().release();
            if (m.wasm() != null) m.wasm().release();
            return ok(null);
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * The kernel workbench: one op at one shape across its schedule candidates on this page's WebGPU device (see
     * {@link WorkbenchBridge} for the request and report objects, dev.nnjit.tune.workbench for what is measured).
     *
     * @return promise of a reply whose value is the report
     */
    @JSExport
    public static JSPromise<JSObject> workbenchAsync(JSObject request) {
        return JSPromise.callAsync(() -> {
            try {
                return ok(WorkbenchBridge.run(request));
            } catch (Throwable e) {
                return failure(e);
            }
        });
    }

    // ---- tokenizers (see TokenizerBridge) ----

    /**
     * Reads a Hugging Face tokenizer.json and, when not null, its tokenizer_config.json (maximum length, pad token).
     *
     * @return reply with value {@code {handle, maxLength, padId, padLeft}}
     */
    @JSExport
    public static JSObject loadTokenizer(String json, String configJson) {
        try {
            return ok(TokenizerBridge.load(json, configJson));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Reply with value {@code {ids, tokens, typeIds, attentionMask, specialTokensMask}}; see TokenizerBridge. */
    @JSExport
    public static JSObject encode(int handle, String text, String pair, int maxLength) {
        try {
            return ok(TokenizerBridge.encode(handle, text, pair, maxLength));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Reply with value {@code {batch, length, inputIds, attentionMask, tokenTypeIds}}; see TokenizerBridge. */
    @JSExport
    public static JSObject encodeBatch(int handle, JSObject texts, JSObject pairs, JSObject options) {
        try {
            return ok(TokenizerBridge.encodeBatch(handle, texts, pairs, options));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Reply with value: the text of ids (an Int32Array). */
    @JSExport
    public static JSObject decode(int handle, JSObject ids, boolean skipSpecialTokens) {
        try {
            return ok(JSString.valueOf(TokenizerBridge.decode(handle, (ArrayBufferView) ids, skipSpecialTokens)));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /** Frees a tokenizer; its handle becomes invalid. */
    @JSExport
    public static JSObject disposeTokenizer(int handle) {
        try {
            TokenizerBridge.dispose(handle);
            return ok(null);
        } catch (Throwable e) {
            return failure(e);
        }
    }

    // ---- tuning ----

    /**
     * Starts a tuning session for the program the model ran last (replacing an earlier session): plans its
     * workloads (one profiled run of the last feeds when some workload has no stored decision). Tuning is explicit
     * and runs between runs, never inside one; engine.js serialises runs and tuning steps.
     *
     * @param budgetMs the tuner's own working time (0: decide from stored records only); NaN or negative: the
     *     model's {@code tuning.budgetMs} load option
     * @return promise of a reply whose value is the progress (see {@link #tuneStepAsync})
     */
    @JSExport
    public static JSPromise<JSObject> startTuningAsync(int handle, double budgetMs) {
        return JSPromise.callAsync(() -> {
            try {
                Loaded m = loaded(handle);
                Tunable t = tunable(m);
                t.startTuning(TuningBudget.ofMs(budgetMs >= 0 ? budgetMs : m.tuning().budgetMs()));
                return ok(progress(t.tuningProgress()));
            } catch (Throwable e) {
                return failure(e);
            }
        });
    }

    /**
     * One tuning step (one compile, one round of samples or one validation), starting a session with the model's
     * budget when none was started. Winners take effect at the start of the next run.
     *
     * @return promise of a reply with value {@code {done, workloadsDone, workloads, spentMs, budgetMs, speedup}}
     *     (speedup: the estimated model-level speedup over the workloads decided so far)
     */
    @JSExport
    public static JSPromise<JSObject> tuneStepAsync(int handle) {
        return JSPromise.callAsync(() -> {
            try {
                Loaded m = loaded(handle);
                Tunable t = tunable(m);
                if (!t.tuningStarted()) t.startTuning(TuningBudget.ofMs(m.tuning().budgetMs()));
                if (!t.tuningProgress().finished()) t.tuneStep();
                return ok(progress(t.tuningProgress()));
            } catch (Throwable e) {
                return failure(e);
            }
        });
    }

    /**
     * Reply with value: the model's tuning report as JSON text ({@code {"budgetMs","tuningMs","cacheHits",
     * "workloads":[{"family","problem","occurrences","candidates","tried","defaultConfig","defaultMs","bestConfig",
     * "bestMs","speedup","source","maxError","workbench","rejected","note"}]}}; empty before tuning started).
     */
    @JSExport
    public static JSObject tuningReport(int handle) {
        try {
            Loaded m = loaded(handle);
            Tunable t = m.session().tunable();
            TuningReport r = t != null ? t.tuningReport() : new TuningReport(m.tuning() == null ? 0
                    : m.tuning().budgetMs(), 0, 0, java.util.List.of());
            return ok(JSString.valueOf(TuningJson.writeReport(r)));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * Reply with value: every tuning record the page holds for one backend's adapter (measured here, read from
     * IndexedDB, imported) as TuningJson text, to save and pass back later as {@code tuning.records}.
     *
     * @param backend "webgpu" (the WebGPU adapter's records; also for null or undefined) or "wasm-simd" (the CPU's)
     */
    @JSExport
    public static JSObject tuningRecords(String backend) {
        try {
            boolean wasm = "wasm-simd".equals(backend);
            String text = wasm ? WasmTuning.records() : GpuBackends.records();
            if (text == null) throw new IllegalStateException("no " + (wasm ? "wasm-simd" : "WebGPU") + " model was"
                    + " loaded: there is no adapter to export records for");
            return ok(JSString.valueOf(text));
        } catch (Throwable e) {
            return failure(e);
        }
    }

    /**
     * Reply with value: the schedule every kernel step of the model's last program runs, {@code [{node, op,
     * family, problem, config, defaultConfig, candidates}]} (empty before the first run).
     */
    @JSExport
    public static JSObject kernels(int handle) {
        try {
            Tunable t = loaded(handle).session().tunable();
            JSObject list = JsObjects.newArray();
            if (t != null) {
                for (KernelChoice k : t.kernelChoices()) {
                    JSObject o = JsObjects.newObject();
                    JsObjects.setString(o, "node", k.node());
                    JsObjects.setString(o, "op", k.opType());
                    JsObjects.setString(o, "family", k.family());
                    JsObjects.setString(o, "problem", k.problem());
                    JsObjects.setString(o, "config", k.config());
                    JsObjects.setString(o, "defaultConfig", k.defaultConfig());
                    JsObjects.setNumber(o, "candidates", k.candidates());
                    JsObjects.push(list, o);
                }
            }
            return ok(list);
        } catch (Throwable e) {
            return failure(e);
        }
    }

    private static Tunable tunable(Loaded m) {
        if (m.gpu() == null && m.wasm() == null) {
            throw new IllegalArgumentException("only models on the webgpu and wasm-simd backends can be tuned");
        }
        Tunable t = m.session().tunable();
        if (t == null) throw new IllegalStateException("run the model once before tuning: tuning works on the program"
                + " compiled for the shapes of the last run");
        return t;
    }

    private static JSObject progress(TuningProgress p) {
        JSObject o = JsObjects.newObject();
        JsObjects.set(o, "done", JSBoolean.valueOf(p.finished()));
        JsObjects.setNumber(o, "workloadsDone", p.workloadsDone());
        JsObjects.setNumber(o, "workloads", p.workloadsTotal());
        JsObjects.setNumber(o, "spentMs", p.spentMs());
        JsObjects.setNumber(o, "budgetMs", p.budgetMs());
        JsObjects.setNumber(o, "speedup", p.estimatedSpeedup());
        return o;
    }

    private static Loaded loaded(int handle) {
        Loaded m = handle >= 0 && handle < loaded.size() ? loaded.get(handle) : null;
        if (m == null) throw new IllegalArgumentException("no loaded model with handle " + handle);
        return m;
    }

    /** {@code [{name, dtype (null when unknown), shape (null for unknown rank; dims: number, symbol or null)}]}. */
    private static JSObject describe(Map<String, TensorType> types) {
        JSObject list = JsObjects.newArray();
        for (Map.Entry<String, TensorType> e : types.entrySet()) {
            JSObject o = JsObjects.newObject();
            JsObjects.setString(o, "name", e.getKey());
            TensorType t = e.getValue();
            JsObjects.set(o, "dtype", t.dtype() == null ? null : JSString.valueOf(t.dtype().jsonName));
            Shape s = t.shape();
            JSObject dims = null;
            if (s.hasRank()) {
                dims = JsObjects.newArray();
                for (int i = 0; i < s.rank(); i++) JsObjects.push(dims, dimToJs(s.dim(i)));
            }
            JsObjects.set(o, "shape", dims);
            JsObjects.push(list, o);
        }
        return list;
    }

    private static JSObject dimToJs(Dim d) {
        if (d.isKnown()) return number(d.value());
        return d.isSymbol() ? JSString.valueOf(d.symbolName()) : null;
    }

    @org.teavm.jso.JSBody(params = "v", script = "return v;")
    private static native JSObject number(double v);

    private static JSObject ok(JSObject value) {
        JSObject r = JsObjects.newObject();
        JsObjects.set(r, "value", value);
        return r;
    }

    /** The message the JVM would show (never null), and the exception's simple class name. */
    private static JSObject failure(Throwable e) {
        JSObject r = JsObjects.newObject();
        String type = simpleName(e);
        String message = e.getMessage();
        JsObjects.setString(r, "error", message != null ? message : type);
        JsObjects.setString(r, "errorType", type);
        return r;
    }

    /** The exception's simple class name; TeaVM may not keep names of classes never asked for by name. */
    private static String simpleName(Throwable e) {
        String className = e.getClass().getName();
        if (className == null) return "Error";
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
