package dev.nnjit.cli;

import dev.nnjit.host.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * {@code nnjit serve}: serves the built web app (the demo page index.html, the engine as Wasm GC and JS) on
 * 127.0.0.1 with the headers it needs (COOP/COEP, application/wasm), so a person can open it in a browser. Wasm GC
 * cannot be loaded from file://, hence a server.
 */
final class ServeCommand {
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
