package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes, where messages go, and a real run when the engine supports it. */
class MainTest {
    @TempDir Path dir;

    /** Exit code and captured streams of one invocation. */
    record Invocation(int code, String out, String err) {}

    static Invocation nnjit(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Invocation(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Invocation nnjit(String... args) { return nnjit(Map.of(), args); }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** Exit 2, one message line and one line pointing at the help of the command (or of nnjit). */
    private static void assertUsageError(Invocation r, String messagePart) {
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("", r.out());
        String[] lines = r.err().split("\n");
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].startsWith("nnjit: ") && lines[0].contains(messagePart), r.err());
        assertTrue(lines[1].matches("Run 'nnjit ([a-z]+ )?--help' for usage\\."), r.err());
    }

    @Test void helpGoesToStdoutWithExitZero() {
        for (String h : new String[] {"--help", "-h", "help"}) {
            Invocation r = nnjit(h);
            assertEquals(Main.OK, r.code());
            assertTrue(r.out().contains("nnjit run MODEL.onnx --inputs FEEDS.json"), r.out());
            assertEquals("", r.err());
        }
        Invocation r = nnjit("run", "--help");
        assertEquals(Main.OK, r.code());
        assertTrue(r.out().contains("--backend cpu"), r.out());
    }

    @Test void everyCommandHasHelpThatExitsZero() {
        for (Command c : Main.commands()) {
            for (String flag : new String[] {"--help", "-h"}) {
                Invocation r = nnjit(c.name(), "some-arg", flag);
                assertEquals(Main.OK, r.code(), c.name() + ": " + r.err());
                assertEquals("", r.err(), c.name());
                assertTrue(r.out().startsWith("Usage:\n  nnjit " + c.name()), r.out());
            }
            assertTrue(nnjit("--help").out().contains("\n" + c.name() + " "), "nnjit --help lists " + c.name());
        }
    }

    @Test void versionNamesTheProjectVersion() {
        for (String v : new String[] {"--version", "-V", "version"}) {
            Invocation r = nnjit(v);
            assertEquals(Main.OK, r.code());
            assertTrue(r.out().matches("nnjit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java [^)]+\\)\n"), r.out());
        }
    }

    @Test void usageErrorsExitTwo() {
        assertUsageError(nnjit(), "no command given");
        assertUsageError(nnjit("train"), "unknown command 'train'");
        assertUsageError(nnjit("run"), "run needs a MODEL.onnx");
        assertUsageError(nnjit("run", "m.onnx"), "run needs --inputs FEEDS.json");
        assertUsageError(nnjit("run", "m.onnx", "--inputs"), "--inputs needs a value");
        assertUsageError(nnjit("run", "m.onnx", "--inputs", "f.json", "--fast"), "unknown option '--fast' for run");
        assertUsageError(nnjit("run", "m.onnx", "--inputs", "f.json", "--backend", "gpu"),
                "unknown backend 'gpu' (choose cpu, browser, browser-wasm-gc, browser-js, webgpu, webgpu-js, wasm-simd,"
                + " wasm-simd-js or auto)");
        assertUsageError(nnjit("run", "a.onnx", "b.onnx", "--inputs", "f.json"), "unexpected argument 'b.onnx'");
        assertUsageError(nnjit("run", "m.onnx", "--inputs", "f.json", "--chromium", "/usr/bin/chromium"),
                "--chromium only applies to the browser backends");
        assertUsageError(nnjit("ops", "extra"), "ops takes no arguments");
        assertUsageError(nnjit("serve", "8080"), "serve: unknown argument '8080'");
        assertUsageError(nnjit("serve", "--port", "70000"), "--port must be in [0, 65535], got 70000");
        assertUsageError(nnjit("run", "m.onnx", "--inputs", "f.json", "--random-feeds"), "either --inputs");
        assertUsageError(nnjit("run", "m.onnx", "--inputs", "f.json", "--seed", "3"), "--seed only goes with --random-feeds");
        assertUsageError(nnjit("run", "m.onnx", "--random-feeds", "--dim", "batch"), "--dim takes NAME=VALUE");
        assertUsageError(nnjit("run", "m.onnx", "--random-feeds", "--dim", "batch=0"), "--dim batch must be in [1, ");
        assertUsageError(nnjit("info"), "info needs a MODEL.onnx");
        assertUsageError(nnjit("info", "m.onnx", "--yaml"), "unknown option '--yaml' for info");
    }

