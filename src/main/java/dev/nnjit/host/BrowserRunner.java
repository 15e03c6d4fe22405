package dev.nnjit.host;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import dev.nnjit.runtime.GpuRunStats;
import dev.nnjit.runtime.KernelTime;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * JVM side of the browser backends: serves the built web app on 127.0.0.1 (with COOP/COEP headers), drives headless
 * Chromium through Playwright, and runs the TeaVM-compiled engine inside the page (harness.html).
 *
 * <p>Failure contract: engine errors come back as {@link BrowserException} with the engine's exact message; page
 * console errors, uncaught page exceptions and page crashes become {@link BrowserException}s carrying their text;
 * every browser call has a deadline ({@code nnjit.browser.timeoutSeconds}, default 300 s): past it Chromium is
 * stopped, the call throws, and this runner refuses further work. Not thread-safe (Playwright is not).
 */
public final class BrowserRunner implements AutoCloseable {

    /**
     * Outputs (graph order) and timings in milliseconds reported by the page; {@code gpu} what the page reported
     * about a run on the webgpu backend (null on the others).
     */
    public record Result(Map<String, Tensor> outputs, Map<String, Double> timings, GpuStats gpu) {}

    /**
     * What the page reported about a run on the webgpu backend.
     *
     * @param adapter the WebGPU adapter, e.g. "google swiftshader"
     * @param limits the limits the program was planned against (maxStorageBufferBindingSize, maxBufferSize, ...)
     * @param run the run's own report, decoded into the engine's record (timing, phases, plan, kernel times)
     */
    public record GpuStats(String adapter, Map<String, Double> limits, GpuRunStats run) {}

    public static final Path DEFAULT_CHROMIUM = Paths.get("/usr/bin/chromium");

    /** Headless Chromium with WebGPU on SwiftShader (for the WebGPU backend) and no background traffic. */
    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--enable-unsafe-webgpu",
            "--use-webgpu-adapter=swiftshader", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run");

    /** Models kept loaded in the page; older ones are disposed. */
    private static final int LOADED_MODEL_LIMIT = 3;

    private final WebServer server;
    private final Path chromium;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private final Gson gson = new Gson();
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();
    private volatile boolean crashed;
    private String unusable;
    private final Map<Path, String> mounts = new HashMap<>();
    private final LinkedHashMap<String, LoadedModel> models = new LinkedHashMap<>(16, 0.75f, true);
    private String lastEngine;
    /** Chromium processes this runner launched (the watchdog's only targets). */
    private final List<ProcessHandle> chromiumProcesses = new ArrayList<>();

    /** A model loaded in the page; loadTimings is null once reported (on the first run after loading). */
    private record LoadedModel(int id, String engine, String adapter, Map<String, Double> limits,
                               List<String> outputNames, Map<String, Double> loadTimings) {}

    /** Which engine build and which backend inside it ("cpu" or "webgpu"). */
    private record Target(String engine, String backend) {}

    private boolean gpuFusion = true;
    private int wasmThreads;
    private long gpuBindingLimitCap;
    private long gpuBufferLimitCap;
    private GpuStats lastGpuStats;
    private JsonObject lastWasmReport;
    private JsonObject lastBackendChoice;

