package dev.nnjit.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nnjit.host.BenchRunner;
import dev.nnjit.host.OrtWebInstall;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nnjit bench}: times nnjit and ONNX Runtime Web on the same ONNX file and feeds in one headless Chromium
 * (bench.html, driven by {@link BenchRunner}), prints a table, optionally writes the report as JSON, and
 * cross-checks every runtime's outputs against the first runtime's (a benchmark of wrong results is meaningless).
 *
 * <p>Exit codes: 0 when at least one runtime was timed and every timed runtime's outputs agree; 1 when none could be
 * timed, outputs disagree, or the files/browser fail (one line on stderr); 2 for a usage error. Runtimes that cannot
 * run (no WebGPU, ONNX Runtime Web not installable, a load error) are reported "unavailable: reason" and do not
 * change the exit code.
 */
public final class BenchCommand implements Command {
    private static final String USAGE = String.join("\n",
            "  nnjit bench MODEL.onnx --inputs FEEDS.json [--runtimes LIST] [--runs N] [--warmup W] [--json OUT.json]",
            "              [--timeout SECONDS] [--tolerance X] [--webgpu-adapter swiftshader|default] [--chromium PATH]",
            "              [--tuning-cache FILE]",
            "  nnjit bench MODEL-KV.onnx --decode N [--prompt-length P] [--runtimes LIST] [--runs R] [--json OUT.json]");

    private static final String HELP = String.join("\n",
            "Times nnjit and ONNX Runtime Web on the same model and feeds in one headless Chromium (served with",
            "COOP/COEP: cross-origin isolated, so wasm threads work) and prints a table.",
            "  MODEL.onnx        external-data files next to it are fetched once and shared by all runtimes",
            "  --inputs FILE     {\"inputs\": {NAME: {\"shape\", \"dtype\", \"data\"}}} (a golden.json works; its full",
            "                    \"outputs\", if any, are checked too)",
            "  --runtimes LIST   comma-separated, default " + String.join(",", BenchOptions.DEFAULT_RUNTIMES) + ";",
            "                    known: " + String.join(", ", BenchOptions.KNOWN_RUNTIMES),
            "  --runs N          timed warm runs (default " + BenchOptions.DEFAULT_RUNS + "), after --warmup W untimed ("
                    + "default " + BenchOptions.DEFAULT_WARMUP + ")",
            "  --json OUT.json   write the report: {model, device, runtimes: {NAME: {coldMs, medianMs, minMs, maxMs,",
            "                    runs, ...}}, ratios, crossCheck}; view it with bench-report.html",
            "  --timeout S       per-runtime deadline in seconds (default " + BenchOptions.DEFAULT_TIMEOUT_SECONDS + ")",
            "  --tolerance X     outputs agree when max |diff| <= X * max |reference| (default "
                    + BenchOptions.DEFAULT_TOLERANCE + ")",
            "  --webgpu-adapter  Chromium's WebGPU adapter: swiftshader (CPU; default) or default (a real GPU if any)",
            "  --tuning-cache F  tuning records (nnjit tune --cache F) that nnjit-webgpu-tuned and nnjit-wasm-simd",
            "                    start from instead of an empty cache; they then tune only what it does not answer",
            "nnjit-webgpu-tuned: nnjit-webgpu tuned within the engine's default budget after the first run (tuning",
            "ms, shown apart, is in neither cold nor warm times), then timed the same way.",
            "nnjit-wasm-simd: the wasm-simd backend (generated Wasm SIMD CPU kernels on hardwareConcurrency threads,",
            "as ort-wasm; the nodes without a kernel on the reference ops), tuned on this CPU like nnjit-webgpu-tuned",
            "(tuning ms shown apart) and then timed.",
            "cold = runtime code load + session creation (shader compilation, weight upload) + first run, with the",
            "model bytes already in memory; warm run = feeds upload + inference + output readback.",
            "--decode N: times greedy decoding instead, on a KV-cache decoder (Optimum's past_key_values/present",
            "names): N tokens after a prompt of P ids (default " + BenchOptions.DEFAULT_PROMPT_LENGTH + "), one untimed "
                    + "generation then R timed ones (default " + BenchOptions.DEFAULT_DECODE_RUNS + ").",
            "  Reports the first token's latency (prefill), ms per decoded token and tokens/s (medians), per-token time",
            "  early and late in the sequence, and checks that every runtime chose the same ids. nnjit decodes with",
            "  its generator (KV cache in GPU memory on webgpu); ort-* with the same greedy KV loop in JS.",
            "ort-* runtimes use onnxruntime-web pinned in bench/package.json; it is installed on first use with",
            "'npm ci --prefix bench' (needs npm).");

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    /** The streams of the invocation being run (set by {@link #run}; a command object serves one invocation). */
    private PrintStream out;
    private PrintStream err;

