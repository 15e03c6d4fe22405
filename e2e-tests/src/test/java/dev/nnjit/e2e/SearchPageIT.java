package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.nnjit.host.BrowserRunner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The semantic-search demo (search.html) as a person uses it, on the real MiniLM folder {@code mvn package} lays out
 * and on the backend nnjit picks (WebGPU where Chromium offers it): wait for the index, type a paraphrase of a
 * sentence in the corpus, and see that sentence ranked first; the page shows the backend, load progress and timings.
 * Saves target/e2e-screenshots/search.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPageIT {
    private static final double PAGE_TIMEOUT_MS = 900_000;
    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @Test
    void aTypedParaphraseFindsItsSentenceFirst() {
        String model = runner.urlOf(PipelineFixture.MODEL.resolve("config.json")).replaceFirst("config\\.json$", "");
        List<String> pageErrors = new ArrayList<>();
        try (BrowserContext context = runner.browser().newContext(); Page page = context.newPage()) {
            page.setDefaultTimeout(PAGE_TIMEOUT_MS);
            page.onPageError(pageErrors::add);
            page.onConsoleMessage(m -> { if (m.type().equals("error")) pageErrors.add(m.text()); });
            // tuning=0: the tuner would share this machine's two cores with the indexing the test waits for
            page.navigate(runner.baseUrl() + "search.html?tuning=0&model="
                    + URLEncoder.encode(model, StandardCharsets.UTF_8));
            page.waitForFunction("() => /^(ready|error)/.test(document.getElementById('status').textContent)", null,
                    new Page.WaitForFunctionOptions().setTimeout(PAGE_TIMEOUT_MS));
            assertEquals("ready", page.textContent("#status"));
            String backend = page.textContent("#backend");
            System.out.println("SearchPageIT backend: " + backend);
            assertTrue(backend.startsWith("webgpu") || backend.startsWith("wasm"),
                    "device auto has chosen webgpu or wasm on the first run: " + backend);

            search(page, "A guy plays the guitar at a concert.", "A man is playing a guitar on stage.");
            search(page, "The flight took off three hours late.", "Our flight was delayed by three hours.");
            search(page, "Someone repaired the leaking faucet.", "He fixed the dripping tap with a new washer.");

            String timings = page.textContent("#timings");
            for (String row : List.of("files (download or cache)", "first run (compile)", "index per sentence",
                    "query: model run")) {
                assertTrue(timings.contains(row), timings);
            }
            assertTrue(page.textContent("#progress").contains("onnx/model.onnx"), page.textContent("#progress"));
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(E2eModels.workDir().resolveSibling("e2e-screenshots").resolve("search.png")));
            System.out.println("SearchPageIT timings: " + timings.replaceAll("\\s+", " "));
        }
        assertEquals(List.of(), pageErrors);
    }

    private static void search(Page page, String query, String expectedFirst) {
        page.fill("#query", query);
        page.press("#query", "Enter");
        page.waitForFunction("q => document.getElementById('status').textContent === 'ready: \"' + q + '\" searched'",
                query);
        Locator results = page.locator("#results li");
        assertEquals(10, results.count());
        assertEquals(expectedFirst, results.nth(0).locator(".sentence").textContent(), "ranked first for: " + query);
        double first = Double.parseDouble(results.nth(0).getAttribute("data-score"));
        double second = Double.parseDouble(results.nth(1).getAttribute("data-score"));
        System.out.printf("SearchPageIT '%s' -> '%s' %.3f (next %.3f)%n", query, expectedFirst, first, second);
        assertTrue(first > second, "scores are ranked");
    }
}
