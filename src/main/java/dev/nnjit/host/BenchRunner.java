package dev.nnjit.host;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the bench page (bench.html / bench.js, API {@code window.nnjitBench}) in ONE headless Chromium: serves the
 * web app, the model's folder, the feeds file's folder and ONNX Runtime Web's dist folder (at {@code /files/ort/})
 * with COOP/COEP, so the page is cross-origin isolated and wasm threads work.
 *
 * <p>Each runtime is measured by one page call under its own deadline. A runtime that fails reports
 * {@code {"unavailable": reason}} from the page; one that passes the deadline or crashes the page is reported the same
 * way from here, after which the browser is restarted and the inputs fetched again, so the remaining runtimes still
 * run (their outputs are then cross-checked only against runtimes measured after the restart). Not thread-safe.
 */
public final class BenchRunner implements AutoCloseable {
    private static final long POLL_MS = 250;

    private final WebServer server;
    private final Path chromium;
    private final Duration timeout;
    private final List<String> flags;
    private final Gson gson = new Gson();
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();
    private volatile boolean crashed;
    private JsonObject prepareArgs;
    private int job;

    private BenchRunner(WebServer server, Path chromium, Duration timeout, List<String> flags) {
        this.server = server;
        this.chromium = chromium;
        this.timeout = timeout;
        this.flags = flags;
    }

    /** BrowserRunner's flags with the WebGPU adapter replaced (or dropped for "default"). */
    static List<String> chromiumFlags(String webgpuAdapter) {
        List<String> flags = new ArrayList<>();
        for (String f : BrowserRunner.CHROMIUM_FLAGS) if (!f.startsWith("--use-webgpu-adapter=")) flags.add(f);
        if (!webgpuAdapter.equals("default")) flags.add("--use-webgpu-adapter=" + webgpuAdapter);
        return List.copyOf(flags);
    }

