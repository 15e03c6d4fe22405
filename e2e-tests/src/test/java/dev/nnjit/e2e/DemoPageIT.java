package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo page (index.html) as a person uses it: pick files, run, read the tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPageIT {
    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    /** Feeds in the golden-file format the page reads: {"inputs": {NAME: {"shape", "dtype", "data"}}}. */
    static String goldenFeeds(Map<String, Tensor> feeds) {
        JsonObject inputs = new JsonObject();
        for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
            Tensor t = e.getValue();
            JsonObject o = new JsonObject();
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) shape.add(d);
            JsonArray data = new JsonArray();
            for (float v : t.floats()) data.add(v);
            o.add("shape", shape);
            o.addProperty("dtype", t.dtype().jsonName);
            o.add("data", data);
            inputs.add(e.getKey(), o);
        }
        JsonObject root = new JsonObject();
        root.add("inputs", inputs);
        return root.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm-gc", "js"})
    void runsAModelPickedFromDisk(String engine) {
        TestModels.Case c = TestModels.mlp();
        Path feedsFile = c.model().resolveSibling("feeds.json");
        TestModels.write(feedsFile, goldenFeeds(c.feeds()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        float[] expected = E2eModels.runOnJvm(c.model(), c.feeds()).get("y").floats();

        List<String> pageErrors = new ArrayList<>();
        try (Page page = runner.browser().newPage()) {
            page.onPageError(pageErrors::add);
            page.onConsoleMessage(m -> { if (m.type().equals("error")) pageErrors.add(m.text()); });
            page.navigate(runner.baseUrl() + "index.html");
            assertEquals(true, page.evaluate("() => self.crossOriginIsolated"), "COOP/COEP headers in effect");
            page.selectOption("#engine-choice", engine);
            page.waitForFunction("k => document.getElementById('engine').dataset.kind === k", engine);
            page.setInputFiles("#model-file", c.model());
            page.setInputFiles("#feeds-file", feedsFile);
            page.click("#run");
            page.waitForFunction("() => /^(done|.*Exception|Error)/.test(document.getElementById('status').textContent)");
            assertEquals("done on " + engine, page.textContent("#status"));

            Locator row = page.locator("#outputs tr").nth(1);
            assertEquals("y", row.locator("td").nth(0).textContent());
            assertEquals("float32", row.locator("td").nth(1).textContent());
            assertEquals("[3, 8]", row.locator("td").nth(2).textContent());
            String[] shown = row.locator("td").nth(3).textContent().split(", ");
            for (int i = 0; i < 8; i++) {
                float v = (float) Double.parseDouble(shown[i]);
                if (engine.equals("wasm-gc")) {
                    assertEquals(expected[i], v, 0f, "value " + i + " shown on the page");
                } else {
                    assertEquals(expected[i], v, BrowserEngineIT.JS_TOLERANCE, "value " + i + " shown on the page");
                }
            }
            assertTrue(page.locator("#timings").textContent().contains("runMs"));
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(E2eModels.workDir().resolveSibling("e2e-screenshots").resolve("demo-" + engine + ".png")));
            assertTrue(page.locator("#inputs").textContent().contains("[N, 16]"), page.locator("#inputs").textContent());
        }
        assertEquals(List.of(), pageErrors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm-gc"})
    void loadsExternalDataFilesPickedAlongTheModel(String engine) {
        TestModels.Case c = TestModels.externalWeights();
        Path feedsFile = c.model().resolveSibling("feeds.json");
        TestModels.write(feedsFile, goldenFeeds(c.feeds()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        float[] expected = E2eModels.runOnJvm(c.model(), c.feeds()).get("y").floats();
        try (Page page = runner.browser().newPage()) {
            page.navigate(runner.baseUrl() + "index.html");
            page.selectOption("#engine-choice", engine);
            page.waitForFunction("k => document.getElementById('engine').dataset.kind === k", engine);
            page.setInputFiles("#model-file", c.model());
            page.setInputFiles("#external-files", c.model().resolveSibling("weights.bin"));
            page.setInputFiles("#feeds-file", feedsFile);
            page.click("#run");
            page.waitForFunction("() => /^(done|.*Exception|Error)/.test(document.getElementById('status').textContent)");
            assertEquals("done on " + engine, page.textContent("#status"));
            String[] shown = page.locator("#outputs tr").nth(1).locator("td").nth(3).textContent().split(", ");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], (float) Double.parseDouble(shown[i]), 0f, "value " + i + " shown on the page");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm-gc"})
    void showsEngineErrors(String engine) {
        TestModels.Case c = TestModels.mlp();
        try (Page page = runner.browser().newPage()) {
            page.navigate(runner.baseUrl() + "index.html");
            page.selectOption("#engine-choice", engine);
            page.waitForFunction("k => document.getElementById('engine').dataset.kind === k", engine);
            page.setInputFiles("#model-file", c.model());
            page.click("#run"); // no feeds file: the model's input x has no feed
            page.waitForFunction("() => document.getElementById('status').className === 'error'");
            String jvm = BrowserEngineIT.jvmError(() -> E2eModels.runOnJvm(c.model(), Map.of()));
            assertEquals("GraphException: " + jvm, page.textContent("#status"));
        }
    }
}
