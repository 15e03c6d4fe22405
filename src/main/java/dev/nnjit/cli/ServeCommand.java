package dev.nnjit.cli;

import dev.nnjit.host.WebServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code nnjit serve}: serves the built web app (the demo page index.html, the engine as Wasm GC and JS) with the
 * headers it needs (COOP/COEP, application/wasm), so a person can open it in a browser. Wasm GC cannot be loaded
 * from file://, hence a server.
 */
final class ServeCommand implements Command {
    /** Where the semantic-search page (search.html) finds its model: {@code /files/all-MiniLM-L6-v2/}. */
    static final String MODEL_MOUNT = "all-MiniLM-L6-v2";
    /** What makes a folder a model the pipeline can load (laid out like a Hugging Face repository). */
    private static final String[] MODEL_FILES = {"config.json", "tokenizer.json", "onnx/model.onnx"};

    /** Files without which the page cannot start. */
    private static final String[] REQUIRED = {"index.html", "engine.js", "wasm-gc/nnjit.wasm", "js/nnjit.js"};

    /**
     * Where to listen: {@code --host} (default 127.0.0.1) and {@code --port} (default 0: any free port); and the
     * model folder {@code --model-dir} (null: the default, see {@link #modelDir}).
     */
    record Address(String host, int port, Path modelDir) {
        Address(String host, int port) { this(host, port, null); }
    }

    @Override public String name() { return "serve"; }

    @Override public String usage() { return "  nnjit serve [--host ADDRESS] [--port N] [--model-dir DIR]"; }

    @Override public String summary() {
        return "Serves the demo page and the compiled engine (target/webapp) and prints its address.";
    }

    @Override public String help() {
        return String.join("\n",
                "serve  Serves the demo page and the compiled engine (target/webapp, or $NNJIT_WEBAPP) with the",
                "       COOP/COEP headers and prints its address; open it in Chromium. Ctrl-C stops it.",
                "       --host ADDRESS  the address to listen on (default 127.0.0.1; 0.0.0.0: every interface; from",
                "                       another machine the page is not a secure context, so WebGPU and threads need",
                "                       localhost or HTTPS in front)",
                "       --port N        the port (default 0: any free port)",
                "       --model-dir DIR the model search.html (semantic search) loads, served at",
                "                       /files/" + MODEL_MOUNT + "/: a Hugging Face-style folder (config.json,",
                "                       tokenizer.json, tokenizer_config.json, onnx/model.onnx); default",
                "                       target/models/" + MODEL_MOUNT + ", which 'mvn package' lays out");
    }

    /** Serves until the process is interrupted (Ctrl-C). */
    @Override public int run(List<String> args, CommandIo io) throws InterruptedException {
        Address address = parse(args);
        Path webapp = webappDir(io.env());
        Path modelDir = modelDir(address, webapp);
        try (WebServer server = start(webapp, address)) {
            io.out().println("nnjit demo page: " + server.baseUrl() + "index.html  (Ctrl-C stops the server)");
            io.out().println(isModelDir(modelDir)
                    ? "semantic search with MiniLM: " + server.baseUrl() + "search.html  (model: " + modelDir + ")"
                    : "semantic search needs MiniLM at " + modelDir + " ('mvn package' puts it there, or --model-dir DIR)");
            io.out().flush();
            new CountDownLatch(1).await();
        }
        return Main.OK;
    }

    static Address parse(List<String> args) {
        String host = "127.0.0.1";
        int port = 0;
        Path modelDir = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--host":
                    host = value != null ? value : Options.next(args, i++, a);
                    if (host.isBlank()) throw new UsageException("--host needs an address");
                    break;
                case "--port":
                    port = (int) Options.integer(a, value != null ? value : Options.next(args, i++, a), 0, 65535);
                    break;
                case "--model-dir":
                    modelDir = Paths.get(value != null ? value : Options.next(args, i++, a)).toAbsolutePath().normalize();
                    break;
                default:
                    throw new UsageException("serve: unknown argument '" + args.get(i) + "'");
            }
        }
        return new Address(host, port, modelDir);
    }

    /**
     * The web app folder: the nnjit.webapp system property (bin/nnjit sets it to its checkout's target/webapp), else
     * NNJIT_WEBAPP, else target/webapp under the working directory; the same rule the browser backend follows.
     */
    static Path webappDir(Map<String, String> env) {
        String prop = System.getProperty("nnjit.webapp");
        String fromEnv = env.get("NNJIT_WEBAPP");
        String dir = prop != null && !prop.isBlank() ? prop
                : fromEnv != null && !fromEnv.isBlank() ? fromEnv : "target/webapp";
        return Paths.get(dir).toAbsolutePath().normalize();
    }

    /** The model folder to serve: --model-dir, else the one {@code mvn package} lays out next to the web app. */
    static Path modelDir(Address address, Path webapp) {
        return address.modelDir() != null ? address.modelDir()
                : webapp.resolveSibling("models").resolve(MODEL_MOUNT).toAbsolutePath().normalize();
    }

    /** Whether {@code dir} holds a model the pipeline can load. */
    static boolean isModelDir(Path dir) {
        for (String f : MODEL_FILES) if (!Files.isRegularFile(dir.resolve(f))) return false;
        return true;
    }

    /**
     * Starts serving {@code webapp} and, when it is a model folder, the model folder (see {@link #modelDir}) under
     * /files/{@value #MODEL_MOUNT}/; throws {@link CliException} when the web app is not built or a --model-dir is
     * not a model folder. The caller closes it.
     */
    static WebServer start(Path webapp, Address address) {
        Path modelDir = modelDir(address, webapp);
        if (address.modelDir() != null && !isModelDir(modelDir)) {
            throw new CliException(modelDir + " is not a model folder (it needs " + String.join(", ", MODEL_FILES) + ")");
        }
        for (String f : REQUIRED) {
            if (!Files.isRegularFile(webapp.resolve(f))) {
                throw new CliException("the web app is not built at " + webapp + " (missing " + f
                        + "): run 'mvn -q -B package -DskipTests' first");
            }
        }
        InetAddress host;
        try {
            host = InetAddress.getByName(address.host());
        } catch (UnknownHostException e) {
            throw new CliException("unknown host '" + address.host() + "'");
        }
        WebServer server = WebServer.start(webapp, true, new InetSocketAddress(host, address.port()));
        if (isModelDir(modelDir)) server.mount(MODEL_MOUNT, modelDir);
        return server;
    }
}