    /**
     * Starts the server and Chromium and opens bench.html.
     *
     * @param chromiumPath Chromium binary, or null for NNJIT_CHROMIUM / /usr/bin/chromium
     * @param webapp the built web app (target/webapp), which must contain bench.html
     * @param ortDist onnxruntime-web's dist folder, or null when no ort-* runtime is measured
     * @param timeout deadline for each runtime's measurement (and for loading the inputs)
     * @param webgpuAdapter Chromium's {@code --use-webgpu-adapter} value ("swiftshader": WebGPU on the CPU), or
     *     "default" to let Chromium choose (a real GPU where there is one)
     */
    public static BenchRunner start(Path chromiumPath, Path webapp, Path ortDist, Duration timeout,
            String webgpuAdapter) {
        Path chromium = BrowserRunner.resolveChromium(chromiumPath);
        for (String f : List.of("bench.html", "bench.js", "bench-chart.js", "engine.js", "wasm-gc/nnjit.wasm")) {
            if (!Files.isRegularFile(webapp.resolve(f))) {
                throw new BrowserException("Startup", "the web app is not built at " + webapp + " (missing " + f
                        + "): run mvn package, or point -Dnnjit.webapp / NNJIT_WEBAPP at a built target/webapp");
            }
        }
        WebServer server = WebServer.start(webapp);
        if (ortDist != null) server.mount("ort", ortDist);
        BenchRunner runner = new BenchRunner(server, chromium, timeout, chromiumFlags(webgpuAdapter));
        try {
            runner.launch();
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /** The web app folder BrowserRunner would use (nnjit.webapp, NNJIT_WEBAPP, target/webapp). */
    public static Path defaultWebapp() { return BrowserRunner.webappDir(); }

    /** Adapter info, hardwareConcurrency, crossOriginIsolated, userAgent and WebGPU availability (bench.js). */
    public JsonObject deviceInfo() {
        return callPage("reading the device info", "nnjitBench.deviceInfo()", null, timeout);
    }

    /**
     * Serves the model's folder and the feeds' folder and has the page fetch the model, the external-data files it
     * names and the feeds once. Returns the page's summary (sizes, input names/shapes, expected outputs found).
     */
    public JsonObject prepare(Path model, Path feeds) {
        Path realModel = realPath(model, "model");
        String modelPrefix = server.mount("model", realModel.getParent());
        JsonObject args = new JsonObject();
        args.addProperty("modelUrl", modelPrefix + urlPath(realModel.getFileName().toString()));
        args.add("externalFiles", gson.toJsonTree(ExternalDataScan.find(realModel)));
        if (feeds != null) {  // none: decoding only (measureDecode)
            Path realFeeds = realPath(feeds, "feeds");
            String feedsPrefix = server.mount("feeds", realFeeds.getParent());
            args.addProperty("feedsUrl", feedsPrefix + urlPath(realFeeds.getFileName().toString()));
        }
        args.addProperty("ortBase", server.baseUrl() + "files/ort/");
        prepareArgs = args;
        return doPrepare();
    }

    private JsonObject doPrepare() {
        JsonObject reply = callPage("fetching the model and feeds", "nnjitBench.prepare(args)", prepareArgs, timeout);
        if (!reply.get("ok").getAsBoolean()) {
            throw new BrowserException("PageError", "the bench page could not load the inputs: "
                    + reply.get("error").getAsString());
        }
        return reply;
    }

    /**
     * Measures one runtime (see bench.js for what is timed). Never throws for the runtime's own failures: returns
     * {@code {"unavailable": reason}} instead, also for a deadline or a page crash (then restarting the browser).
     */
    public JsonObject measure(String runtime, int runs, int warmup, double tolerance) {
        return measure(runtime, runs, warmup, tolerance, null);
    }

    /**
     * As {@link #measure(String, int, int, double)}; {@code tuningRecords} (tuning-record JSON text, or null for an
     * empty cache) are the records the tuned runtimes (nnjit-webgpu-tuned, nnjit-wasm-simd) start from (other
     * runtimes ignore them).
     */
    public JsonObject measure(String runtime, int runs, int warmup, double tolerance, String tuningRecords) {
        if (prepareArgs == null) throw new IllegalStateException("prepare() first");
        JsonObject options = new JsonObject();
        options.addProperty("runs", runs);
        options.addProperty("warmup", warmup);
        options.addProperty("tolerance", tolerance);
        if (tuningRecords != null) options.addProperty("tuningRecords", tuningRecords);
        return measureInPage("measuring " + runtime, "nnjitBench.measure(args.runtime, args.options)", runtime, options);
    }

    /**
     * One runtime's measurement by the page ({@code expression} over {@code args.runtime} and {@code args.options}):
     * its result with the page errors seen meanwhile, or {@code {"unavailable": reason}} for the runtime's own failure,
     * a deadline or a crash (then the browser is restarted).
     */
    private JsonObject measureInPage(String what, String expression, String runtime, JsonObject options) {
        JsonObject args = new JsonObject();
        args.addProperty("runtime", runtime);
        args.add("options", options);
        try {
            JsonObject reply = callPage(what, expression, args, timeout);
            if (!reply.get("ok").getAsBoolean()) return unavailable(reply.get("error").getAsString());
            JsonObject result = reply.getAsJsonObject("result");
            if (!pageErrors.isEmpty()) {
                result.add("pageErrors", gson.toJsonTree(new ArrayList<>(pageErrors)));
                pageErrors.clear();
            }
            return result;
        } catch (PageFailure e) {
            String reason = e.getMessage();
            restart();
            return unavailable(reason);
        }
    }

    /**
     * Times greedy decoding by one runtime on the prepared KV-cache model (bench.js measureDecode): {@code newTokens}
     * ids after {@code prompt}, one untimed generation then {@code runs} timed ones. Never throws for the runtime's
     * own failures (returns {@code {"unavailable": reason}}).
     */
    public JsonObject measureDecode(String runtime, long[] prompt, int newTokens, int runs) {
        if (prepareArgs == null) throw new IllegalStateException("prepare() first");
        JsonObject options = new JsonObject();
        options.add("prompt", gson.toJsonTree(prompt));
        options.addProperty("newTokens", newTokens);
        options.addProperty("runs", runs);
        return measureInPage("decoding with " + runtime, "nnjitBench.measureDecode(args.runtime, args.options)", runtime,
                options);
    }

    /** The report document (bench.js buildReport) from the collected results. */
    public JsonObject buildReport(JsonObject input) {
        return callPage("building the report", "nnjitBench.buildReport(args)", input, timeout);
    }

    /** The local server's base URL. */
    public String baseUrl() { return server.baseUrl(); }

    @Override public void close() {
        try {
            if (playwright != null) playwright.close();
        } catch (RuntimeException ignored) {
            // Chromium may already be gone; nothing left to release.
        } finally {
            playwright = null;
            server.close();
        }
    }

    // ---- browser ----

    private void launch() {
        try {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium).setHeadless(true).setArgs(flags)
                    .setTimeout(Math.min(timeout.toMillis(), 120_000)));
        } catch (PlaywrightException e) {
            throw new BrowserException("Startup", "cannot start Chromium (" + chromium + "): "
                    + playwrightMessage(e), e);
        }
        openPage();
    }

