package dev.nnjit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.TuningJson;
import dev.nnjit.tune.TuningRecord;
import dev.nnjit.tune.TuningReport;
import dev.nnjit.tune.WorkloadReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code nnjit tune}: tunes the model's WebGPU kernels on the page's adapter (headless Chromium; SwiftShader here), or
 * with {@code --backend wasm-simd} its wasm-simd CPU kernels on this machine's CPU,
 * within a budget. With {@code --cache FILE} the file's records are passed in first (workloads they answer are not
 * tuned again) and the merged records are written back. Prints one table row per workload and a summary line;
 * {@code --json} writes the page's report.
 */
final class TuneCommand implements Command {
    static final String USAGE = "  nnjit tune MODEL.onnx --inputs FEEDS.json [--budget SECONDS] [--cache FILE] [--json OUT.json]\n"
            + "             [--backend webgpu|wasm-simd] [--chromium PATH] [--timeout SECONDS] [--verbose]";

    static final String HELP = String.join("\n",
            "tune   Loads MODEL.onnx on WebGPU in headless Chromium, runs it once on the feeds, tunes its kernel",
            "       schedules within the budget (each workload's candidates are compiled, timed and checked against",
            "       the default's output) and runs it again; prints per workload: family, problem, occurrences,",
            "       candidates, tried, default -> best ms, speedup, source (tuned, cache, shipped, default) and the",
            "       chosen config, then a summary line.",
            "       --budget SECONDS  tuning budget (default 30; 0 tunes nothing)",
            "       --cache FILE      tuning records: read first when the file exists (their workloads are not",
            "                         tuned again), written back with this session's decisions merged in",
            "       --json OUT.json   the tuning report: {budgetMs, tuningMs, cacheHits, workloads: [{family,",
            "                         problem, occurrences, candidates, tried, defaultConfig, defaultMs, bestConfig,",
            "                         bestMs, speedup, source, maxError, workbench}]}",
            "       --backend B       webgpu (default: the GPU's kernels) or wasm-simd (the CPU kernels, tuned on",
            "                         this machine's CPU by the same tuner; records keyed by the CPU)",
            "       --chromium PATH   Chromium (default: $NNJIT_CHROMIUM, /usr/bin/chromium)",
            "       --timeout SECONDS deadline of each browser step (default 1800)");

    /** What a tuning session in the page returns: the report and records as JSON text, and the two run times. */
    record Outcome(String reportJson, String recordsJson, double firstRunMs, double tunedRunMs) {}

    /** Runs a tuning session (the browser in production, a fake in unit tests). */
    interface Tuning {
        Outcome tune(TuneOptions opts, Map<String, Tensor> feeds, String recordsJson);
    }

    private final Tuning tuning;

    /** @param tuning the browser ({@code TuneInBrowser::tune}) in production, a fake in unit tests */
    TuneCommand(Tuning tuning) { this.tuning = tuning; }

    @Override public String name() { return "tune"; }
    @Override public String usage() { return USAGE; }
    @Override public String summary() {
        return "Tunes the model's WebGPU kernels in headless Chromium within a budget and keeps the decisions\n"
                + "in a records file.";
    }

    @Override public String help() { return HELP; }

    @Override public int run(List<String> args, CommandIo io) {
        TuneOptions opts = TuneOptions.parse(args);
        PrintStream out = io.out(), err = io.err();
        if (!Files.isRegularFile(opts.model())) throw new CliException("model file not found: " + opts.model());
        Map<String, Tensor> feeds = RunCommand.readFeeds(opts.inputs());
        String before = opts.cache() != null && Files.isRegularFile(opts.cache()) ? read(opts.cache()) : null;
        if (before != null) checkRecords(opts.cache(), before);
        Outcome o = tuning.tune(opts, feeds, before);
        TuningReport report = TuningJson.readReport(o.reportJson());
        String kept = null;
        if (opts.cache() != null) {
            String merged = merge(before, o.recordsJson(), err, opts.cache());
            write(opts.cache(), merged);
            List<TuningRecord> records = TuningJson.readRecords(merged);
            kept = "records: " + records.size() + (records.isEmpty() ? "" : " for adapter "
                    + records.get(0).adapter().id()) + " in " + opts.cache();
        }
        if (opts.json() != null) {
            write(opts.json(), new GsonBuilder().setPrettyPrinting().serializeNulls().create()
                    .toJson(JsonParser.parseString(o.reportJson())) + "\n");
        }
        out.print(table(report));
        out.println(summary(report, o));
        if (kept != null) out.println(kept);
        out.flush();
        return Main.OK;
    }

