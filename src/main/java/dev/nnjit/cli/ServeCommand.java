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
    /** Files without which the page cannot start. */
    private static final String[] REQUIRED = {"index.html", "engine.js", "wasm-gc/nnjit.wasm", "js/nnjit.js"};

    /** Where to listen: {@code --host} (default 127.0.0.1) and {@code --port} (default 0: any free port). */
    record Address(String host, int port) {}

    @Override public String name() { return "serve"; }

    @Override public String usage() { return "  nnjit serve [--host ADDRESS] [--port N]"; }

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
                "       --port N        the port (default 0: any free port)");
    }

    /** Serves until the process is interrupted (Ctrl-C). */
    @Override public int run(List<String> args, CommandIo io) throws InterruptedException {
        Address address = parse(args);
        try (WebServer server = start(webappDir(io.env()), address)) {
            io.out().println("nnjit demo page: " + server.baseUrl() + "index.html  (Ctrl-C stops the server)");
            io.out().flush();
            new CountDownLatch(1).await();
        }
        return Main.OK;
    }

    static Address parse(List<String> args) {
        String host = "127.0.0.1";
        int port = 0;
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
                default:
                    throw new UsageException("serve: unknown argument '" + args.get(i) + "'");
            }
        }
        return new Address(host, port);
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

    /** Starts serving {@code webapp}; throws {@link CliException} when it is not built. The caller closes it. */
    static WebServer start(Path webapp, Address address) {
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
        return WebServer.start(webapp, true, new InetSocketAddress(host, address.port()));
    }
}
