package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.host.BrowserException;
import dev.nnjit.host.BrowserRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page-level failures reach Java as exceptions with their text, and nothing hangs: each test serves a copy of the
 * built web app with harness.js sabotaged in one way.
 */
class BrowserFailureIT {
    @TempDir Path webapp;

    /** A copy of target/webapp whose harness.js ends with {@code extraJs}. */
    private Path sabotagedWebapp(String extraJs) throws IOException {
        Path app = copyOfWebapp();
        Path harness = app.resolve("harness.js");
        Files.writeString(harness, Files.readString(harness) + "\n" + extraJs + "\n");
        return app;
    }

    private Path copyOfWebapp() throws IOException {
        Path built = Paths.get(System.getProperty("nnjit.webapp", "target/webapp"));
        try (Stream<Path> files = Files.walk(built)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = webapp.resolve(built.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        return webapp;
    }

    @Test void withoutAWorkingWasmGcBuildTheBrowserBackendFallsBackToJs() throws IOException {
        Path app = copyOfWebapp();
        Files.write(app.resolve("wasm-gc/nnjit.wasm"), new byte[] {0, 'a', 's', 'm', 9, 9, 9, 9});
        TestModels.Case c = TestModels.mlp();
        try (BrowserRunner runner = BrowserRunner.start(null, app, Duration.ofSeconds(60))) {
            BrowserRunner.Result r = runner.run(c.model(), c.feeds(), "browser");
            assertEquals("js", runner.lastEngine());
            TensorAsserts.assertOutputsMatch("fallback", E2eModels.runOnJvm(c.model(), c.feeds()), r.outputs(),
                    BrowserEngineIT.JS_TOLERANCE);
            BrowserException e = assertThrows(BrowserException.class,
                    () -> runner.run(c.model(), c.feeds(), "browser-wasm-gc"));
            assertTrue(e.getMessage().startsWith("cannot load the Wasm GC engine: "), e.getMessage());
        }
    }

    @Test void consoleErrorsBecomeExceptionsWithTheirText() throws IOException {
        Path app = sabotagedWebapp("""
                const run = window.nnjitHarness.run;
                window.nnjitHarness.run = (...a) => { console.error("sabotage: disk on fire"); return run(...a); };""");
        TestModels.Case c = TestModels.mlp();
        try (BrowserRunner runner = BrowserRunner.start(null, app, Duration.ofSeconds(60))) {
            BrowserException e = assertThrows(BrowserException.class,
                    () -> runner.run(c.model(), c.feeds(), "browser-wasm-gc"));
            assertEquals("PageError", e.errorType());
            assertTrue(e.getMessage().contains("console error: sabotage: disk on fire"), e.getMessage());
        }
    }

    @Test void uncaughtPageErrorsBecomeExceptionsWithTheirText() throws IOException {
        Path app = sabotagedWebapp("""
                window.nnjitHarness.run = () => { setTimeout(() => { throw new Error("sabotage: late failure"); });
                  return new Promise((resolve) => setTimeout(() => resolve({ok: true, outputs: {}, timings: {}}), 50)); };""");
        TestModels.Case c = TestModels.mlp();
        try (BrowserRunner runner = BrowserRunner.start(null, app, Duration.ofSeconds(60))) {
            BrowserException e = assertThrows(BrowserException.class,
                    () -> runner.run(c.model(), c.feeds(), "browser-wasm-gc"));
            assertTrue(e.getMessage().contains("sabotage: late failure"), e.getMessage());
        }
    }

    @Test void aHungPageTimesOutAndStopsChromium() throws IOException {
        Path app = sabotagedWebapp("window.nnjitHarness.run = () => { for (;;) {} };");
        TestModels.Case c = TestModels.mlp();
        try (BrowserRunner runner = BrowserRunner.start(null, app, Duration.ofSeconds(5))) {
            long t0 = System.nanoTime();
            BrowserException e = assertThrows(BrowserException.class,
                    () -> runner.run(c.model(), c.feeds(), "browser-wasm-gc"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals("Timeout", e.errorType(), e.getMessage());
            assertTrue(e.getMessage().contains("did not finish within 5 s"), e.getMessage());
            assertTrue(seconds < 30, "took " + seconds + " s");
            BrowserException again = assertThrows(BrowserException.class,
                    () -> runner.run(c.model(), c.feeds(), "browser-wasm-gc"));
            assertTrue(again.getMessage().contains("unusable"), again.getMessage());
        }
    }
}
