package dev.nnjit.host;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the web app's similarity.html (MiniLM through {@code nnjit.pipeline} on the backend the page picks, tuning
 * on, see similarity.js) in a fresh context of the runner's Chromium, with the model folder served next to it.
 */
public final class SimilarityPage {
    private SimilarityPage() {}

    /**
     * @param device "auto", "webgpu", "wasm" or "cpu"
     * @param tuningMs the tuner's budget (0: no tuning)
     * @return the page's reply as JSON text: {@code {"report": {...}}} or {@code {"error": message}}
     */
    public static String run(BrowserRunner runner, Path modelDir, String device, double tuningMs) {
        String model = runner.urlOf(modelDir.resolve("config.json")).replaceFirst("config\\.json$", "");
        String url = runner.baseUrl() + "similarity.html?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                + "&device=" + URLEncoder.encode(device, StandardCharsets.UTF_8) + "&tuning=" + (long) tuningMs;
        try (BrowserContext context = runner.browser().newContext(); Page page = context.newPage()) {
            page.navigate(url);
            page.waitForFunction("() => window.similarity !== undefined");
            return (String) page.evaluate("() => window.similarity.then((r) => JSON.stringify(r))");
        }
    }
}
