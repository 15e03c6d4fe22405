package dev.nnjit.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The arguments of {@code nnjit run MODEL.onnx --inputs FEEDS.json [--backend cpu|browser|webgpu|wasm-simd] [--output OUT.json]
 * [--chromium PATH] [--verbose]}.
 *
 * @param output null: write the result to stdout
 * @param chromium null: the browser runner's default (NNJIT_CHROMIUM, else /usr/bin/chromium)
 */
public record RunOptions(Path model, Path inputs, Backend backend, Path output, Path chromium, boolean verbose) {

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
        WASM_SIMD_JS("wasm-simd-js");

        /** The name on the command line, also the backend name {@code BrowserRunner.run} takes. */
        public final String cliName;
        Backend(String cliName) { this.cliName = cliName; }

        public boolean inBrowser() { return this != CPU; }
    }

    /** Parses the arguments after "run"; throws {@link UsageException} naming the offending argument. */
    public static RunOptions parse(List<String> args) {
        Path model = null, inputs = null, output = null, chromium = null;
        Backend backend = Backend.CPU;
        boolean verbose = false;
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
                    inputs = path(a, value != null ? value : next(args, i++, a));
                    break;
                case "--output":
                    output = path(a, value != null ? value : next(args, i++, a));
                    break;
                case "--chromium":
                    chromium = path(a, value != null ? value : next(args, i++, a));
                    break;
                case "--backend":
                    backend = backend(value != null ? value : next(args, i++, a));
                    break;
                case "--verbose":
                    if (value != null) throw new UsageException("--verbose takes no value");
                    verbose = true;
                    break;
                default:
                    if (a.startsWith("-") && a.length() > 1) throw new UsageException("unknown option '" + a + "' for run");
                    if (model != null) throw new UsageException("unexpected argument '" + a + "': run takes one MODEL.onnx");
                    model = path("MODEL", a);
            }
        }
        if (model == null) throw new UsageException("run needs a MODEL.onnx");
        if (inputs == null) throw new UsageException("run needs --inputs FEEDS.json");
        if (chromium != null && !backend.inBrowser()) {
            throw new UsageException("--chromium only applies to the browser backends");
        }
        return new RunOptions(model, inputs, backend, output, chromium, verbose);
    }

    private static String next(List<String> args, int i, String option) {
        if (i + 1 >= args.size()) throw new UsageException(option + " needs a value");
        return args.get(i + 1);
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
                + "' (choose cpu, browser, browser-wasm-gc, browser-js, webgpu, webgpu-js, wasm-simd or wasm-simd-js)");
    }
}
