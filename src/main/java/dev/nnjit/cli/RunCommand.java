package dev.nnjit.cli;

import dev.nnjit.api.Session;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code nnjit run}: reads the feeds (or makes seeded ones from the model's input types), runs the model on the chosen
 * backend and prints the result document ({@link TensorJson#resultJson}). Problems with the files, the model or the
 * feeds are thrown as {@link CliException}s or the engine's own exceptions, whose messages name what is wrong.
 */
final class RunCommand implements Command {
    @Override public String name() { return "run"; }

    @Override public String usage() {
        return "  nnjit run MODEL.onnx --inputs FEEDS.json [--backend cpu|browser|browser-wasm-gc|browser-js|webgpu|wasm-simd|auto]\n"
                + "                       [--output OUT.json] [--chromium PATH] [--verbose]\n"
                + "  nnjit run MODEL.onnx --random-feeds [--seed N] [--dim NAME=VALUE]... [--backend ...] [--output ...]";
    }

    @Override public String summary() {
        return "Runs MODEL.onnx on the feeds (a file, or seeded random ones) and prints outputs and timings as JSON.";
    }

    @Override public String help() {
        return String.join("\n",
                "run    Runs MODEL.onnx (external data files next to it) on the feeds and prints",
                "       {\"outputs\": {NAME: {\"shape\", \"dtype\", \"data\"}}, \"timings\": {NAME: ms}} to stdout,",
                "       or writes it to OUT.json.",
                "       FEEDS.json: {\"inputs\": {NAME: {\"shape\": [1, 8], \"dtype\": \"int64\", \"data\": [...]}}};",
                "       other top-level keys are ignored, so a golden file works as it is. data is row-major, flat or",
                "       nested as the shape; dtypes: float32 float16 bfloat16 int8 int16 int32 int64 uint8 uint16 uint32",
                "       bool; NaN and infinities are the strings \"NaN\", \"Infinity\", \"-Infinity\".",
                "       --random-feeds     seeded feeds from the model's input types instead of a file: floats uniform",
                "                          in [-1, 1), integers 0 or 1, bools either (nnjit info lists the inputs)",
                "       --seed N           the random feeds' seed (default 0)",
                "       --dim NAME=VALUE   the size of the symbolic dim NAME for the random feeds (repeatable)",
                "       --backend cpu      the engine's reference executor in this JVM (default)",
                "       --backend browser  the engine compiled by TeaVM, in headless Chromium: WebAssembly GC,",
                "                          JavaScript where Wasm GC cannot load (browser-wasm-gc, browser-js: one build)",
                "       --backend webgpu   in headless Chromium on WebGPU, every op as a kernel nnjit generates (no CPU",
                "                          fallback; webgpu-js: driven by the JavaScript build)",
                "       --backend wasm-simd  in headless Chromium on the CPU: Wasm SIMD kernels nnjit generates, the other",
                "                          nodes on the reference ops, named in the run's report (wasm-simd-js: JS build)",
                "       --backend auto     in headless Chromium: loads webgpu and wasm-simd, runs each on the feeds",
                "                          (a second, timed run of each when the first runs are close) and keeps the",
                "                          faster; stderr says which and why, the outputs are the first backend's.",
                "                          Not the default: the JVM's cpu needs no browser and is the reference",
                "       --chromium PATH    Chromium for the browser backends (default: $NNJIT_CHROMIUM, /usr/bin/chromium)",
                "       --verbose          stack traces with errors (also NNJIT_DEBUG=1; NNJIT_DEBUG=4 makes kernels",
                "                          print WGSL)");
    }

    @Override public int run(List<String> args, CommandIo io) {
        RunOptions opts = RunOptions.parse(args);
        Outcome r = execute(opts);
        String json = TensorJson.resultJson(r.outputs(), r.timings());
        if (opts.output() == null) {
            io.out().print(json);
            io.out().flush();
        } else {
            writeResult(opts.output(), json);
        }
        return Main.OK;
    }

    /** One run: outputs in graph order and timings in milliseconds. */
    record Outcome(Map<String, Tensor> outputs, Map<String, Double> timings) {}

    static Outcome execute(RunOptions opts) {
        requireFile(opts.model(), "model");
        Map<String, Tensor> feeds = opts.randomFeeds()
                ? RandomFeeds.of(ModelFiles.load(opts.model()).graph(), opts.dims(), opts.seed())
                : readFeeds(opts.inputs());
        return opts.backend().inBrowser()
                ? runInBrowser(opts.model(), feeds, opts.backend().cliName, opts.chromium())
                : runOnCpu(opts.model(), feeds);
    }

    static Map<String, Tensor> readFeeds(Path file) {
        requireFile(file, "feeds");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return TensorJson.readFeeds(r);
        } catch (TensorJsonException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("cannot read feeds file " + file + ": " + e, e);
        }
    }

    private static Outcome runOnCpu(Path model, Map<String, Tensor> feeds) {
        long t0 = System.nanoTime();
        OnnxModel m = ModelFiles.load(model);
        Session session = Session.create(m);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        Map<String, Tensor> outputs = session.run(feeds);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("loadMs", loadMs);
        timings.putAll(session.lastTimings());
        return new Outcome(outputs, timings);
    }

    private static Outcome runInBrowser(Path model, Map<String, Tensor> feeds, String backend, Path chromium) {
        try (BrowserRunner runner = BrowserRunner.start(chromium)) {
            BrowserRunner.Result r = runner.run(model, feeds, backend);
            com.google.gson.JsonObject choice = runner.lastBackendChoice();
            if (choice != null) {
                // auto says which backend it kept and why (the times compared, or the failures)
                System.err.println("nnjit run: auto chose " + choice.get("chosen").getAsString() + ": "
                        + choice.get("reason").getAsString() + " " + choice.get("timesMs"));
            }
            com.google.gson.JsonObject wasm = runner.lastWasmReport();
            if (wasm != null) {
                // wasm-simd never falls back silently: say which ops ran on the reference, and the threads
                System.err.println("nnjit run: wasm-simd: " + wasm.get("kernelSteps") + " kernel steps, "
                        + wasm.get("referenceSteps") + " reference steps " + wasm.get("referenceOps") + "; relaxed SIMD "
                        + wasm.get("relaxedSimd") + "; "
                        + wasm.get("threads") + " thread(s): " + wasm.get("threadsReason").getAsString()
                        + "; compile " + wasm.get("compileMs") + " ms " + wasm.get("compilePhases"));
            }
            return new Outcome(r.outputs(), r.timings());
        }
    }

    static void requireFile(Path p, String what) {
        if (!Files.exists(p)) throw new CliException(what + " file not found: " + p);
        if (Files.isDirectory(p)) throw new CliException(what + " file is a directory: " + p);
        if (!Files.isReadable(p)) throw new CliException(what + " file is not readable: " + p);
    }

    /** Writes the result document to a file (parent directories must exist). */
    static void writeResult(Path out, String json) {
        try {
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot write " + out + ": directory does not exist", e);
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e, e);
        }
    }
}
