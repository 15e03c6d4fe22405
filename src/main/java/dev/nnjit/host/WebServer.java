package dev.nnjit.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A static file server (on 127.0.0.1 unless told otherwise) for the web app and model folders.
 *
 * <p>Every response carries (unless started without cross-origin isolation) {@code Cross-Origin-Opener-Policy:
 * same-origin} and {@code Cross-Origin-Embedder-Policy: require-corp} (so pages get SharedArrayBuffer and wasm
 * threads), the right MIME type
 * ({@code application/wasm} is required to stream-compile Wasm GC) and {@code Cache-Control: no-store} (a rebuilt
 * engine is never served stale from the browser's HTTP cache). Files carry {@code ETag} and {@code Last-Modified}
 * (from size and modification time, as common static servers make them) and a GET whose {@code If-None-Match} or
 * (without it) {@code If-Modified-Since} still holds gets {@code 304 Not Modified}: how the pipelines' Cache API
 * copies are revalidated (fetch-file.js). Paths are confined to their root: "..", absolute and encoded escapes get
 * 404.
 */
public final class WebServer implements AutoCloseable {
    private static final Map<String, String> MIME = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"));

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean crossOriginIsolation;
    private final Map<String, Path> mounts = new ConcurrentHashMap<>();

    private WebServer(HttpServer server, ExecutorService executor, boolean crossOriginIsolation) {
        this.server = server;
        this.executor = executor;
        this.crossOriginIsolation = crossOriginIsolation;
    }

    /** Serves {@code root} at "/" on an ephemeral port of 127.0.0.1, with the COOP/COEP headers. */
    public static WebServer start(Path root) {
        return start(root, true);
    }

    /**
     * As {@link #start(Path)}; without {@code crossOriginIsolation} the COOP/COEP/CORP headers are left out, as a
     * plain static web server does (the npm package must work there too).
     */
    public static WebServer start(Path root, boolean crossOriginIsolation) {
        return start(root, crossOriginIsolation, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * As {@link #start(Path, boolean)}, on {@code address} (port 0: an ephemeral one). Throws
     * {@link UncheckedIOException} naming the address when it cannot be bound (in use, not a local address).
     */
    public static WebServer start(Path root, boolean crossOriginIsolation, InetSocketAddress address) {
        // Without TCP_NODELAY small responses wait ~40 ms for delayed ACKs; read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            HttpServer server = HttpServer.create(address, 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "nnjit-web-server");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            WebServer ws = new WebServer(server, executor, crossOriginIsolation);
            ws.mounts.put("", root.toAbsolutePath().normalize());
            server.createContext("/", ws::handle);
            server.start();
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the web server on " + hostText(address) + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** Base URL, e.g. "http://127.0.0.1:40123/" (a server on every interface is named by "localhost"). */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : hostText(a);
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
    }

    private static String hostText(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    /**
     * Serves another folder under "/files/{name}/" (name: letters, digits, '-', '_'). Returns the URL prefix.
     * Re-mounting a name replaces its folder.
     */
    public String mount(String name, Path folder) {
        if (!name.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("bad mount name '" + name + "'");
        mounts.put("files/" + name, folder.toAbsolutePath().normalize());
        return baseUrl() + "files/" + name + "/";
    }

    private void handle(HttpExchange ex) {
        try {
            if (crossOriginIsolation) {
                ex.getResponseHeaders().add("Cross-Origin-Opener-Policy", "same-origin");
                ex.getResponseHeaders().add("Cross-Origin-Embedder-Policy", "require-corp");
                ex.getResponseHeaders().add("Cross-Origin-Resource-Policy", "same-origin");
            }
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            Path file = resolve(ex.getRequestURI().getRawPath());
            if (file == null || !Files.isRegularFile(file)) {
                byte[] body = "not found".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                ex.sendResponseHeaders(404, method.equals("HEAD") ? -1 : body.length);
                if (!method.equals("HEAD")) ex.getResponseBody().write(body);
                return;
            }
            ex.getResponseHeaders().add("Content-Type", mimeType(file));
            long size = Files.size(file);
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            String etag = "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(size) + "\"";
            ex.getResponseHeaders().add("ETag", etag);
            ex.getResponseHeaders().add("Last-Modified", HTTP_DATE.format(modified));
            if (notModified(ex, etag, modified)) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            if (method.equals("HEAD")) {
                ex.getResponseHeaders().add("Content-Length", Long.toString(size));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, size == 0 ? -1 : size);
            try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            // The client went away mid-response (a closed page); nothing to report to anyone.
        } finally {
            ex.close();
        }
    }

    /** Whether the request's validators match the file (RFC 9110: If-None-Match wins over If-Modified-Since). */
    private static boolean notModified(HttpExchange ex, String etag, Instant modified) {
        String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) return true;
            }
            return false;
        }
        String ifModifiedSince = ex.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince == null) return false;
        try {
            Instant since = Instant.from(HTTP_DATE.parse(ifModifiedSince));
            return !modified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeException e) {
            return false; // an unreadable date is ignored, as RFC 9110 says
        }
    }

    /** The file for a request path, or null when it lies outside every mount. */
    Path resolve(String rawPath) {
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        if (!path.startsWith("/") || path.contains("\\") || path.contains("\0")) return null;
        path = path.substring(1);
        if (path.isEmpty() || path.endsWith("/")) path = path + "index.html";
        String mountName = "";
        String rest = path;
        if (path.startsWith("files/")) {
            int slash = path.indexOf('/', "files/".length());
            if (slash < 0) return null;
            mountName = path.substring(0, slash);
            rest = path.substring(slash + 1);
        }
        Path root = mounts.get(mountName);
        if (root == null) return null;
        Path file = root.resolve(rest).normalize();
        return file.startsWith(root) ? file : null;
    }

    static String mimeType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MIME.getOrDefault(ext, "application/octet-stream");
    }

    @Override public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
