package dev.nnjit.host;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Wasm GEMM benchmark page ({@code bench-gemm.html} in a folder that also holds its modules, inputs and
 * reference output; see tools/wasm-check/bench-gemm-page.mjs) in headless Chromium, served with COOP/COEP so the
 * page is cross-origin isolated (SharedArrayBuffer, Workers on one memory), and returns the page's JSON report.
 * ONNX Runtime Web's dist folder, when given, is served under /files/ort/.
 */
public final class WasmGemmPage {
    private WasmGemmPage() {}

    /**
     * @param folder the page's folder (bench-gemm.html, bench-gemm-page.mjs, bench.json, *.wasm, a/b/c.bin)
     * @param ortDist onnxruntime-web's dist folder, or null
     * @return the page's report (JSON text); bench.json's "ort" should be {@link #ORT_PATH} when ortDist is given
     */
    public static String run(Path folder, Path ortDist, Path chromiumPath, Duration timeout) {
        Path chromium = BrowserRunner.resolveChromium(chromiumPath);
        List<String> errors = new ArrayList<>();
        try (WebServer server = WebServer.start(folder, true);
             Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            if (ortDist != null) server.mount("ort", ortDist);
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                    .setHeadless(true).setArgs(BrowserRunner.CHROMIUM_FLAGS).setTimeout(120_000));
            Page page = browser.newPage();
            page.setDefaultTimeout(timeout.toMillis());
            page.onPageError(e -> errors.add("uncaught page error: " + e));
            page.onConsoleMessage(m -> { if (m.type().equals("error")) errors.add("console error: " + m.text()); });
            page.navigate(server.baseUrl() + "bench-gemm.html");
            page.waitForFunction("() => window.gemmBenchReady === true");
            return (String) page.evaluate("() => window.runGemmBench()");
        } catch (PlaywrightException e) {
            throw new BrowserException("PageError", "the wasm GEMM bench page failed: " + e.getMessage()
                    + (errors.isEmpty() ? "" : "; " + String.join("; ", errors)), e);
        }
    }

    /** Where the page finds ONNX Runtime Web when {@link #run} is given its dist folder. */
    public static final String ORT_PATH = "/files/ort/";
}