    @Override public String name() { return "bench"; }

    @Override public String usage() { return USAGE; }

    @Override public String summary() {
        return "Times nnjit and ONNX Runtime Web on the model in one headless Chromium.";
    }

    @Override public String help() { return HELP; }

    @Override public int run(List<String> args, CommandIo io) {
        BenchOptions opts = BenchOptions.parse(args);
        this.out = io.out();
        this.err = io.err();
        return execute(opts);
    }

    /** {@code nnjit bench ARGS} from Java (the browser tests call it); returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        return Main.invoke(new BenchCommand(), args, new CommandIo(System.in, out, err, env,
                dev.nnjit.runtime.Flags.parseLevel(env.get("NNJIT_DEBUG"))));
    }

    private int execute(BenchOptions opts) {
        requireFile(opts.model(), "model");
        if (opts.decode() == 0) requireFile(opts.inputs(), "feeds");
        Path ortDist = null;
        String ortProblem = null;
        String ortVersion = null;
        if (opts.needsOrt()) {
            try {
                Path benchDir = OrtWebInstall.benchDir();
                ortDist = OrtWebInstall.ensureDist(benchDir, err);
                ortVersion = OrtWebInstall.installedVersion(benchDir);
            } catch (OrtWebInstall.BenchSetupException e) {
                ortProblem = e.getMessage();
                err.println("nnjit bench: ort-* runtimes unavailable: " + ortProblem);
            }
        }

        String tuningRecords = opts.tuningCache() == null ? null : readTuningCache(opts.tuningCache());
        JsonObject runtimes = new JsonObject();
        JsonObject report;
        try (BenchRunner runner = BenchRunner.start(opts.chromium(), BenchRunner.defaultWebapp(), ortDist,
                Duration.ofSeconds(opts.timeoutSeconds()), opts.webgpuAdapter())) {
            JsonObject device = runner.deviceInfo();
            if (opts.decode() > 0) return decode(runner, opts, device, ortProblem, ortVersion);
            JsonObject prepared = runner.prepare(opts.model(), opts.inputs());
            err.println(String.format(Locale.ROOT, "nnjit bench: %s (%.1f MB + %.1f MB external data), inputs %s; "
                    + "crossOriginIsolated %s", opts.model(), prepared.get("modelBytes").getAsDouble() / 1e6,
                    prepared.get("externalBytes").getAsDouble() / 1e6, prepared.get("inputs"),
                    device.get("crossOriginIsolated")));
            measureEach(opts, ortProblem, "measuring", runtimes, name -> runner.measure(name, opts.runs(),
                    opts.warmup(), opts.tolerance(), name.equals("nnjit-webgpu-tuned") || name.equals("nnjit-wasm-simd") ? tuningRecords : null),
                    BenchCommand::progressLine);
            JsonObject settings = new JsonObject();
            settings.addProperty("feeds", opts.inputs().toString());
            settings.addProperty("runs", opts.runs());
            settings.addProperty("warmup", opts.warmup());
            settings.addProperty("tolerance", opts.tolerance());
            settings.addProperty("webgpuAdapter", opts.webgpuAdapter());
            if (opts.tuningCache() != null) settings.addProperty("tuningCache", opts.tuningCache().toString());
            if (ortVersion != null) settings.addProperty("onnxruntimeWeb", ortVersion);
            JsonObject input = new JsonObject();
            input.addProperty("model", opts.model().toString());
            input.add("device", device);
            input.add("settings", settings);
            input.add("runtimes", runtimes);
            report = runner.buildReport(input);
        }

        out.print(BenchTable.render(report));
        out.flush();
        if (opts.json() != null) writeJson(opts.json(), report);
        return verdict(report);
    }

    /** {@code --decode}: times greedy decoding per runtime, prints {@link DecodeBenchTable}; 1 when ids disagree. */
    private int decode(BenchRunner runner, BenchOptions opts, JsonObject device, String ortProblem, String ortVersion) {
        runner.prepare(opts.model(), null);
        long[] prompt = new long[opts.promptLength()];
        for (int i = 0; i < prompt.length; i++) prompt[i] = 1 + (i * 37L) % 97;  // any ids: fixed, not all alike
        JsonObject runtimes = new JsonObject();
        measureEach(opts, ortProblem, "decoding with", runtimes,
                name -> runner.measureDecode(name, prompt, opts.decode(), opts.runs()),
                r -> r.has("unavailable") ? "unavailable: " + r.get("unavailable").getAsString()
                        : "prefill " + BenchTable.ms(r, "prefillMs") + " ms, " + BenchTable.ms(r, "decodeMsPerToken")
                                + " ms/token");
        JsonObject report = new JsonObject();
        report.addProperty("model", opts.model().toString());
        report.add("device", device);
        JsonObject settings = new JsonObject();
        settings.addProperty("promptLength", opts.promptLength());
        settings.addProperty("newTokens", opts.decode());
        settings.addProperty("runs", opts.runs());
        settings.addProperty("webgpuAdapter", opts.webgpuAdapter());
        if (ortVersion != null) settings.addProperty("onnxruntimeWeb", ortVersion);
        report.add("settings", settings);
        report.add("runtimes", runtimes);
        out.print(DecodeBenchTable.render(report));
        out.flush();
        if (opts.json() != null) writeJson(opts.json(), report);
        List<String> bad = new ArrayList<>();
        int timed = 0;
        for (Map.Entry<String, JsonElement> e : runtimes.entrySet()) {
            JsonObject r = e.getValue().getAsJsonObject();
            if (r.has("unavailable")) continue;
            timed++;
            if (!r.getAsJsonObject("check").get("ok").getAsBoolean()) bad.add(e.getKey());
        }
        if (timed == 0) {
            err.println("nnjit: error: no runtime could be timed (see the reasons above)");
            return 1;
        }
        if (!bad.isEmpty()) {
            err.println("nnjit: error: generated ids differ from the first runtime's: " + String.join(", ", bad));
            return 1;
        }
        return 0;
    }

