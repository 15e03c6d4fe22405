package dev.nnjit.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code nnjit run MODEL.onnx (--inputs FEEDS.json | --random-feeds [--seed N] [--dim NAME=VALUE]...)
 * [--backend cpu|browser|webgpu|wasm-simd|auto] [--output OUT.json] [--chromium PATH] [--verbose]}.
 *
 * @param inputs null with --random-feeds
 * @param randomFeeds feeds made from the model's input types ({@link RandomFeeds}) instead of read from a file
 * @param seed the random feeds' seed (default 0)
 * @param dims sizes of the symbolic dims, by name, for the random feeds
 * @param output null: write the result to stdout
 * @param chromium null: the browser runner's default (NNJIT_CHROMIUM, else /usr/bin/chromium)
 */
public record RunOptions(Path model, Path inputs, boolean randomFeeds, long seed, Map<String, Long> dims,
                         Backend backend, Path output, Path chromium, boolean verbose) {

    /** Where the model runs. */
    public enum Backend {
        /** The engine's CPU reference executor, in this JVM. */
        CPU("cpu"),
        /** The engine compiled by TeaVM, in headless Chromium: Wasm GC, or JavaScript where Wasm GC cannot load. */
        BROWSER("browser"),
        /** As BROWSER, Wasm GC build only. */
        BROWSER_WASM_GC("browser-wasm-gc"),
        /** As BROWSER, JavaScript build only. */
        BROWSER_JS("browser-js"),
        /** In headless Chromium on WebGPU: every op runs as a kernel nnjit generates (Wasm GC build drives it). */
        WEBGPU("webgpu"),
        /** As WEBGPU, driven by the JavaScript build. */
        WEBGPU_JS("webgpu-js"),
        /**
         * In headless Chromium on the CPU: generated Wasm SIMD kernels, the other nodes on the reference ops (Wasm GC
         * build).
         */
        WASM_SIMD("wasm-simd"),
        /** As WASM_SIMD, driven by the JavaScript build. */
        WASM_SIMD_JS("wasm-simd-js"),
        /**
         * In headless Chromium (Wasm GC build): loads webgpu and wasm-simd, times both on the feeds and keeps the
         * faster ({@code dev.nnjit.runtime.BackendChoice}).
         */
        AUTO("auto");

        /** The name on the command line, also the backend name {@code BrowserRunner.run} takes. */
        public final String cliName;
        Backend(String cliName) { this.cliName = cliName; }

        public boolean inBrowser() { return this != CPU; }
    }

    /** Parses the arguments after "run"; throws {@link UsageException} naming the offending argument. */
    public static RunOptions parse(List<String> args) {
        Path model = null, inputs = null, output = null, chromium = null;
        Backend backend = Backend.CPU;
        boolean verbose = false, random = false;
        Long seed = null;
        Map<String, Long> dims = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) { // --name=value
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--inputs":
                    inputs = path(a, value != null ? value : Options.next(args, i++, a));
                    break;
                case "--output":
                    output = path(a, value != null ? value : Options.next(args, i++, a));
                    break;
                case "--chromium":
                    chromium = path(a, value != null ? value : Options.next(args, i++, a));
                    break;
                case "--backend":
                    backend = backend(value != null ? value : Options.next(args, i++, a));
                    break;
                case "--random-feeds":
                    random = flag(a, value);
                    break;
                case "--seed":
                    seed = Options.integer(a, value != null ? value : Options.next(args, i++, a), Long.MIN_VALUE, Long.MAX_VALUE);
                    break;
                case "--dim":
                    dim(dims, value != null ? value : Options.next(args, i++, a));
                    break;
                case "--verbose":
                    verbose = flag(a, value);
                    break;
                default:
                    if (a.startsWith("-") && a.length() > 1) throw new UsageException("unknown option '" + a + "' for run");
                    if (model != null) throw new UsageException("unexpected argument '" + a + "': run takes one MODEL.onnx");
                    model = path("MODEL", a);
            }
        }
        if (model == null) throw new UsageException("run needs a MODEL.onnx");
        if (inputs != null && random) throw new UsageException("give either --inputs FEEDS.json or --random-feeds, not both");
        if (inputs == null && !random) throw new UsageException("run needs --inputs FEEDS.json (or --random-feeds)");
        if (!random && (seed != null || !dims.isEmpty())) {
            throw new UsageException((seed != null ? "--seed" : "--dim") + " only goes with --random-feeds");
        }
        if (chromium != null && !backend.inBrowser()) {
            throw new UsageException("--chromium only applies to the browser backends");
        }
        return new RunOptions(model, inputs, random, seed == null ? 0 : seed, Map.copyOf(dims), backend, output,
                chromium, verbose);
    }

    private static boolean flag(String option, String value) {
        if (value != null) throw new UsageException(option + " takes no value");
        return true;
    }

    /** NAME=VALUE, VALUE a positive integer. */
    private static void dim(Map<String, Long> dims, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) throw new UsageException("--dim takes NAME=VALUE (got '" + spec + "')");
        String name = spec.substring(0, eq);
        long v = Options.integer("--dim " + name, spec.substring(eq + 1), 1, Integer.MAX_VALUE);
        if (dims.put(name, v) != null) throw new UsageException("--dim " + name + " is given twice");
    }

    private static Path path(String option, String value) {
        if (value.isEmpty()) throw new UsageException(option + " needs a non-empty path");
        try {
            return Paths.get(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(option + ": invalid path '" + value + "'");
        }
    }

    private static Backend backend(String name) {
        for (Backend b : Backend.values()) if (b.cliName.equals(name)) return b;
        throw new UsageException("unknown backend '" + name
                + "' (choose cpu, browser, browser-wasm-gc, browser-js, webgpu, webgpu-js, wasm-simd, wasm-simd-js or auto)");
    }
}
