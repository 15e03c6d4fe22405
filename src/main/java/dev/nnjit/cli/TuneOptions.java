package dev.nnjit.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The arguments of {@code nnjit tune MODEL.onnx --inputs FEEDS.json [--budget SECONDS] [--cache FILE] [--json OUT.json]
 * [--backend webgpu|wasm-simd] [--chromium PATH] [--timeout SECONDS] [--verbose]}.
 *
 * @param budgetSeconds the tuner's time budget (0 tunes nothing: only cached records apply)
 * @param cache tuning records read before and written after (null: start empty, keep nothing)
 * @param json where the report goes as JSON (null: nowhere)
 * @param timeoutSeconds deadline of each browser call (loading, each run, tuning)
 * @param backend whose kernels are tuned: "webgpu" (the GPU's; default) or "wasm-simd" (the CPU's)
 */
record TuneOptions(Path model, Path inputs, double budgetSeconds, Path cache, Path json, Path chromium,
                   int timeoutSeconds, boolean verbose, String backend) {
    static final double DEFAULT_BUDGET_SECONDS = 30;
    static final int DEFAULT_TIMEOUT_SECONDS = 1800;

    static TuneOptions parse(List<String> args) {
        Path model = null, inputs = null, cache = null, json = null, chromium = null;
        double budget = DEFAULT_BUDGET_SECONDS;
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        boolean verbose = false;
        String backend = "webgpu";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--inputs": inputs = KernelsOptions.path(a, KernelsOptions.next(args, i++, a)); break;
                case "--cache": cache = KernelsOptions.path(a, KernelsOptions.next(args, i++, a)); break;
                case "--json": json = KernelsOptions.path(a, KernelsOptions.next(args, i++, a)); break;
                case "--chromium": chromium = KernelsOptions.path(a, KernelsOptions.next(args, i++, a)); break;
                case "--budget": budget = seconds(a, KernelsOptions.next(args, i++, a), 0, 86_400); break;
                case "--timeout": timeout = (int) seconds(a, KernelsOptions.next(args, i++, a), 1, 86_400); break;
                case "--verbose": verbose = true; break;
                case "--backend":
                    backend = KernelsOptions.next(args, i++, a);
                    if (!backend.equals("webgpu") && !backend.equals("wasm-simd")) {
                        throw new UsageException("--backend must be webgpu or wasm-simd, got '" + backend + "'");
                    }
                    break;
                default:
                    if (a.startsWith("-")) throw new UsageException("unknown option '" + a + "' for tune");
                    if (model != null) throw new UsageException("unexpected argument '" + a + "' for tune");
                    model = KernelsOptions.path("MODEL", a);
            }
        }
        if (model == null) throw new UsageException("tune needs MODEL.onnx");
        if (inputs == null) throw new UsageException("tune needs --inputs FEEDS.json");
        return new TuneOptions(model, inputs, budget, cache, json, chromium, timeout, verbose, backend);
    }

    double budgetMs() { return budgetSeconds * 1000; }

    private static double seconds(String option, String value, double min, double max) {
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number of seconds, got '" + value + "'");
        }
        if (!(v >= min && v <= max)) throw new UsageException(option + " must be in " + (long) min + ".." + (long) max + ", got " + value);
        return v;
    }
}