    /**
     * Measures each runtime {@code opts} lists into {@code runtimes} (an ort-* runtime is "unavailable" with
     * {@code ortProblem} when ONNX Runtime Web could not be installed), with a progress line before and after each.
     */
    private void measureEach(BenchOptions opts, String ortProblem, String verb, JsonObject runtimes,
                             java.util.function.Function<String, JsonObject> measure,
                             java.util.function.Function<JsonObject, String> progress) {
        for (String name : opts.runtimes()) {
            JsonObject r;
            if (name.startsWith("ort-") && ortProblem != null) {
                r = new JsonObject();
                r.addProperty("unavailable", ortProblem);
            } else {
                err.println("nnjit bench: " + verb + " " + name + " ...");
                r = measure.apply(name);
            }
            err.println("nnjit bench: " + name + ": " + progress.apply(r));
            runtimes.add(name, r);
        }
    }

    private static String readTuningCache(Path file) {
        requireFile(file, "tuning cache");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read tuning records " + file + ": " + e.getMessage(), e);
        }
    }

    /** 0 when some runtime was timed and every check passed; else 1 with the reason on stderr. */
    private int verdict(JsonObject report) {
        JsonObject ratios = report.getAsJsonObject("ratios");
        if (ratios.get("baseline").isJsonNull()) {
            err.println("nnjit: error: no runtime could be timed (see the reasons above)");
            return 1;
        }
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : report.getAsJsonObject("crossCheck").entrySet()) {
            JsonObject c = e.getValue().getAsJsonObject();
            if (!c.get("ok").getAsBoolean()) bad.add(e.getKey() + " disagrees with " + c.get("against").getAsString());
            if (c.has("expectedOk") && !c.get("expectedOk").isJsonNull() && !c.get("expectedOk").getAsBoolean()) {
                bad.add(e.getKey() + " differs from the feeds file's outputs");
            }
        }
        if (!bad.isEmpty()) {
            err.println("nnjit: error: outputs do not agree: " + String.join("; ", bad)
                    + " (per-output diffs in the JSON report under runtimes.NAME.check)");
            return 1;
        }
        return 0;
    }

    private static String progressLine(JsonObject r) {
        if (r.has("unavailable")) return "unavailable: " + r.get("unavailable").getAsString();
        return "cold " + BenchTable.ms(r, "coldMs") + " ms, median " + BenchTable.ms(r, "medianMs") + " ms (min "
                + BenchTable.ms(r, "minMs") + ", max " + BenchTable.ms(r, "maxMs") + ")";
    }

    private static void requireFile(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException(what + " file not found: " + p);
        if (!Files.isReadable(p)) throw new IllegalArgumentException(what + " file is not readable: " + p);
    }

    private static void writeJson(Path file, JsonObject report) {
        try {
            Files.writeString(file, PRETTY.toJson(report) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e, e);
        }
    }
}
