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
import java.util.Map;

/**
 * {@code nnjit run}: reads the feeds, runs the model on the chosen backend and returns the result document
 * ({@link TensorJson#resultJson}). Problems with the files, the model or the feeds are thrown as
 * {@link CliException}s or the engine's own exceptions, whose messages name what is wrong.
 */
final class RunCommand {
    private RunCommand() {}

    /** One run: outputs in graph order and timings in milliseconds. */
    record Outcome(Map<String, Tensor> outputs, Map<String, Double> timings) {}

    static Outcome execute(RunOptions opts) {
        requireFile(opts.model(), "model");
        Map<String, Tensor> feeds = readFeeds(opts.inputs());
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
            com.google.gson.JsonObject wasm = runner.lastWasmReport();
            if (wasm != null) {
                // wasm-simd never falls back silently: say which ops ran on the reference, and the threads
                System.err.println("nnjit run: wasm-simd: " + wasm.get("kernelSteps") + " kernel steps, "
                        + wasm.get("referenceSteps") + " reference steps " + wasm.get("referenceOps") + "; "
                        + wasm.get("threads") + " thread(s): " + wasm.get("threadsReason").getAsString());
            }
            return new Outcome(r.outputs(), r.timings());
        }
    }

    private static void requireFile(Path p, String what) {
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
