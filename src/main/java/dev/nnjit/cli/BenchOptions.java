package dev.nnjit.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsed arguments of {@code nnjit bench}; {@link #parse} throws {@link BadArguments} naming the bad argument.
 * {@code tuningCache}: tuning records the tuned runtimes (nnjit-webgpu-tuned, nnjit-wasm-simd) start from (null: an empty cache). {@code decode}: greedy
 * tokens to generate per timed generation (0: time single runs of the feeds instead), after a prompt of
 * {@code promptLength} ids.
 */
record BenchOptions(Path model, Path inputs, List<String> runtimes, int runs, int warmup, Path json, Path chromium,
        int timeoutSeconds, double tolerance, String webgpuAdapter, Path tuningCache, int decode, int promptLength) {

    static final List<String> KNOWN_RUNTIMES = List.of("nnjit-webgpu", "nnjit-webgpu-tuned", "nnjit-wasm-simd", "nnjit-wasm", "nnjit-js",
            "ort-webgpu", "ort-wasm");
    static final List<String> DEFAULT_RUNTIMES = List.of("nnjit-webgpu", "nnjit-wasm", "ort-webgpu", "ort-wasm");
    static final int DEFAULT_RUNS = 10;
    static final int DEFAULT_WARMUP = 2;
    static final int DEFAULT_TIMEOUT_SECONDS = 600;
    /** The project's agreement rule (models/README.md): max |a - b| <= 1e-4 * max |reference| per output. */
    static final double DEFAULT_TOLERANCE = 1e-4;
    /** Chromium's --use-webgpu-adapter: SwiftShader (CPU) by default, as the project's machines have no GPU. */
    static final String DEFAULT_ADAPTER = "swiftshader";
    static final int DEFAULT_PROMPT_LENGTH = 16;
    static final int DEFAULT_DECODE_RUNS = 3;

    static BenchOptions parse(List<String> args) {
        Path model = null;
        Path inputs = null;
        List<String> runtimes = DEFAULT_RUNTIMES;
        int runs = DEFAULT_RUNS;
        int warmup = DEFAULT_WARMUP;
        Path json = null;
        Path chromium = null;
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        double tolerance = DEFAULT_TOLERANCE;
        String adapter = DEFAULT_ADAPTER;
        Path tuningCache = null;
        int decode = 0;
        int promptLength = DEFAULT_PROMPT_LENGTH;
        boolean runsGiven = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--inputs": inputs = Paths.get(value(args, i++)); break;
                case "--runtimes": runtimes = parseRuntimes(value(args, i++)); break;
                case "--runs": runs = intValue(args, i++, 1); runsGiven = true; break;
                case "--decode": decode = intValue(args, i++, 2); break;
                case "--prompt-length": promptLength = intValue(args, i++, 1); break;
                case "--warmup": warmup = intValue(args, i++, 0); break;
                case "--json": json = Paths.get(value(args, i++)); break;
                case "--chromium": chromium = Paths.get(value(args, i++)); break;
                case "--timeout": timeout = intValue(args, i++, 1); break;
                case "--tolerance": tolerance = doubleValue(args, i++); break;
                case "--webgpu-adapter": adapter = adapterValue(args, i++); break;
                case "--tuning-cache": tuningCache = Paths.get(value(args, i++)); break;
                default:
                    if (a.startsWith("-")) throw new BadArguments("bench: unknown option '" + a + "'");
                    if (model != null) {
                        throw new BadArguments("bench: one model only (got '" + model + "' and '" + a + "')");
                    }
                    model = Paths.get(a);
            }
        }
        if (model == null) throw new BadArguments("bench: no MODEL.onnx given");
        if (inputs == null && decode == 0) throw new BadArguments("bench: --inputs FEEDS.json is required (or --decode N)");
        if (decode > 0 && !runsGiven) runs = DEFAULT_DECODE_RUNS;
        if (tuningCache != null && !runtimes.contains("nnjit-webgpu-tuned") && !runtimes.contains("nnjit-wasm-simd")) {
            throw new BadArguments("bench: --tuning-cache applies to the tuned runtimes (nnjit-webgpu-tuned,"
                    + " nnjit-wasm-simd), which --runtimes does not list");
        }
        return new BenchOptions(model, inputs, runtimes, runs, warmup, json, chromium, timeout, tolerance, adapter,
                tuningCache, decode, promptLength);
    }

    private static String value(List<String> args, int i) {
        if (i + 1 >= args.size()) throw new BadArguments("bench: " + args.get(i) + " needs a value");
        return args.get(i + 1);
    }

    private static int intValue(List<String> args, int i, int min) {
        String v = value(args, i);
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadArguments("bench: " + args.get(i) + " needs an integer, got '" + v + "'");
        }
        if (n < min) throw new BadArguments("bench: " + args.get(i) + " must be at least " + min + ", got " + n);
        return n;
    }

    private static double doubleValue(List<String> args, int i) {
        String v = value(args, i);
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new BadArguments("bench: " + args.get(i) + " needs a non-negative number, got '" + v + "'");
        }
    }

    /** "swiftshader", "default" (Chromium picks: a real GPU where there is one), or another adapter name. */
    private static String adapterValue(List<String> args, int i) {
        String v = value(args, i);
        if (!v.matches("[a-z0-9_-]+")) {
            throw new BadArguments("bench: --webgpu-adapter needs a name like swiftshader or default, got '" + v + "'");
        }
        return v;
    }

    static List<String> parseRuntimes(String list) {
        List<String> out = new ArrayList<>();
        for (String raw : list.split(",")) {
            String r = raw.trim();
            if (r.isEmpty()) continue;
            if (!KNOWN_RUNTIMES.contains(r)) {
                throw new BadArguments("bench: unknown runtime '" + r + "' (known: " + String.join(", ", KNOWN_RUNTIMES)
                        + ")");
            }
            if (out.contains(r)) throw new BadArguments("bench: runtime '" + r + "' listed twice");
            out.add(r);
        }
        if (out.isEmpty()) throw new BadArguments("bench: --runtimes lists no runtime");
        return List.copyOf(out);
    }

    boolean needsOrt() {
        for (String r : runtimes) if (r.startsWith("ort-")) return true;
        return false;
    }

    /** A usage error in the bench arguments (exit code 2). */
    static final class BadArguments extends UsageException {
        BadArguments(String message) { super(message); }
    }
}
