package dev.nnjit.cli;

import dev.nnjit.host.WebServer;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.runtime.Flags;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code nnjit} command line (started by bin/nnjit). Exit codes: 0 success, 1 a model, feeds, file or runtime
 * error (one line on stderr; the stack trace too with --verbose or NNJIT_DEBUG=1), 2 a usage error.
 */
public final class Main {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = String.join("\n",
            "nnjit: run ONNX models with the nnjit engine (JVM, or WebAssembly in headless Chromium)",
            "",
            "Usage:",
            "  nnjit run MODEL.onnx --inputs FEEDS.json [--backend cpu|browser|browser-wasm-gc|browser-js|webgpu|wasm-simd]",
            "                       [--output OUT.json] [--chromium PATH] [--verbose]",
            "  nnjit ops",
            "  nnjit serve",
            "  nnjit bench MODEL.onnx --inputs FEEDS.json [--runtimes LIST] [--runs N] [--warmup W] [--json OUT.json]",
            WorkbenchCommand.USAGE,
            TokenizeCommand.USAGE,
            TuneCommand.USAGE,
            KernelsCommand.USAGE,
            GenerateOptions.USAGE,
            "  nnjit --help",
            "",
            "run    Runs MODEL.onnx (external data files next to it) on the feeds and prints",
            "       {\"outputs\": {NAME: {\"shape\", \"dtype\", \"data\"}}, \"timings\": {NAME: ms}} to stdout,",
            "       or writes it to OUT.json.",
            "       FEEDS.json: {\"inputs\": {NAME: {\"shape\": [1, 8], \"dtype\": \"int64\", \"data\": [...]}}};",
            "       other top-level keys are ignored, so a golden file works as it is. data is flat and",
            "       row-major; dtypes: float32 float16 bfloat16 int8 int16 int32 int64 uint8 uint16 uint32 bool;",
            "       NaN and infinities are the strings \"NaN\", \"Infinity\", \"-Infinity\".",
            "       --backend cpu      the engine's reference executor in this JVM (default)",
            "       --backend browser  the engine compiled by TeaVM, in headless Chromium: WebAssembly GC,",
            "                          JavaScript where Wasm GC cannot load (browser-wasm-gc, browser-js: one build)",
            "       --backend webgpu   in headless Chromium on WebGPU, every op as a kernel nnjit generates (no CPU",
            "                          fallback; webgpu-js: driven by the JavaScript build)",
            "       --backend wasm-simd  in headless Chromium on the CPU: Wasm SIMD kernels nnjit generates, the other",
            "                          nodes on the reference ops, named in the run's report (wasm-simd-js: JS build)",
            "       --chromium PATH    Chromium for the browser backends (default: $NNJIT_CHROMIUM, /usr/bin/chromium)",
            "       --verbose          stack traces with errors (also NNJIT_DEBUG=1; NNJIT_DEBUG=4 makes kernels",
            "                          print WGSL)",
            "ops    Lists the supported ONNX ops and the lowest opset implemented for each.",
            "serve  Serves the demo page and the compiled engine (target/webapp) on 127.0.0.1 and prints",
            "       its address; open it in Chromium, pick a model and a feeds file. Ctrl-C stops it.",
            "bench  Times nnjit and ONNX Runtime Web on the model in one headless Chromium (nnjit bench --help).",
            WorkbenchCommand.SUMMARY,
            TokenizeCommand.SUMMARY,
            TuneCommand.SUMMARY,
            KernelsCommand.SUMMARY,
            GenerateCommand.SUMMARY,
            "",
            "Exit codes: 0 success, 1 model/feeds/runtime error (message on stderr), 2 usage error.",
            "");

    private final java.io.InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean debugEnv;
    private final int debugLevel;
    private final Map<String, String> env;

