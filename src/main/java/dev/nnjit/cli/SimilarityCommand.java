package dev.nnjit.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.host.SimilarityPage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nnjit similarity}: what nnjit is for, in one command. all-MiniLM-L6-v2 (the folder {@code mvn package} lays
 * out, or --model-dir) runs in headless Chromium through {@code nnjit.pipeline("feature-extraction")} on the backend
 * nnjit picks there (WebGPU where an adapter is offered, else its CPU engine), with kernel tuning on; it prints the
 * backend, the cosine similarity of a few sentence pairs and the timings, before and after tuning.
 */
final class SimilarityCommand {
    static final String USAGE = "  nnjit similarity [--model-dir DIR] [--backend auto|webgpu|wasm|cpu] [--tune-budget SECONDS]"
            + "\n                   [--chromium PATH] [--json]";
    static final String SUMMARY = "similarity  MiniLM sentence embeddings in headless Chromium on the backend nnjit picks,"
            + " tuning on:\n            prints the backend, the similarity of a few sentence pairs and timings.";
    private static final double DEFAULT_TUNE_SECONDS = 20;

    private SimilarityCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.contains("-h") || args.contains("--help")) {
            out.println("Usage:\n" + USAGE + "\n\n" + SUMMARY);
            return Main.OK;
        }
        Path webapp = ServeCommand.webappDir(env);
        Path modelDir = ServeCommand.modelDir(List.of(), webapp);
        String device = "auto";
        double tuneSeconds = DEFAULT_TUNE_SECONDS;
        Path chromium = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean hasValue = i + 1 < args.size();
            switch (a) {
                case "--model-dir":
                    if (!hasValue) return usage(err, "--model-dir needs a value");
                    modelDir = Paths.get(args.get(++i)).toAbsolutePath().normalize();
                    break;
                case "--backend":
                    if (!hasValue) return usage(err, "--backend needs a value");
                    device = args.get(++i);
                    if (!List.of("auto", "webgpu", "wasm", "cpu").contains(device)) {
                        return usage(err, "unknown backend '" + device + "' (choose auto, webgpu, wasm or cpu)");
                    }
                    break;
                case "--tune-budget":
                    if (!hasValue) return usage(err, "--tune-budget needs a number of seconds");
                    try {
                        tuneSeconds = Double.parseDouble(args.get(++i));
                    } catch (NumberFormatException e) {
                        return usage(err, "--tune-budget needs a number of seconds, got '" + args.get(i) + "'");
                    }
                    if (!(tuneSeconds >= 0)) return usage(err, "--tune-budget must be >= 0");
                    break;
                case "--chromium":
                    if (!hasValue) return usage(err, "--chromium needs a path");
                    chromium = Paths.get(args.get(++i));
                    break;
                case "--json": json = true; break;
                default: return usage(err, "similarity: unknown argument '" + a + "'");
            }
        }
        if (!ServeCommand.isModelDir(modelDir)) {
            err.println("nnjit: error: no MiniLM model folder at " + modelDir + " ('mvn package' lays it out there;"
                    + " or pass --model-dir DIR with config.json, tokenizer.json, onnx/model.onnx)");
            return Main.ERROR;
        }
        JsonObject reply;
        Duration timeout = Duration.ofSeconds(600 + (long) tuneSeconds);
        try (BrowserRunner runner = BrowserRunner.start(chromium, webapp, timeout)) {
            reply = JsonParser.parseString(SimilarityPage.run(runner, modelDir, device, tuneSeconds * 1000))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            err.println("nnjit: error: " + Main.describe(e));
            return Main.ERROR;
        }
        if (reply.has("error")) {
            err.println("nnjit: error: " + reply.get("error").getAsString());
            return Main.ERROR;
        }
        JsonObject report = reply.getAsJsonObject("report");
        out.print(json ? report + "\n" : format(report));
        out.flush();
        return Main.OK;
    }

    /** The report as a person reads it. */
    static String format(JsonObject r) {
        StringBuilder b = new StringBuilder();
        JsonObject t = r.getAsJsonObject("timings");
        String adapter = r.get("adapter").isJsonNull() ? "" : " (" + r.get("adapter").getAsString() + ")";
        b.append("nnjit: all-MiniLM-L6-v2 sentence embeddings in headless Chromium\n");
        b.append(String.format(Locale.ROOT, "  backend     %s%s, engine build %s%n",
                r.get("executionProvider").getAsString(), adapter, r.get("engine").getAsString()));
        b.append(String.format(Locale.ROOT, "  load        %.1f MB of files in %.1f s, session %.1f s, first run"
                        + " (compile) %.1f s%n", r.get("bytes").getAsDouble() / 1e6, t.get("filesMs").getAsDouble() / 1000,
                t.get("sessionMs").getAsDouble() / 1000, t.get("compileMs").getAsDouble() / 1000));
        b.append("  cosine similarity of sentence pairs (1 = same meaning):\n");
        for (JsonElement e : r.getAsJsonArray("pairs")) {
            JsonObject p = e.getAsJsonObject();
            b.append(String.format(Locale.ROOT, "    %6.3f  \"%s\"%n            \"%s\"%n", p.get("cosine").getAsDouble(),
                    p.get("a").getAsString(), p.get("b").getAsString()));
        }
        JsonObject per = r.getAsJsonObject("perSentenceMs");
        b.append(String.format(Locale.ROOT, "  per sentence %.0f ms", per.get("beforeTuning").getAsDouble()));
        if (r.get("tuning").isJsonNull()) {
            b.append(" (no tuning: kernels are tuned on WebGPU, with a budget)\n");
        } else {
            JsonObject tu = r.getAsJsonObject("tuning");
            b.append(String.format(Locale.ROOT, " before tuning, %.0f ms after%n", per.get("afterTuning").getAsDouble()));
            b.append(String.format(Locale.ROOT, "  tuning      %d workloads in %.1f s of a %.0f s budget, %d given a"
                            + " faster kernel; estimated model speed-up x%.2f%n", tu.get("workloads").getAsInt(),
                    tu.get("tuningMs").getAsDouble() / 1000, tu.get("budgetMs").getAsDouble() / 1000,
                    tu.get("tuned").getAsInt(), tu.get("speedup").getAsDouble()));
        }
        return b.toString();
    }

    private static int usage(PrintStream err, String message) {
        err.println("nnjit: " + message);
        err.println("Usage:\n" + USAGE);
        return Main.USAGE;
    }
}
