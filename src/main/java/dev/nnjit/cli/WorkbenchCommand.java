package dev.nnjit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.nnjit.host.WorkbenchRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code nnjit workbench}: one op at one shape across its schedule candidates, measured in headless Chromium on
 * WebGPU (SwiftShader here) by the page's workbench ({@link WorkbenchRunner}); prints the table (Markdown, sorted by
 * median time) to stdout, progress to stderr, and optionally the whole report as JSON.
 */
final class WorkbenchCommand implements Command {
    static final String USAGE = String.join("\n",
            "  nnjit workbench --op FAMILY[:OPERATOR] --shape SHAPE [--candidates all|0,3,5|0-7] [--runs N]",
            "                  [--json OUT.json] [--transB] [--axes A,B] [--epsilon E] [--seed S]",
            "                  [--timing auto|submit] [--engine wasm-gc|js] [--chromium PATH] [--timeout SECONDS]",
            "                  [--rank-by median|min] [--dry-run] [--verbose]");

    static final String HELP = String.join("\n",
            "workbench  Runs one op at one shape across its kernel schedule candidates on WebGPU in headless",
            "       Chromium and prints per candidate: config, compile time, median kernel time, GFLOP/s or GB/s,",
            "       max error against the Java reference op (same seeded inputs) and whether it is within tolerance.",
            "       FAMILY: matmul (SHAPE MxNxK or MxNxKxBATCH, --transB), gemv (NxK, M = 1), softmax (input shape,",
            "       --axes A), layernorm, rmsnorm (input shape, last axis, --epsilon), reduce[:sum|mean|max|min|prod|",
            "       sumsquare|l1|l2|logsumexp] (input shape, --axes), elementwise[:add|sub|mul|div|max|min|pow|relu|",
            "       neg|abs|exp|tanh|sigmoid|erf|gelu] (input shapes separated by commas, broadcast: 128x384,384).",
            "       --timing auto uses GPU timestamps when the adapter has them; submit times submit to",
            "       onSubmittedWorkDone. The table is ranked by median time, or by minimum with --rank-by min",
            "       (steadier where the device shares a busy CPU, as SwiftShader does). --dry-run lists the",
            "       candidates without running them.");

    @Override public String name() { return "workbench"; }
    @Override public String usage() { return USAGE; }
    @Override public String summary() {
        return "Times one op at one shape across its WebGPU kernel schedules in headless Chromium.";
    }

    @Override public String help() { return HELP; }

    @Override public int run(List<String> args, CommandIo io) {
        WorkbenchOptions opts = WorkbenchOptions.parse(args);
        PrintStream out = io.out(), err = io.err();
        try (WorkbenchRunner runner = WorkbenchRunner.start(opts.chromium(), null,
                Duration.ofSeconds(opts.timeoutSeconds()))) {
            WorkbenchRunner.Outcome o = runner.run(opts.engine(), opts.pageRequest(), p -> err.println(progressLine(p)));
            out.print(WorkbenchTable.format(o.report(), o.engine(), opts.rankByMin()));
            out.flush();
            if (opts.json() != null) writeJson(opts.json(), opts, o);
            return Main.OK;
        }
    }

    static String progressLine(WorkbenchRunner.Progress p) {
        return (p.stage().equals("compile") ? "compile " : "time round ") + p.done() + "/" + p.total() + ": "
                + p.detail();
    }

    private static void writeJson(Path file, WorkbenchOptions opts, WorkbenchRunner.Outcome o) {
        JsonObject root = new JsonObject();
        root.addProperty("engine", o.engine());
        root.add("request", opts.pageRequest());
        root.add("report", o.report());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
