package dev.nnjit.cli;

import com.google.gson.JsonObject;
import dev.nnjit.tune.workbench.BenchCases;
import dev.nnjit.tune.workbench.Family;
import dev.nnjit.tune.workbench.WorkbenchRequest;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The arguments of {@code nnjit workbench --op FAMILY[:OPERATOR] --shape SHAPE [--candidates all|0,3,5|0-7]
 * [--runs N] [--json OUT.json] [--transB] [--axes A,B] [--epsilon E] [--seed S] [--timing auto|submit]
 * [--engine wasm-gc|js] [--chromium PATH] [--timeout SECONDS] [--rank-by median|min] [--dry-run] [--verbose]}.
 *
 * <p>The request is checked here, on the JVM, with the same code the page runs (shape grammar, operator, axes,
 * candidate syntax), so a mistyped argument is a usage error before Chromium starts.
 *
 * @param request what the page will measure
 * @param json null: no JSON file
 * @param engine the engine build that runs it: "wasm-gc" (default) or "js"
 * @param timeoutSeconds deadline of the whole run in the page
 * @param rankByMin sort the printed table by minimum instead of median time (more reproducible on a shared CPU)
 */
public record WorkbenchOptions(WorkbenchRequest request, Path json, String engine, Path chromium, long timeoutSeconds,
                               boolean rankByMin, boolean verbose) {

    /** Parses the arguments after "workbench"; throws {@link UsageException} naming the offending argument. */
    public static WorkbenchOptions parse(List<String> args) {
        String op = null, shape = null, operator = null, candidates = null, axes = null, engine = "wasm-gc";
        Path json = null, chromium = null;
        int runs = 10;
        long seed = 1, timeout = 1800;
        float epsilon = 1e-5f;
        boolean transB = false, dryRun = false, verbose = false, rankByMin = false;
        WorkbenchRequest.Timing timing = WorkbenchRequest.Timing.AUTO;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--op": op = value != null ? value : Options.next(args, i++, a); break;
                case "--shape": shape = value != null ? value : Options.next(args, i++, a); break;
                case "--candidates": candidates = value != null ? value : Options.next(args, i++, a); break;
                case "--axes": axes = value != null ? value : Options.next(args, i++, a); break;
                case "--runs": runs = (int) number(a, value != null ? value : Options.next(args, i++, a), 1, WorkbenchRequest.MAX_RUNS); break;
                case "--seed": seed = number(a, value != null ? value : Options.next(args, i++, a), Long.MIN_VALUE, Long.MAX_VALUE); break;
                case "--timeout": timeout = number(a, value != null ? value : Options.next(args, i++, a), 1, 86_400); break;
                case "--epsilon": epsilon = decimal(a, value != null ? value : Options.next(args, i++, a)); break;
                case "--json": json = path(a, value != null ? value : Options.next(args, i++, a)); break;
                case "--chromium": chromium = path(a, value != null ? value : Options.next(args, i++, a)); break;
                case "--engine":
                    engine = value != null ? value : Options.next(args, i++, a);
                    if (!engine.equals("wasm-gc") && !engine.equals("js")) {
                        throw new UsageException("--engine must be wasm-gc or js, got '" + engine + "'");
                    }
                    break;
                case "--timing":
                    try {
                        timing = WorkbenchRequest.Timing.parse(value != null ? value : Options.next(args, i++, a));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--timing: " + e.getMessage());
                    }
                    break;
                case "--rank-by": {
                    String by = value != null ? value : Options.next(args, i++, a);
                    if (!by.equals("median") && !by.equals("min")) {
                        throw new UsageException("--rank-by must be median or min, got '" + by + "'");
                    }
                    rankByMin = by.equals("min");
                    break;
                }
                case "--transB": transB = flag(a, value); break;
                case "--dry-run": dryRun = flag(a, value); break;
                case "--verbose": verbose = flag(a, value); break;
                default: throw new UsageException((a.startsWith("-") ? "unknown option '" : "unexpected argument '") + a
                        + "' for workbench");
            }
        }
        if (op == null) throw new UsageException("workbench needs --op FAMILY (" + Family.names() + ")");
        if (shape == null) throw new UsageException("workbench needs --shape (e.g. 128x384x1536 for matmul)");
        int colon = op.indexOf(':');
        if (colon >= 0) {
            operator = op.substring(colon + 1);
            op = op.substring(0, colon);
            if (operator.isEmpty()) throw new UsageException("--op " + op + ": empty operator after ':'");
        }
        WorkbenchRequest request;
        try {
            request = new WorkbenchRequest(Family.parse(op), shape, transB, operator,
                    WorkbenchRequest.parseInts(axes, "--axes"), epsilon, WorkbenchRequest.parseCandidates(candidates),
                    runs, seed, timing, dryRun);
            BenchCases.create(request); // shape, operator and axes errors now, not in the page
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new WorkbenchOptions(request, json, engine, chromium, timeout, rankByMin, verbose);
    }

    /** The request as the page's JSON object (see workbench.js). */
    public JsonObject pageRequest() {
        WorkbenchRequest r = request;
        JsonObject o = new JsonObject();
        o.addProperty("family", r.family().id);
        o.addProperty("shape", r.shape());
        o.addProperty("transB", r.transB());
        if (r.operator() != null) o.addProperty("operator", r.operator());
        if (r.axes() != null) o.addProperty("axes", join(r.axes()));
        o.addProperty("epsilon", r.epsilon());
        o.addProperty("candidates", r.candidates() == null ? "all" : join(r.candidates()));
        o.addProperty("runs", r.runs());
        o.addProperty("seed", r.seed());
        o.addProperty("timing", r.timing() == WorkbenchRequest.Timing.SUBMIT ? "submit" : "auto");
        o.addProperty("dryRun", r.dryRun());
        return o;
    }

    private static String join(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int x : v) sb.append(sb.length() == 0 ? "" : ",").append(x);
        return sb.toString();
    }

    private static boolean flag(String option, String value) {
        if (value != null) throw new UsageException(option + " takes no value");
        return true;
    }

    private static long number(String option, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs an integer, got '" + value + "'");
        }
        if (v < min || v > max) throw new UsageException(option + " must be in " + min + ".." + max + ", got " + v);
        return v;
    }

    private static float decimal(String option, String value) {
        try {
            return Float.parseFloat(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, got '" + value + "'");
        }
    }

    private static Path path(String option, String value) {
        if (value.isEmpty()) throw new UsageException(option + " needs a non-empty path");
        try {
            return Paths.get(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(option + ": invalid path '" + value + "'");
        }
    }
}