    private void openPage() {
        page = browser.newPage();
        crashed = false;
        pageErrors.clear();
        page.onConsoleMessage(msg -> {
            if (msg.type().equals("error")) pageErrors.add("console error: " + msg.text());
        });
        page.onPageError(err -> pageErrors.add("uncaught page error: " + err));
        page.onCrash(p -> crashed = true);
        page.navigate(server.baseUrl() + "bench.html");
        try {
            page.waitForFunction("() => window.nnjitBenchReady === true", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000).setPollingInterval(50));
        } catch (PlaywrightException e) {
            throw new BrowserException("PageError", "bench.html did not become ready: " + playwrightMessage(e)
                    + (pageErrors.isEmpty() ? "" : " (page errors: " + String.join("; ", pageErrors) + ")"), e);
        }
    }

    /** After a deadline or crash: a fresh browser and page with the inputs fetched again. */
    private void restart() {
        try {
            if (playwright != null) playwright.close();
        } catch (RuntimeException ignored) {
            // The browser was stuck or gone; closing Playwright ends its processes either way.
        }
        playwright = null;
        launch();
        doPrepare();
    }

    /**
     * Starts {@code expression} (a promise; {@code args} bound to the parsed JSON) in the page without awaiting it
     * in the evaluate call, then polls for its settled value with a deadline. Polling, rather than one long evaluate,
     * gives every call a deadline even while the page's main thread is busy with a synchronous run.
     */
    private JsonObject callPage(String what, String expression, JsonObject args, Duration deadline) {
        if (crashed) throw new PageFailure("the page had crashed before " + what);
        int id = ++job;
        String key = "__nnjitBenchJob" + id;
        try {
            page.evaluate("([key, argsJson]) => { const args = argsJson === null ? null : JSON.parse(argsJson);"
                    + " window[key] = undefined;"
                    + " Promise.resolve().then(() => " + expression + ")"
                    + ".then(v => { window[key] = JSON.stringify(v); },"
                    + " e => { window[key] = JSON.stringify({ok: false, error: String(e && e.stack || e)}); }); }",
                    List.of(key, args == null ? "null" : gson.toJson(args)));
            page.waitForFunction("key => window[key] !== undefined", key,
                    new Page.WaitForFunctionOptions().setTimeout(deadline.toMillis()).setPollingInterval(POLL_MS));
            String json = (String) page.evaluate("key => { const v = window[key]; delete window[key]; return v; }", key);
            JsonElement reply = JsonParser.parseString(json);
            return reply.getAsJsonObject();
        } catch (PlaywrightException e) {
            if (crashed) throw new PageFailure("the page crashed while " + what + " (out of memory?)" + errors());
            String m = playwrightMessage(e);
            if (e instanceof TimeoutError || m.startsWith("Timeout ")) {
                throw new PageFailure(what + " did not finish within " + deadline.toSeconds() + " s" + errors());
            }
            throw new PageFailure(what + " failed: " + m + errors());
        }
    }

    private String errors() {
        if (pageErrors.isEmpty()) return "";
        String s = " (page errors: " + String.join("; ", pageErrors) + ")";
        pageErrors.clear();
        return s;
    }

    private static JsonObject unavailable(String reason) {
        JsonObject o = new JsonObject();
        o.addProperty("unavailable", reason);
        return o;
    }

    private static Path realPath(Path p, String what) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " file " + p, e);
        }
    }

    private static String urlPath(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Playwright-Java messages read "Error {\n  message='TEXT\n  name=..."; returns TEXT's first line. */
    static String playwrightMessage(PlaywrightException e) {
        String s = e.getMessage();
        if (s == null) return e.toString();
        int at = s.indexOf("message='");
        return firstLine(at < 0 ? s : s.substring(at + "message='".length()));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The page timed out, crashed or broke: the browser is restarted before the next runtime. */
    static final class PageFailure extends BrowserException {
        PageFailure(String message) { super("PageError", message); }
    }
}
