package dev.nnjit.cli;

import dev.nnjit.host.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * {@code nnjit serve}: serves the built web app (the demo page index.html, the engine as Wasm GC and JS) on
 * 127.0.0.1 with the headers it needs (COOP/COEP, application/wasm), so a person can open it in a browser. Wasm GC
 * cannot be loaded from file://, hence a server.
 */
final class ServeCommand {
    /** Where the semantic-search page (search.html) finds its model: {@code /files/all-MiniLM-L6-v2/}. */
    static final String MODEL_MOUNT = "all-MiniLM-L6-v2";
    /** What makes a folder a model the pipeline can load (laid out like a Hugging Face repository). */
    private static final String[] MODEL_FILES = {"config.json", "tokenizer.json", "onnx/model.onnx"};

    /** Files without which the page cannot start. */
    private static final String[] REQUIRED = {"index.html", "engine.js", "wasm-gc/nnjit.wasm", "js/nnjit.js"};

    private ServeCommand() {}

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

    /**
     * The MiniLM folder to serve: {@code --model-dir DIR}, else the one {@code mvn package} lays out next to the web
     * app ({@code target/models/all-MiniLM-L6-v2}). A {@link UsageException} for any other argument.
     */
    static Path modelDir(List<String> args, Path webapp) {
        Path dir = webapp.resolveSibling("models").resolve(MODEL_MOUNT);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--model-dir=")) {
                dir = Paths.get(a.substring("--model-dir=".length()));
            } else if (a.equals("--model-dir")) {
                if (i + 1 >= args.size()) throw new UsageException("--model-dir needs a value");
                dir = Paths.get(args.get(++i));
            } else {
                throw new UsageException("unknown argument '" + a + "' for serve (serve [--model-dir DIR])");
            }
        }
        return dir.toAbsolutePath().normalize();
    }

    /** Whether {@code dir} holds a model the pipeline can load. */
    static boolean isModelDir(Path dir) {
        for (String f : MODEL_FILES) if (!Files.isRegularFile(dir.resolve(f))) return false;
        return true;
    }

    /**
     * As {@link #start(Path)}, also serving {@code modelDir} under /files/{@value #MODEL_MOUNT}/ when it is a model
     * folder; {@code required} (the user named it): a {@link CliException} when it is not.
     */
    static WebServer start(Path webapp, Path modelDir, boolean required) {
        if (required && !isModelDir(modelDir)) {
            throw new CliException(modelDir + " is not a model folder (it needs " + String.join(", ", MODEL_FILES) + ")");
        }
        WebServer server = start(webapp);
        if (isModelDir(modelDir)) server.mount(MODEL_MOUNT, modelDir);
        return server;
    }

    /** Starts serving {@code webapp}; throws {@link CliException} when it is not built. The caller closes it. */
    static WebServer start(Path webapp) {
        for (String f : REQUIRED) {
            if (!Files.isRegularFile(webapp.resolve(f))) {
                throw new CliException("the web app is not built at " + webapp + " (missing " + f
                        + "): run 'mvn -q -B package -DskipTests' first");
            }
        }
        return WebServer.start(webapp);
    }
}