    @Test void optionsParseInAnyOrderAndWithEquals() {
        RunOptions o = RunOptions.parse(java.util.List.of("--backend=browser", "--inputs", "f.json", "m.onnx",
                "--output=o.json", "--chromium", "/opt/chrome", "--verbose"));
        assertEquals(Paths.get("m.onnx"), o.model());
        assertEquals(Paths.get("f.json"), o.inputs());
        assertEquals(Paths.get("o.json"), o.output());
        assertEquals(Paths.get("/opt/chrome"), o.chromium());
        assertEquals(RunOptions.Backend.BROWSER, o.backend());
        assertTrue(o.verbose());
        assertEquals(RunOptions.Backend.BROWSER_JS,
                RunOptions.parse(java.util.List.of("m.onnx", "--inputs", "f", "--backend", "browser-js")).backend());
        RunOptions d = RunOptions.parse(java.util.List.of("m.onnx", "--inputs", "f.json"));
        assertEquals(RunOptions.Backend.CPU, d.backend());
        assertEquals(null, d.output());
        assertFalse(d.verbose());
    }

    @Test void missingFilesExitOneWithMessage() throws IOException {
        Path feeds = write("feeds.json", "{\"inputs\": {}}");
        Invocation r = nnjit("run", dir.resolve("nope.onnx").toString(), "--inputs", feeds.toString());
        assertEquals(Main.ERROR, r.code());
        assertEquals("nnjit: error: model file not found: " + dir.resolve("nope.onnx") + "\n", r.err());
        assertEquals("", r.out());

        Path model = write("m.onnx", "");
        r = nnjit("run", model.toString(), "--inputs", dir.resolve("nope.json").toString());
        assertEquals(Main.ERROR, r.code());
        assertEquals("nnjit: error: feeds file not found: " + dir.resolve("nope.json") + "\n", r.err());

        r = nnjit("run", model.toString(), "--inputs", dir.toString());
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().contains("feeds file is a directory"), r.err());
    }

    @Test void feedsErrorsExitOneNamingFileFeedAndProblemWithoutStackTrace() throws IOException {
        Path model = write("m.onnx", ""); // feeds are checked before the model is read
        Path feeds = write("feeds.json",
                "{\"inputs\": {\"ids\": {\"shape\": [2], \"dtype\": \"int64\", \"data\": [1, 2.5]}}}");
        Invocation r = nnjit("run", model.toString(), "--inputs", feeds.toString());
        assertEquals(Main.ERROR, r.code());
        assertEquals("nnjit: error: " + feeds + ": feed 'ids': data[1] = 2.5 is not an integer\n", r.err());
        assertEquals("", r.out());

        Invocation verbose = nnjit("run", model.toString(), "--inputs", feeds.toString(), "--verbose");
        assertEquals(Main.ERROR, verbose.code());
        assertTrue(verbose.err().contains("\tat dev.nnjit.cli.TensorJson"), verbose.err());

        Invocation debug = nnjit(Map.of("NNJIT_DEBUG", "1"), "run", model.toString(), "--inputs", feeds.toString());
        assertEquals(Main.ERROR, debug.code());
        assertTrue(debug.err().contains("\tat dev.nnjit.cli.TensorJson"), debug.err());

        for (String bad : new String[] {"{\"inputs\": {\"ids\": ", "{\"inputs\": }", "{\"inputs\" {}}", "\"unterminated"}) {
            Path malformed = write("bad.json", bad);
            r = nnjit("run", model.toString(), "--inputs", malformed.toString());
            assertEquals(Main.ERROR, r.code());
            assertTrue(r.err().startsWith("nnjit: error: " + malformed + ": malformed JSON: "), r.err());
            assertEquals(1, r.err().split("\n").length, "one line: " + r.err());
        }
    }

    @Test void opsListsEveryRegisteredOpWithItsOpset() {
        Invocation r = nnjit("ops");
        assertEquals(Main.OK, r.code());
        String[] lines = r.out().isEmpty() ? new String[0] : r.out().split("\n");
        assertEquals(OpRegistry.defaults().names().size(), lines.length);
        for (String line : lines) assertTrue(line.matches("[A-Za-z0-9_.]+\topset \\d+\\+"), line);
    }

    @Test void serveRefusesAnUnbuiltWebApp() {
        Path missing = dir.resolve("webapp");
        Invocation r = nnjit(Map.of("NNJIT_WEBAPP", missing.toString()), "serve");
        assertEquals(Main.ERROR, r.code());
        assertEquals("nnjit: error: the web app is not built at " + missing
                + " (missing index.html): run 'mvn -q -B package -DskipTests' first\n", r.err());
    }

    @Test void serveServesTheWebAppFolder() throws Exception {
        Path webapp = dir.resolve("webapp");
        for (String f : new String[] {"index.html", "engine.js", "wasm-gc/nnjit.wasm", "js/nnjit.js"}) {
            Files.createDirectories(webapp.resolve(f).getParent());
            Files.writeString(webapp.resolve(f), "content of " + f);
        }
        assertEquals(webapp.toAbsolutePath(), ServeCommand.webappDir(Map.of("NNJIT_WEBAPP", webapp.toString())));
        try (dev.nnjit.host.WebServer server = ServeCommand.start(webapp, new ServeCommand.Address("127.0.0.1", 0))) {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection)
                    new java.net.URL(server.baseUrl() + "index.html").openConnection();
            assertEquals(200, c.getResponseCode());
            assertEquals("content of index.html", new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test void internalErrorsAreLabelledAsSuch() {
        assertEquals("internal error: java.lang.NullPointerException: boom; rerun with --verbose for the stack trace",
                Main.describe(new NullPointerException("boom")));
        assertEquals("internal error: java.lang.IllegalStateException; rerun with --verbose for the stack trace",
                Main.describe(new IllegalStateException()));
        assertEquals("internal error: java.lang.NoClassDefFoundError: com/google/gson/Gson; rerun with --verbose for"
                + " the stack trace", Main.describe(new NoClassDefFoundError("com/google/gson/Gson")));
        assertEquals("Unterminated object at line 2; See https://example.org/troubleshooting",
                Main.oneLine("Unterminated object at line 2\n  See https://example.org/troubleshooting\n"));
        assertEquals("feed 'x': bad", Main.describe(new TensorJsonException("feed 'x': bad")));
        assertEquals("unsupported op 'Foo' at node 'n' (opset 13)",
                Main.describe(new dev.nnjit.graph.GraphException("unsupported op 'Foo' at node 'n' (opset 13)")));
    }

    // ---- a real run, once the loader and the Abs op are in the engine

    private static final Path ABS_MODEL = Paths.get("/usr/share/libonnx-testdata/data/node/test_abs/model.onnx");

    private static boolean canRunAbs() {
        return Files.exists(ABS_MODEL) && OpRegistry.defaults().supports("", "Abs", 13);
    }

    @Test void runsAModelOnTheCpuAndWritesOutputsAndTimings() throws IOException {
        assumeTrue(canRunAbs(), "needs libonnx-testdata and the Abs op");
        // test_abs: x float32[3,4,5] -> y = |x|
        StringBuilder data = new StringBuilder();
        float[] x = new float[60];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7 - 3) * 0.37f + (i == 5 ? Float.NaN : 0f);
            data.append(i == 0 ? "" : ", ").append(Float.isNaN(x[i]) ? "\"NaN\"" : Float.toString(x[i]));
        }
        Path feeds = write("feeds.json", "{\"inputs\": {\"x\": {\"shape\": [3, 4, 5], \"dtype\": \"float32\", \"data\": ["
                + data + "]}}}");
        Invocation r = nnjit("run", ABS_MODEL.toString(), "--inputs", feeds.toString());
        assertEquals(Main.OK, r.code(), r.err());
        Map<String, Tensor> outs = TensorJson.readTensorMap(new StringReader(r.out()), "outputs", "output");
        float[] y = outs.get("y").floats();
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) assertTrue(Float.isNaN(y[i]));
            else assertEquals(Math.abs(x[i]), y[i], "y[" + i + "]");
        }
        JsonObject timings = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("timings");
        assertTrue(timings.has("loadMs") && timings.has("runMs"), timings.toString());

        Path out = dir.resolve("out.json");
        Invocation toFile = nnjit("run", ABS_MODEL.toString(), "--inputs", feeds.toString(), "--output", out.toString());
        assertEquals(Main.OK, toFile.code(), toFile.err());
        assertEquals("", toFile.out());
        assertEquals(outs.keySet(), TensorJson.readTensorMap(Files.newBufferedReader(out), "outputs", "output").keySet());
    }

    @Test void modelLevelFeedErrorsExitOne() throws IOException {
        assumeTrue(canRunAbs(), "needs libonnx-testdata and the Abs op");
        Path wrongName = write("w.json", "{\"inputs\": {\"z\": {\"shape\": [1], \"dtype\": \"float32\", \"data\": [1]}}}");
        Invocation r = nnjit("run", ABS_MODEL.toString(), "--inputs", wrongName.toString());
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().contains("feed 'z' is not an input of the model"), r.err());
        Path wrongType = write("t.json", "{\"inputs\": {\"x\": {\"shape\": [3, 4, 5], \"dtype\": \"int64\", \"data\": ["
                + "0, ".repeat(59) + "0]}}}");
        r = nnjit("run", ABS_MODEL.toString(), "--inputs", wrongType.toString());
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().contains("feed 'x' has dtype int64, the model expects float32"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