    private BrowserRunner(WebServer server, Path chromium, Duration timeout) {
        this.server = server;
        this.chromium = chromium;
        this.timeout = timeout;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nnjit-browser-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the local web server and Chromium. The browser is {@code chromiumPath} when given, else the
     * NNJIT_CHROMIUM environment variable, else /usr/bin/chromium. The web app comes from the system property
     * {@code nnjit.webapp}, else NNJIT_WEBAPP, else target/webapp (built by {@code mvn package}).
     */
    public static BrowserRunner start(Path chromiumPath) {
        return start(chromiumPath, webappDir(), defaultTimeout());
    }

    /** As {@link #start(Path)} with an explicit web app folder and per-call deadline. */
    public static BrowserRunner start(Path chromiumPath, Path webapp, Duration timeout) {
        Path chromium = resolveChromium(chromiumPath);
        checkWebapp(webapp);
        WebServer server = WebServer.start(webapp);
        BrowserRunner runner = new BrowserRunner(server, chromium, timeout);
        try {
            runner.launch();
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /**
     * Loads the model (and external data files next to it) into the page and runs it on the feeds. The model stays
     * loaded for later runs with the same file and backend (up to {@value #LOADED_MODEL_LIMIT} models).
     *
     * @param backend "browser" (engine's CPU reference compiled to Wasm GC, JS fallback when the browser cannot
     *     load Wasm GC), "browser-wasm-gc" (Wasm GC only), "browser-js" (JavaScript build), "webgpu" (generated
     *     WebGPU kernels, driven by the Wasm GC build), "webgpu-js" (the same, driven by the JavaScript build),
     *     "wasm-simd" (generated Wasm SIMD CPU kernels, Wasm GC build) or "wasm-simd-js" (JavaScript build)
     * @return outputs in graph order; timings in ms: on the first run after loading "fetchMs", "copyInMs",
     *     "decodeMs", "sessionMs", "loadMs"; always the page's "feedsInMs", "compileMs", "runMs", "op.TYPE",
     *     "outputsOutMs", and "roundTripMs" (measured here: encoding, transfer, run, decoding)
     */
    public Result run(Path model, Map<String, Tensor> feeds, String backend) {
        return run(model, feeds, backend, RunOptions.DEFAULT);
    }

    /**
     * As {@link #run(Path, Map, String)}, with the engine's run options, sent to the page's {@code runAsync}:
     * {@code outputs} (the result then holds just them, in graph order) and, on the webgpu backend, {@code profile}
     * and {@code timing} (kernel times in {@link Result#gpu()}).
     */
    public Result run(Path model, Map<String, Tensor> feeds, String backend, RunOptions options) {
        Target target = target(backend);
        LoadedModel m = load(model, target);
        if (m.loadTimings != null) {
            models.put(key(model, target), new LoadedModel(m.id, m.engine, m.adapter, m.limits, m.outputNames, null));
        }
        return runLoaded(m, model, feeds, options);
    }

    /**
     * Generates tokens in the page with the model loaded on {@code backend} (as {@link #run}; loaded and kept as
     * there): the engine's generateAsync, whose request and result are documented in engine.js and
     * dev.nnjit.web.GenerationBridge.
     *
     * @return the page's result ({@code ids, stopReason, prefillMs, decodeMsPerToken, tokensPerSecond, compiledShapes,
     *     lengths, planCache}) plus {@code streamed}: the ids in the order the page's callback received them
     */
    public JsonObject generate(Path model, String backend, JsonObject request) {
        Target target = target(backend);
        LoadedModel m = load(model, target);
        JsonObject reply = call("generating with " + model.getFileName(), "generate", m.id, request);
        JsonObject result = reply.getAsJsonObject("result");
        result.add("streamed", reply.get("streamed"));
        lastEngine = m.engine;
        return result;
    }

    /**
     * Generates with an encoder-decoder split across files (Optimum's layout): {@code encoder} runs once, then
     * {@code decoder} (decoder_model.onnx, or decoder_model_merged.onnx when {@code decoderWithPast} is null) and
     * {@code decoderWithPast} step by step, all loaded on {@code backend} (as {@link #generate(Path, String,
     * JsonObject)}; the request gets the page's handles as "encoder" and "decoderWithPast").
     */
    public JsonObject generate(Path encoder, Path decoder, Path decoderWithPast, String backend, JsonObject request) {
        Target target = target(backend);
        // Loaded first, touched last: the access-ordered cache keeps all three (the limit is three models).
        LoadedModel e = load(encoder, target);
        LoadedModel w = decoderWithPast == null ? null : load(decoderWithPast, target);
        LoadedModel d = load(decoder, target);
        if (!models.containsValue(e) || (w != null && !models.containsValue(w))) {
            throw new IllegalStateException("the encoder or decoder was evicted while loading the other models");
        }
        JsonObject withHandles = request.deepCopy();
        withHandles.addProperty("encoder", e.id);
        if (w != null) withHandles.addProperty("decoderWithPast", w.id);
        JsonObject reply = call("generating with " + decoder.getFileName(), "generate", d.id, withHandles);
        JsonObject result = reply.getAsJsonObject("result");
        result.add("streamed", reply.get("streamed"));
        lastEngine = d.engine;
        return result;
    }

    /**
     * What {@link #tune} did.
     *
     * @param report the page's tuning report (JSON text: budgetMs, tuningMs, cacheHits, workloads)
     * @param records every tuning record the page holds for its adapter afterwards (TuningJson text), to save
     * @param kernels the schedule of each kernel step after tuning (JSON array of {node, op, family, problem,
     *     config, defaultConfig, candidates}); the swap happens at the start of the tuned run
     * @param untuned the run before tuning (outputs, timings: "runMs" is the run alone, "compileMs" the first
     *     compile); {@code tuned} the run after
     */
    public record TuneResult(String report, String records, String kernels, Result untuned, Result tuned) {
        public double untunedRunMs() { return untuned.timings().get("runMs"); }

        public double tunedRunMs() { return tuned.timings().get("runMs"); }
    }

    /**
     * Tunes a model's kernels on the page's WebGPU device (or, on wasm-simd, its CPU): loads it (a fresh load, disposed afterwards) with
     * {@code tuning: {cache: "none", records, auto: false}}, runs it once on the feeds (timed), tunes within
     * {@code budgetMs} of the tuner's own time, runs it again (timed; the winners are swapped in at its start).
     *
     * @param backend "webgpu" (Wasm GC build), "webgpu-js", "wasm-simd" or "wasm-simd-js"
     * @param records tuning records (TuningJson text, e.g. the previous result's {@link TuneResult#records()}) to
     *     import first, or null
     */
    public TuneResult tune(Path model, Map<String, Tensor> feeds, String backend, double budgetMs, String records) {
        Target target = target(backend);
        if (!target.backend.equals("webgpu") && !target.backend.equals("wasm-simd")) {
            throw new IllegalArgumentException("only webgpu and wasm-simd backends can be tuned, not '" + backend + "'");
        }
        JsonObject tuning = new JsonObject();
        tuning.addProperty("cache", "none");
        tuning.addProperty("auto", false);
        tuning.addProperty("budgetMs", budgetMs);
        if (records != null) tuning.addProperty("records", records);
        LoadedModel m = loadInPage(model, target, tuning);
        try {
            Result untuned = runLoaded(m, model, feeds, RunOptions.DEFAULT);
            JsonObject reply = call("tuning " + model.getFileName(), "tune", m.id, budgetMs);
            Result tuned = runLoaded(m, model, feeds, RunOptions.DEFAULT);
            JsonObject kernels = call("listing the kernels of " + model.getFileName(), "kernels", m.id);
            return new TuneResult(reply.get("report").getAsString(), reply.get("records").getAsString(),
                    kernels.get("kernels").toString(), untuned, tuned);
        } finally {
            call("disposing a model", "dispose", m.id);
        }
    }

    private Result runLoaded(LoadedModel m, Path model, Map<String, Tensor> feeds, RunOptions options) {
        JsonObject feedsJson = new JsonObject();
        for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
            Tensor t = e.getValue();
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.dtype().jsonName);
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) shape.add(d);
            o.add("shape", shape);
            o.addProperty("b64", TensorWire.encode(t));
            feedsJson.add(e.getKey(), o);
        }
        long t0 = System.nanoTime();
        JsonObject runOptions = new JsonObject();
        if (options.profile() && options.timing() == RunOptions.Timing.SUBMISSION) {
            runOptions.addProperty("profile", "submission");
        } else {
            runOptions.addProperty("profile", options.profile());
        }
        if (options.outputs() != null) {
            JsonArray names = new JsonArray();
            for (String name : options.outputs()) names.add(name);
            runOptions.add("outputs", names);
        }
        JsonObject reply = call("running " + model.getFileName(), "run", m.id, feedsJson, runOptions);
        JsonObject outs = reply.getAsJsonObject("outputs");
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (String name : m.outputNames) {
            if (!options.wants(name)) continue;
            JsonObject o = outs.getAsJsonObject(name);
            if (o == null) throw new BrowserException("PageError", "the page returned no output '" + name + "'");
            DType dtype = DType.fromJsonName(o.get("dtype").getAsString());
            JsonArray shapeJson = o.getAsJsonArray("shape");
            int[] shape = new int[shapeJson.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = shapeJson.get(i).getAsInt();
            outputs.put(name, TensorWire.decode(name, dtype, shape, o.get("b64").getAsString()));
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        if (m.loadTimings != null) timings.putAll(m.loadTimings);
        for (Map.Entry<String, JsonElement> e : reply.getAsJsonObject("timings").entrySet()) {
            timings.put(e.getKey(), e.getValue().getAsDouble());
        }
        timings.put("roundTripMs", (System.nanoTime() - t0) / 1e6);
        lastEngine = m.engine;
        lastGpuStats = reply.has("gpu") ? gpuStats(m.adapter, m.limits, reply.getAsJsonObject("gpu")) : null;
        lastWasmReport = reply.has("wasm") ? reply.getAsJsonObject("wasm") : null;
        lastBackendChoice = reply.has("backendChoice") ? reply.getAsJsonObject("backendChoice") : null;
        return new Result(outputs, timings, lastGpuStats);
    }

    /**
     * Plans webgpu programs against limits tighter than the adapter's (0 = the adapter's): lets tests reach the
     * limit errors without gigabyte tensors. Applies to models loaded afterwards.
     */
    public void setGpuLimitCaps(long maxStorageBufferBindingSize, long maxBufferSize) {
        gpuBindingLimitCap = maxStorageBufferBindingSize;
        gpuBufferLimitCap = maxBufferSize;
    }

    /**
     * Whether models loaded afterwards on the webgpu backend run the GPU fusion passes (default true); op tests turn
     * it off to test each op's own lowering.
     */
    public void setGpuFusion(boolean on) { gpuFusion = on; }

    /**
     * Kernel threads of models loaded afterwards on the wasm-simd backends (0, the default: the page's
     * navigator.hardwareConcurrency); tests compare one and two.
     */
    public void setWasmThreads(int threads) { wasmThreads = threads; }

    /**
     * Destroys the WebGPU device of the page's engine build for {@code backend} ("webgpu" or "webgpu-js"), freeing
     * its memory. Models loaded on it then fail with a "device was lost" error until {@link #unloadGpuModels()}
     * drops them, after which the next run loads them again on a new device. Returns whether a device existed.
     */
    public boolean releaseGpuDevice(String backend) {
        Target target = target(backend);
        JsonObject reply = call("releasing the WebGPU device", "releaseGpuDevice", target.engine);
        return reply.get("released").getAsBoolean();
    }

    /** Forgets (disposes) every model loaded on the webgpu backend, so the next run loads it again. */
    public void unloadGpuModels() {
        Iterator<Map.Entry<String, LoadedModel>> it = models.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, LoadedModel> e = it.next();
            if (e.getValue().adapter() == null) continue;
            it.remove();
            call("disposing a model", "dispose", e.getValue().id());
        }
    }

    /** The page's report on the last run ({@link Result#gpu()} of the last {@link #run}), when it ran on webgpu. */
    public GpuStats lastGpuStats() { return lastGpuStats; }

    /**
     * The page's report on the last run when it ran on wasm-simd (which node ran as a kernel and which on its
     * reference op, memory plan, threads: {@code dev.nnjit.runtime.wasm.WasmSimdReport}), else null.
     */
    public JsonObject lastWasmReport() { return lastWasmReport; }

    /**
     * How the last run's model chose its backend when it was loaded on "auto" ({@code {chosen, reason, timesMs,
     * candidates, failures}}: {@code dev.nnjit.runtime.BackendChoice}), else null.
     */
    public JsonObject lastBackendChoice() { return lastBackendChoice; }

    private static GpuStats gpuStats(String adapter, Map<String, Double> limits, JsonObject gpu) {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : gpu.getAsJsonObject("phases").entrySet()) {
            phases.put(e.getKey(), e.getValue().getAsDouble());
        }
        Map<String, Double> plan = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : gpu.getAsJsonObject("plan").entrySet()) {
            plan.put(e.getKey(), e.getValue().getAsDouble());
        }
        List<KernelTime> kernels = new ArrayList<>();
        for (JsonElement k : gpu.getAsJsonArray("kernels")) {
            JsonObject o = k.getAsJsonObject();
            kernels.add(new KernelTime(o.get("node").getAsString(), o.get("op").getAsString(),
                    o.get("family").getAsString(), o.get("ms").getAsDouble()));
        }
        return new GpuStats(adapter, limits, new GpuRunStats(phases, kernels, gpu.get("timing").getAsString(), plan));
    }

    /** Which engine build ran the last {@link #run}: "wasm-gc" or "js". */
    public String lastEngine() { return lastEngine; }

    /** The local server's base URL (serves the web app: index.html, harness.html). */
    public String baseUrl() { return server.baseUrl(); }

    /**
     * The URL (relative to {@link #baseUrl()}) under which the local server serves {@code file}, mounting its folder
     * when needed: for tests that load models from their own pages.
     */
    public String urlOf(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Path folder = real.getParent();
        String prefix = server.mount(mounts.computeIfAbsent(folder, f -> "m" + mounts.size()), folder);
        return prefix + urlPath(real.getFileName().toString());
    }

    /** The running Chromium, e.g. for tests that open the demo page in their own tab. */
    public Browser browser() { return browser; }

    @Override public void close() {
        try {
            if (playwright != null) playwright.close();
        } catch (RuntimeException ignored) {
            // Chromium may already be gone (crash, watchdog); nothing left to release.
        } finally {
            playwright = null;
            watchdog.shutdownNow();
            server.close();
        }
    }

    // ---- startup ----

    static Path resolveChromium(Path chromiumPath) {
        String env = System.getenv("NNJIT_CHROMIUM");
        Path p = chromiumPath != null ? chromiumPath
                : env != null && !env.isBlank() ? Paths.get(env) : DEFAULT_CHROMIUM;
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new BrowserException("Startup", "Chromium not found at " + p
                    + ": install it with apt-get install -y chromium (or set NNJIT_CHROMIUM to a Chromium binary)");
        }
        return p;
    }

    static Path webappDir() {
        String prop = System.getProperty("nnjit.webapp");
        String env = System.getenv("NNJIT_WEBAPP");
        String dir = prop != null && !prop.isBlank() ? prop : env != null && !env.isBlank() ? env : "target/webapp";
        return Paths.get(dir).toAbsolutePath().normalize();
    }

    private static void checkWebapp(Path webapp) {
        for (String f : List.of("harness.html", "harness.js", "engine.js", "wasm-gc/nnjit.wasm",
                "wasm-gc/nnjit.wasm-runtime.js", "js/nnjit.js")) {
            if (!Files.isRegularFile(webapp.resolve(f))) {
                throw new BrowserException("Startup", "the web app is not built at " + webapp + " (missing " + f
                        + "): run mvn package, or point -Dnnjit.webapp / NNJIT_WEBAPP at a built target/webapp");
            }
        }
    }

    private static Duration defaultTimeout() {
        return Duration.ofSeconds(Long.getLong("nnjit.browser.timeoutSeconds", 300));
    }

    private void launch() {
        guarded("starting Chromium", () -> {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            List<ProcessHandle> before = chromiumDescendants();
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium).setHeadless(true).setArgs(CHROMIUM_FLAGS)
                    .setTimeout(timeout.toMillis()));
            for (ProcessHandle p : chromiumDescendants()) if (!before.contains(p)) chromiumProcesses.add(p);
            openHarness();
            return null;
        });
    }

    /** A fresh tab on harness.html, ready when its module has installed window.nnjitHarness. */
    private void openHarness() {
        if (page != null) {
            try {
                page.close();
            } catch (PlaywrightException ignored) {
                // a crashed tab may refuse to close politely; a new one replaces it either way
            }
        }
        page = browser.newPage();
        crashed = false;
        pageErrors.clear();
        models.clear();
        page.setDefaultTimeout(timeout.toMillis());
        page.onConsoleMessage(msg -> {
            if (msg.type().equals("error")) pageErrors.add("console error: " + msg.text());
        });
        page.onPageError(err -> pageErrors.add("uncaught page error: " + err));
        page.onCrash(p -> crashed = true);
        page.navigate(server.baseUrl() + "harness.html");
        try {
            page.waitForFunction("() => window.nnjitHarnessReady === true", null,
                    new Page.WaitForFunctionOptions().setTimeout(Math.min(timeout.toMillis(), 60_000)));
        } catch (PlaywrightException e) {
            throw new BrowserException("PageError", "harness.html did not become ready" + pendingErrors(), e);
        }
    }

    // ---- models ----

    private static Target target(String backend) {
        switch (backend) {
            case "browser": return new Target("auto", "cpu");
            case "browser-wasm-gc": return new Target("wasm-gc", "cpu");
            case "browser-js": return new Target("js", "cpu");
            case "webgpu": return new Target("wasm-gc", "webgpu");
            case "webgpu-js": return new Target("js", "webgpu");
            case "wasm-simd": return new Target("wasm-gc", "wasm-simd");
            case "wasm-simd-js": return new Target("js", "wasm-simd");
            case "auto": return new Target("wasm-gc", "auto");
            default: throw new IllegalArgumentException("unknown browser backend '" + backend
                    + "' (expected browser, browser-wasm-gc, browser-js, webgpu, webgpu-js, wasm-simd,"
                    + " wasm-simd-js or auto)");
        }
    }

    private String key(Path model, Target target) {
        try {
            Path real = model.toRealPath();
            String caps = target.backend.equals("webgpu")
                    ? "|" + gpuBindingLimitCap + "," + gpuBufferLimitCap + "," + gpuFusion
                    : target.backend.equals("wasm-simd") ? "|threads" + wasmThreads
                    : target.backend.equals("auto")
                    ? "|" + gpuBindingLimitCap + "," + gpuBufferLimitCap + "," + gpuFusion + "|threads" + wasmThreads
                    : "";
            return real + "|" + Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis() + "|"
                    + target.engine + "|" + target.backend + caps;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + model, e);
        }
    }

    /** The model loaded in the page, loading it when needed (then with its load timings). */
    private LoadedModel load(Path model, Target target) {
        if (crashed) openHarness();
        String key = key(model, target);
        LoadedModel cached = models.get(key);
        if (cached != null) return cached;
        evictOldModels(LOADED_MODEL_LIMIT - 1);  // room first: big models side by side can exhaust the page's memory
        LoadedModel m = loadInPage(model, target, null);
        models.put(key, m);
        return m;
    }

    /** Loads the model into the page (not remembered); {@code tuning} the load's tuning option, or null. */
    private LoadedModel loadInPage(Path model, Target target, JsonObject tuning) {
        if (crashed) openHarness();
        Path real;
        try {
            real = model.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + model, e);
        }
        Path folder = real.getParent();
        String prefix = server.mount(mounts.computeIfAbsent(folder, f -> "m" + mounts.size()), folder);
        List<String> external = ExternalDataScan.find(real);
        JsonObject options = new JsonObject();
        options.addProperty("backend", target.backend);
        boolean auto = target.backend.equals("auto");  // loads both webgpu and wasm-simd (backend-choice.js)
        if (auto || target.backend.equals("webgpu")) options.addProperty("fusion", gpuFusion);
        if ((auto || target.backend.equals("wasm-simd")) && wasmThreads > 0) options.addProperty("threads", wasmThreads);
        if (gpuBindingLimitCap > 0) options.addProperty("maxStorageBufferBindingSize", gpuBindingLimitCap);
        if (gpuBufferLimitCap > 0) options.addProperty("maxBufferSize", gpuBufferLimitCap);
        if (tuning != null) options.add("tuning", tuning);
        JsonObject reply = call("loading " + model.getFileName(), "load", target.engine,
                prefix + urlPath(real.getFileName().toString()), external, options);
        List<String> outputNames = new ArrayList<>();
        for (JsonElement o : reply.getAsJsonArray("outputs")) outputNames.add(o.getAsJsonObject().get("name").getAsString());
        Map<String, Double> loadTimings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : reply.getAsJsonObject("loadTimings").entrySet()) {
            loadTimings.put(e.getKey(), e.getValue().getAsDouble());
        }
        String adapter = reply.has("adapter") ? reply.get("adapter").getAsString() : null;
        Map<String, Double> limits = new LinkedHashMap<>();
        if (reply.has("limits")) {
            for (Map.Entry<String, JsonElement> e : reply.getAsJsonObject("limits").entrySet()) {
                limits.put(e.getKey(), e.getValue().getAsDouble());
            }
        }
        return new LoadedModel(reply.get("modelId").getAsInt(), reply.get("kind").getAsString(), adapter,
                limits, outputNames, loadTimings);
    }

    /** Disposes the oldest loaded models until at most {@code keep} remain. */
    private void evictOldModels(int keep) {
        Iterator<Map.Entry<String, LoadedModel>> it = models.entrySet().iterator();
        while (models.size() > keep && it.hasNext()) {
            LoadedModel old = it.next().getValue();
            it.remove();
            call("disposing a model", "dispose", old.id);
        }
    }

    private static String urlPath(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- page calls ----

    /** Calls window.nnjitHarness[fn](...args) and returns its reply; throws its error with the exact message. */
    private JsonObject call(String what, String fn, Object... args) {
        String argsJson = gson.toJson(args);
        String json = guarded(what, () -> (String) page.evaluate(
                "async ([fn, args]) => JSON.stringify(await window.nnjitHarness[fn](...JSON.parse(args)))",
                List.of(fn, argsJson)));
        JsonObject reply = JsonParser.parseString(json).getAsJsonObject();
        if (!reply.get("ok").getAsBoolean()) {
            throw new BrowserException(reply.get("errorType").getAsString(), reply.get("error").getAsString());
        }
        return reply;
    }

    /**
     * Runs a Playwright action under the deadline. A watchdog stops Chromium (our child processes only) when the
     * deadline passes, which makes the blocked Playwright call fail; the runner is then unusable.
     */
    private <T> T guarded(String what, Supplier<T> action) {
        if (unusable != null) throw new BrowserException("Timeout", "this BrowserRunner is unusable: " + unusable);
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            fired.set(true);
            stopChromiumProcesses();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            T result = action.get();
            if (!pageErrors.isEmpty()) {
                String errors = String.join("; ", pageErrors);
                pageErrors.clear();
                throw new BrowserException("PageError", "the page reported errors while " + what + ": " + errors);
            }
            return result;
        } catch (PlaywrightException e) {
            if (fired.get()) {
                unusable = what + " did not finish within " + timeout.toSeconds() + " s";
                throw new BrowserException("Timeout", unusable + "; Chromium was stopped", e);
            }
            if (crashed) {
                throw new BrowserException("PageCrash", "the Chromium page crashed while " + what + pendingErrors(), e);
            }
            throw new BrowserException("PageError", what + " failed: " + firstLine(e.getMessage()) + pendingErrors(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    private String pendingErrors() {
        if (pageErrors.isEmpty()) return "";
        String s = " (page errors: " + String.join("; ", pageErrors) + ")";
        pageErrors.clear();
        return s;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Kills the Chromium processes this runner launched, by pid: the processes that appeared under this JVM while
     * it launched Chromium (another runner starting at the same moment in this JVM could be caught too).
     */
    private void stopChromiumProcesses() {
        for (ProcessHandle p : chromiumProcesses) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static List<ProcessHandle> chromiumDescendants() {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().command().orElse("");
            if (command.contains("chromium") || command.contains("chrome")) found.add(p);
        });
        return found;
    }
}
