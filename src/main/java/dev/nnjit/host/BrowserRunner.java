package dev.nnjit.host;

import dev.nnjit.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * JVM side of the browser backends: serves the built web app on 127.0.0.1 (with COOP/COEP headers), drives headless
 * Chromium through Playwright, and runs the TeaVM-compiled engine inside the page.
 *
 * <p>STUB: the signatures are the contract the command line and tests rely on; the implementation is in progress.
 */
public final class BrowserRunner implements AutoCloseable {

    /** Outputs (graph order) and timings in milliseconds reported by the page. */
    public record Result(Map<String, Tensor> outputs, Map<String, Double> timings) {}

    /**
     * Starts Chromium (path from {@code chromiumPath}, default /usr/bin/chromium, overridable by the
     * NNJIT_CHROMIUM environment variable) and the local web server.
     */
    public static BrowserRunner start(Path chromiumPath) {
        throw new UnsupportedOperationException("browser backend not implemented yet");
    }

    /**
     * Loads the model (and external data files next to it) into the page and runs it on the feeds.
     *
     * @param backend "browser" (engine's CPU reference compiled to Wasm GC, JS fallback) or, later, "webgpu"
     */
    public Result run(Path model, Map<String, Tensor> feeds, String backend) {
        throw new UnsupportedOperationException("browser backend not implemented yet");
    }

    @Override public void close() {}
}
