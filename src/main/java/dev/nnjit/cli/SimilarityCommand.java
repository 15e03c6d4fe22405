package dev.nnjit.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.host.SimilarityPage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code nnjit similarity}: what nnjit is for, in one command. all-MiniLM-L6-v2 (the folder {@code mvn package} lays
 * out, or --model-dir) runs in headless Chromium through {@code nnjit.pipeline("feature-extraction")} on the backend
 * nnjit picks there (device "auto": webgpu and wasm timed on the first run, the faster kept), with kernel tuning on
 * where that is WebGPU; it prints the
 * backend, the cosine similarity of a few sentence pairs and the timings, before and after tuning.
 */
final class SimilarityCommand implements Command {
    private static final double DEFAULT_TUNE_SECONDS = 20;

    @Override public String name() { return "similarity"; }

    @Override public String usage() {
        return "  nnjit similarity [--model-dir DIR] [--backend auto|webgpu|wasm|cpu] [--tune-budget SECONDS]\n"
                + "                   [--chromium PATH] [--json]";
    }

    @Override public String summary() {
        return "MiniLM sentence embeddings in headless Chromium on the backend nnjit picks, tuning on: prints the\n"
                + "            backend, the cosine similarity of a few sentence pairs and timings.";
    }

    @Override public String help() {
        return String.join("\n",
                "similarity  all-MiniLM-L6-v2 through nnjit.pipeline(\"feature-extraction\") in headless Chromium:",
                "            the backend nnjit picks there, the cosine similarity of four sentence pairs, load and",
                "            per-sentence times before and after tuning the WebGPU kernels on this device.",
                "            --model-dir DIR     a Hugging Face-style folder (default target/models/all-MiniLM-L6-v2,",
                "                                which 'mvn package' lays out)",
                "            --backend B         auto (default: webgpu and wasm timed on the first run, the faster",
                "                                kept; the report says which and why), webgpu, wasm, cpu",
                "            --tune-budget S     the tuner's budget in seconds (default 20; 0: no tuning)",
                "            --chromium PATH     Chromium (default: $NNJIT_CHROMIUM, /usr/bin/chromium)",
                "            --json              print the page's report as JSON");
    }

    @Override public int run(List<String> args, CommandIo io) {
        Path webapp = ServeCommand.webappDir(io.env());
        Path modelDir = ServeCommand.modelDir(new ServeCommand.Address("127.0.0.1", 0), webapp);
        String device = "auto";
        double tuneSeconds = DEFAULT_TUNE_SECONDS;
        Path chromium = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--model-dir":
                    modelDir = Paths.get(Options.next(args, i++, a)).toAbsolutePath().normalize();
                    break;
                case "--backend":
                    device = Options.next(args, i++, a);
                    if (!List.of("auto", "webgpu", "wasm", "cpu").contains(device)) {
                        throw new UsageException("unknown backend '" + device + "' (choose auto, webgpu, wasm or cpu)");
                    }
                    break;
                case "--tune-budget": {
                    String v = Options.next(args, i++, a);
                    try {
                        tuneSeconds = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--tune-budget needs a number of seconds, got '" + v + "'");
                    }
                    if (!(tuneSeconds >= 0)) throw new UsageException("--tune-budget must be >= 0");
                    break;
                }
                case "--chromium":
                    chromium = Paths.get(Options.next(args, i++, a));
                    break;
                case "--json": json = true; break;
                default: throw new UsageException("similarity: unknown argument '" + a + "'");
            }
        }
        if (!ServeCommand.isModelDir(modelDir)) {
            throw new CliException("no MiniLM model folder at " + modelDir + " ('mvn package' lays it out there;"
                    + " or pass --model-dir DIR with config.json, tokenizer.json, onnx/model.onnx)");
        }
        JsonObject reply;
        Duration timeout = Duration.ofSeconds(600 + (long) tuneSeconds);
        try (BrowserRunner runner = BrowserRunner.start(chromium, webapp, timeout)) {
            reply = JsonParser.parseString(SimilarityPage.run(runner, modelDir, device, tuneSeconds * 1000))
                    .getAsJsonObject();
        }
        if (reply.has("error")) throw new CliException(reply.get("error").getAsString());
        JsonObject report = reply.getAsJsonObject("report");
        io.out().print(json ? report + "\n" : format(report));
        io.out().flush();
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
        if (r.has("backendChoice") && r.get("backendChoice").isJsonObject()) {
            b.append("  chosen by   auto: ").append(r.getAsJsonObject("backendChoice").get("reason").getAsString()).append('\n');
        }
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
}