    /** One Markdown row per workload, as the report orders them (heaviest first). */
    static String table(TuningReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadReport w : r.workloads()) {
            List<String> row = new ArrayList<>();
            row.add(w.family());
            row.add(w.problem());
            row.add(String.valueOf(w.occurrences()));
            row.add(String.valueOf(w.candidates()));
            row.add(String.valueOf(w.tried()));
            row.add(ms(w.defaultMs()) + " -> " + ms(w.bestMs()));
            row.add(Double.isNaN(w.speedup()) ? "" : String.format(Locale.ROOT, "%.2fx", w.speedup()));
            row.add(w.source().id);
            row.add(w.bestConfig() + (w.note() == null ? "" : " (" + w.note() + ")"));
            rows.add(row);
        }
        return KernelsCommand.markdown(List.of("family", "problem", "occurrences", "candidates", "tried",
                "default -> best ms", "speedup", "source", "config"), rows);
    }

    /**
     * "N workloads: T tuned, C from cache, S shipped, D default; tuning 12.3 s of 30 s budget; first run 850 ms, run
     * after tuning 610 ms". No ratio of the two: the first run also pays one-time costs (pipeline warm-up), so it
     * would overstate tuning's gain; the per-workload speedups are the measured ones.
     */
    static String summary(TuningReport r, Outcome o) {
        int tuned = 0, cache = 0, shipped = 0, dflt = 0;
        for (WorkloadReport w : r.workloads()) {
            switch (w.source()) {
                case TUNED: tuned++; break;
                case CACHE: cache++; break;
                case SHIPPED: shipped++; break;
                default: dflt++;
            }
        }
        return String.format(Locale.ROOT, "%d workloads: %d tuned, %d from cache, %d shipped, %d default; tuning %.1f s of"
                        + " %.0f s budget; first run %s ms, run after tuning %s ms", r.workloads().size(), tuned, cache,
                shipped, dflt, r.tuningMs() / 1000, r.budgetMs() / 1000, ms(o.firstRunMs()), ms(o.tunedRunMs()));
    }

    /**
     * The records to keep: the page's export (which holds the records passed in that are still valid plus this
     * session's decisions) and, from the file as it was, the records of the same adapter for workloads the export
     * does not hold (another model's). A file for another adapter is replaced (one adapter per file).
     */
    static String merge(String before, String exported, PrintStream err, Path file) {
        List<TuningRecord> fresh = TuningJson.readRecords(exported);
        if (before == null || fresh.isEmpty()) return fresh.isEmpty() && before != null ? before : exported;
        AdapterKey adapter = fresh.get(0).adapter();
        List<TuningRecord> old = TuningJson.readRecords(before);
        if (!old.isEmpty() && !old.get(0).adapter().equals(adapter)) {
            err.println("nnjit: " + file + " held records of adapter " + old.get(0).adapter().id()
                    + "; replaced by this adapter's (" + adapter.id() + ")");
            return exported;
        }
        Set<String> exportedWorkloads = new HashSet<>();
        for (TuningRecord r : fresh) exportedWorkloads.add(r.key().workload());
        List<TuningRecord> merged = new ArrayList<>();
        for (TuningRecord r : old) if (!exportedWorkloads.contains(r.key().workload())) merged.add(r);
        merged.addAll(fresh);
        return TuningJson.writeRecords(adapter, merged);
    }

    private static void checkRecords(Path file, String text) {
        try {
            TuningJson.readRecords(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        }
    }

    private static String ms(double v) {
        if (Double.isNaN(v)) return "?";
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read tuning records " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
