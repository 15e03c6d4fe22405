package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.schedule.AdapterLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The device nnjit creates has the adapter's limits and the optional features the adapter offers, on both builds.
 * The page reads the adapter straight from {@code navigator.gpu.requestAdapter()}, then loads a model on the webgpu
 * backend through engine.js and compares with what the engine reports about the device it requested. (The Wasm GC
 * build once got the spec's minimum limits: the limit names reached JS as wrapped Java objects.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebGpuAdapterLimitsIT {
    private static final String PAGE_SCRIPT = "async ([kind, b64, names]) => {"
            + " const adapter = await navigator.gpu.requestAdapter();"
            + " const adapterLimits = {}; for (const n of names) adapterLimits[n] = adapter.limits[n];"
            + " const info = adapter.info || {};"
            + " const { createEngine } = await import(new URL('engine.js', location.href).href);"
            + " const engine = await createEngine(kind);"
            + " const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));"
            + " const model = await engine.loadModelAsync(bytes, {}, {backend: 'webgpu'});"
            + " const reply = {kind: engine.kind, adapterLimits, adapterFeatures: [...adapter.features].sort(),"
            + "   vendor: info.vendor || '', architecture: info.architecture || '', adapterInfo: model.adapterInfo,"
            + "   device: model.device, limits: model.limits};"
            + " model.dispose();"
            + " return JSON.stringify(reply); }";

    private BrowserRunner runner;

    @BeforeAll void startBrowser() { runner = BrowserRunner.start(null); }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @ParameterizedTest
    @ValueSource(strings = {"wasm-gc", "js"})
    void deviceHasTheAdaptersLimitsAndOfferedFeatures(String build) {
        JsonObject r = readPage(build);
        assertEquals(build, r.get("kind").getAsString());
        Map<String, Long> adapter = longs(r.getAsJsonObject("adapterLimits"));
        Map<String, Long> device = longs(r.getAsJsonObject("device").getAsJsonObject("limits"));
        assertEquals(AdapterLimits.NAMES, new ArrayList<>(device.keySet()), "every AdapterLimits field is reported");
        for (String name : AdapterLimits.NAMES) {
            assertEquals(adapter.get(name), device.get(name), build + ": device " + name + " is the adapter's");
        }
        assertEquals(device, longs(r.getAsJsonObject("limits")), "no cap asked: programs are planned on the device's");
        assertEquals(adapter, longs(r.getAsJsonObject("adapterInfo").getAsJsonObject("limits")));

        List<String> adapterFeatures = strings(r.getAsJsonArray("adapterFeatures"));
        List<String> deviceFeatures = strings(r.getAsJsonObject("device").getAsJsonArray("features"));
        assertEquals(adapterFeatures, strings(r.getAsJsonObject("adapterInfo").getAsJsonArray("features")));
        for (String f : GpuDevice.OPTIONAL_FEATURES) {
            if (adapterFeatures.contains(f)) assertTrue(deviceFeatures.contains(f), build + ": device lacks " + f);
        }
        assertTrue(adapterFeatures.containsAll(deviceFeatures), "device features " + deviceFeatures + " come from "
                + adapterFeatures);
        JsonObject info = r.getAsJsonObject("adapterInfo");
        assertEquals(r.get("vendor").getAsString(), info.get("vendor").getAsString());
        assertEquals(r.get("architecture").getAsString(), info.get("architecture").getAsString());

        System.out.printf("[webgpu adapter] %s build: %s / %s; device limits %s; adapter features %s; device"
                + " features %s%n", build, info.get("vendor").getAsString(), info.get("architecture").getAsString(),
                device, adapterFeatures, deviceFeatures);
    }

    /** The same adapter gives the same device limits whichever build requested it. */
    @Test void bothBuildsGetTheSameLimits() {
        Map<String, Long> wasm = longs(readPage("wasm-gc").getAsJsonObject("device").getAsJsonObject("limits"));
        Map<String, Long> js = longs(readPage("js").getAsJsonObject("device").getAsJsonObject("limits"));
        assertEquals(wasm, js);
        assertTrue(wasm.get("maxStorageBufferBindingSize") >= AdapterLimits.defaults().maxStorageBufferBindingSize());
    }

    /** The demo page shows the adapter's vendor, architecture and features, and the device's features. */
    @Test void demoPageShowsTheAdapter() {
        TestModels.Case c = TestModels.mlp();
        java.nio.file.Path feedsFile = c.model().resolveSibling("feeds.json");
        TestModels.write(feedsFile, DemoPageIT.goldenFeeds(c.feeds()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonObject r = readPage("wasm-gc");
        JsonObject info = r.getAsJsonObject("adapterInfo");
        try (Page page = runner.browser().newPage()) {
            page.navigate(runner.baseUrl() + "index.html");
            page.selectOption("#engine-choice", "wasm-gc");
            page.waitForFunction("k => document.getElementById('engine').dataset.kind === k", "wasm-gc");
            page.selectOption("#backend-choice", "webgpu");
            page.setInputFiles("#model-file", c.model());
            page.setInputFiles("#feeds-file", feedsFile);
            page.click("#run");
            page.waitForFunction("() => /^(done|.*Exception|Error)/.test(document.getElementById('status').textContent)");
            assertTrue(page.textContent("#status").startsWith("done on wasm-gc + webgpu"), page.textContent("#status"));
            String shown = page.locator("#gpu").textContent();
            assertTrue(shown.contains(info.get("vendor").getAsString() + " / " + info.get("architecture").getAsString()),
                    shown);
            for (JsonElement f : r.getAsJsonObject("device").getAsJsonArray("features")) {
                assertTrue(shown.contains(f.getAsString()), f + " in " + shown);
            }
            assertTrue(shown.contains("adapter features"), shown);
        }
    }

    private JsonObject readPage(String build) {
        String model;
        try {
            model = Base64.getEncoder().encodeToString(Files.readAllBytes(TestModels.mlp().model()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>();
        try (Page page = runner.browser().newPage()) {
            page.onPageError(errors::add);
            page.onConsoleMessage(m -> {
                if (m.type().equals("error") || m.text().contains("not recognized")) errors.add(m.text());
            });
            page.navigate(runner.baseUrl() + "harness.html");
            String json = (String) page.evaluate(PAGE_SCRIPT, List.of(build, model, AdapterLimits.NAMES));
            assertEquals(List.of(), errors, "no page errors and no unrecognized limits");
            return JsonParser.parseString(json).getAsJsonObject();
        }
    }

    private static Map<String, Long> longs(JsonObject o) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) m.put(e.getKey(), e.getValue().getAsLong());
        return m;
    }

    private static List<String> strings(JsonArray a) {
        Set<String> sorted = new TreeSet<>();
        for (JsonElement e : a) sorted.add(e.getAsString());
        return new ArrayList<>(sorted);
    }
}