    Main(java.io.InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.debugLevel = Flags.parseLevel(env.get("NNJIT_DEBUG"));
        this.debugEnv = debugLevel >= 1;
        this.env = env;
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err, System.getenv());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command with the given streams and environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, System.in, out, err, env);
    }

    /** As above, with the standard input that {@code tokenize} reads. */
    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err,
                          Map<String, String> env) {
        return new Main(in, out, err, env).dispatch(Arrays.asList(args));
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty()) return usageError("no command given");
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "-h": case "--help": case "help":
                out.print(USAGE_TEXT);
                return OK;
            case "run":
                if (rest.contains("-h") || rest.contains("--help")) {
                    out.print(USAGE_TEXT);
                    return OK;
                }
                return run(rest);
            case "ops":
                if (!rest.isEmpty()) return usageError("ops takes no arguments (got '" + rest.get(0) + "')");
                return listOps();
            case "workbench":
                return WorkbenchCommand.run(rest, out, err, debugEnv);
            case "serve":
                if (!rest.isEmpty()) return usageError("serve takes no arguments (got '" + rest.get(0) + "')");
                return serve();
            case "bench":
                return BenchCommand.run(rest, out, err, env);
            case "tokenize":
                return TokenizeCommand.run(rest, in, out, err, debugEnv);
            case "tune":
                return TuneCommand.run(rest, out, err, debugLevel, TuneInBrowser::tune);
            case "kernels":
                return KernelsCommand.run(rest, out, err, debugLevel);
            case "generate":
                return GenerateCommand.run(rest, out, err, debugEnv);
            default:
                return usageError("unknown command '" + command + "'");
        }
    }

    private int run(List<String> args) {
        RunOptions opts;
        try {
            opts = RunOptions.parse(args);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        try {
            RunCommand.Outcome r = RunCommand.execute(opts);
            String json = TensorJson.resultJson(r.outputs(), r.timings());
            if (opts.output() == null) {
                out.print(json);
                out.flush();
            } else {
                RunCommand.writeResult(opts.output(), json);
            }
            return OK;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return failure(e, opts.verbose());
        }
    }

    private int listOps() {
        OpRegistry registry = OpRegistry.defaults();
        for (String name : registry.names()) {
            int dot = name.lastIndexOf('.');
            String domain = dot < 0 ? "" : name.substring(0, dot);
            OpDef d = registry.find(domain, dot < 0 ? name : name.substring(dot + 1));
            out.println(name + "\topset " + d.minOpset() + "+");
        }
        return OK;
    }

    /** Serves until the process is interrupted (Ctrl-C); returns only on failure. */
    private int serve() {
        WebServer server;
        try {
            server = ServeCommand.start(ServeCommand.webappDir(env));
        } catch (RuntimeException e) {
            return failure(e, false);
        }
        out.println("nnjit demo page: " + server.baseUrl() + "index.html  (Ctrl-C stops the server)");
        out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return OK;
    }

    private int usageError(String message) {
        err.println("nnjit: " + message);
        err.println("Run 'nnjit --help' for usage.");
        return USAGE;
    }

    private int failure(Throwable e, boolean verbose) {
        err.println("nnjit: error: " + describe(e));
        if (verbose || debugEnv) e.printStackTrace(err);
        return ERROR;
    }

    /**
     * The message for the user. Exceptions thrown on purpose (the engine's, the loader's, this command's, the
     * browser runner's) carry messages written for users and are shown as they are; the exception types that only
     * come from programming errors, or an exception without a message, are labelled as internal errors so they are
     * not mistaken for bad input.
     */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (give the JVM more with NNJIT_JAVA_OPTS=-Xmx8g)";
        }
        String m = e.getMessage();
        boolean bug = e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException || e instanceof ArithmeticException
                || e instanceof ArrayStoreException || e instanceof NegativeArraySizeException
                || e instanceof StackOverflowError;
        if (!bug && m != null && !m.isEmpty()) return m;
        return "internal error: " + e + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : "")
                + "; rerun with --verbose for the stack trace";
    }
}
