package dev.nnjit.host;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the kernel workbench (workbench.html, dev.nnjit.tune.workbench in the page) in headless Chromium with WebGPU
 * on SwiftShader, from the JVM: serves the built web app, opens the page, starts a run and polls it until it
 * finishes or the deadline passes.
 *
 * <p>Chromium gets {@link BrowserRunner}'s flags plus {@code --enable-webgpu-developer-features}, which stops
 * Chromium rounding timestamp queries to 100 us. Errors: the engine's as {@link BrowserException} with its message;
 * page errors and crashes as "PageError"/"PageCrash"; a run past the deadline as "Timeout" (Chromium is then closed
 * and this runner refuses further work). Not thread-safe.
 */
public final class WorkbenchRunner implements AutoCloseable {
    static final List<String> FLAGS;

    static {
        List<String> f = new ArrayList<>(BrowserRunner.CHROMIUM_FLAGS);
        f.add("--enable-webgpu-developer-features");
        FLAGS = List.copyOf(f);
    }

    /** A finished run: the engine build that ran it ("wasm-gc" or "js") and the page's report. */
    public record Outcome(String engine, JsonObject report) {}

    /**
     * Progress: stage "compile" (done of total candidates compiled and checked) or "time" (done of total rounds of
     * samples), with a detail line.
     */
    public record Progress(String stage, int done, int total, String detail) {}

    private static final long POLL_MILLIS = 500;

    private final WebServer server;
    private final Duration timeout;
    private final Gson gson = new Gson();
    private final List<String> pageErrors = new ArrayList<>();
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private volatile boolean crashed;
    private String unusable;
    private boolean closed;

    private WorkbenchRunner(WebServer server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    /**
     * Starts the server and Chromium ({@code chromiumPath}, else NNJIT_CHROMIUM, else /usr/bin/chromium) on the web
     * app ({@code webapp}, else -Dnnjit.webapp, else NNJIT_WEBAPP, else target/webapp).
     *
     * @param timeout deadline of one {@link #run}
     */
    public static WorkbenchRunner start(Path chromiumPath, Path webapp, Duration timeout) {
        Path chromium = BrowserRunner.resolveChromium(chromiumPath);
        Path app = webapp != null ? webapp : BrowserRunner.webappDir();
        for (String f : List.of("workbench.html", "workbench.js", "engine.js", "wasm-gc/nnjit.wasm", "js/nnjit.js")) {
            if (!Files.isRegularFile(app.resolve(f))) {
                throw new BrowserException("Startup", "the web app is not built at " + app + " (missing " + f
                        + "): run 'mvn -q -B package -DskipTests' first");
            }
        }
        WorkbenchRunner r = new WorkbenchRunner(WebServer.start(app), timeout);
        try {
            r.launch(chromium);
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void launch(Path chromium) {
        try {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                    .setHeadless(true).setArgs(FLAGS).setTimeout(Math.min(timeout.toMillis(), 120_000)));
            page = browser.newPage();
            page.setDefaultTimeout(Math.min(timeout.toMillis(), 120_000));
            page.onConsoleMessage(m -> { if (m.type().equals("error")) pageErrors.add("console error: " + m.text()); });
            page.onPageError(e -> pageErrors.add("uncaught page error: " + e));
            page.onCrash(p -> crashed = true);
            page.navigate(server.baseUrl() + "workbench.html");
            page.waitForFunction("() => window.nnjitWorkbenchReady === true");
        } catch (PlaywrightException e) {
            throw new BrowserException("Startup", "cannot open workbench.html in Chromium: " + firstLine(e.getMessage())
                    + errors(), e);
        }
    }

    /** The server's base URL (workbench.html is served under it). */
    public String baseUrl() { return server.baseUrl(); }

    /** The running Chromium, for tests that drive the page themselves. */
    public Browser browser() { return browser; }

    /**
     * Runs one workbench request in the page.
     *
     * @param engine "wasm-gc", "js" or "auto"
     * @param request the page's request object (family, shape, candidates, runs, ...; see workbench.js)
     * @param progress called after each candidate (may be null)
     */
    public Outcome run(String engine, JsonObject request, Consumer<Progress> progress) {
        if (unusable != null) throw new BrowserException("Timeout", "this WorkbenchRunner is unusable: " + unusable);
        JsonObject started = evaluateJson("([c, r]) => JSON.stringify(window.nnjitWorkbench.start(c, JSON.parse(r)))",
                List.of(engine, gson.toJson(request)));
        if (!started.get("ok").getAsBoolean()) throw engineError(started);
        long deadline = System.nanoTime() + timeout.toNanos();
        int reported = 0;
        while (true) {
            JsonObject state = evaluateJson("() => window.nnjitWorkbench.poll()", null);
            int updates = state.get("updates").getAsInt();
            int done = updates == 0 ? 0 : state.get("done").getAsInt();
            if (progress != null && updates > reported) {
                reported = updates;
                progress.accept(new Progress(state.get("stage").getAsString(), done, state.get("total").getAsInt(),
                        state.get("detail").getAsString()));
            }
            if (state.get("reply").isJsonObject()) {
                JsonObject reply = state.getAsJsonObject("reply");
                if (!reply.get("ok").getAsBoolean()) throw engineError(reply);
                return new Outcome(reply.get("kind").getAsString(), reply.getAsJsonObject("report"));
            }
            if (System.nanoTime() > deadline) {
                unusable = "the workbench run did not finish within " + timeout.toSeconds() + " s";
                close();
                throw new BrowserException("Timeout", unusable + "; Chromium was closed");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrowserException("Interrupted", "interrupted while waiting for the workbench");
            }
        }
    }

    private JsonObject evaluateJson(String script, Object arg) {
        String json;
        try {
            json = (String) page.evaluate(script, arg);
        } catch (PlaywrightException e) {
            if (crashed) throw new BrowserException("PageCrash", "the workbench page crashed" + errors(), e);
            throw new BrowserException("PageError", "the workbench page failed: " + firstLine(e.getMessage()) + errors(), e);
        }
        if (!pageErrors.isEmpty()) throw new BrowserException("PageError", "the workbench page reported errors: "
                + String.join("; ", drainErrors()));
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static BrowserException engineError(JsonObject reply) {
        return new BrowserException(reply.get("errorType").getAsString(), reply.get("error").getAsString());
    }

    private List<String> drainErrors() {
        List<String> e = new ArrayList<>(pageErrors);
        pageErrors.clear();
        return e;
    }

    private String errors() {
        return pageErrors.isEmpty() ? "" : " (page errors: " + String.join("; ", drainErrors()) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        try {
            if (playwright != null) playwright.close();
        } catch (RuntimeException ignored) {
            // Chromium may already be gone; nothing left to release.
        } finally {
            playwright = null;
            server.close();
        }
    }
}
