package dev.nnjit.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebServerTest {
    @TempDir static Path root;
    @TempDir static Path models;
    static WebServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll static void start() throws Exception {
        Files.writeString(root.resolve("index.html"), "<p>hi</p>");
        Files.createDirectories(root.resolve("wasm-gc"));
        Files.write(root.resolve("wasm-gc/nnjit.wasm"), new byte[] {0, 'a', 's', 'm'});
        Files.writeString(root.resolve("engine.js"), "export {}");
        Files.write(models.resolve("model.onnx"), new byte[] {8, 7});
        Files.writeString(models.getParent().resolve("secret.txt"), "no");
        server = WebServer.start(root);
    }

    @AfterAll static void stop() { server.close(); }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test void servesFilesWithMimeTypesAndIsolationHeaders() throws Exception {
        HttpResponse<byte[]> wasm = get("wasm-gc/nnjit.wasm");
        assertEquals(200, wasm.statusCode());
        assertEquals("application/wasm", wasm.headers().firstValue("Content-Type").orElse(""));
        assertEquals("same-origin", wasm.headers().firstValue("Cross-Origin-Opener-Policy").orElse(""));
        assertEquals("require-corp", wasm.headers().firstValue("Cross-Origin-Embedder-Policy").orElse(""));
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, wasm.body());
        assertEquals("text/javascript; charset=utf-8", get("engine.js").headers().firstValue("Content-Type").orElse(""));
        assertEquals("<p>hi</p>", new String(get("").body()));
    }

    @Test void servesMountedModelFolders() throws Exception {
        String prefix = server.mount("m0", models);
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(prefix + "model.onnx")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(new byte[] {8, 7}, r.body());
    }

    /** ETag and Last-Modified on every file; a request whose validator still holds gets 304 with no body. */
    @Test void answersConditionalRequestsWithNotModified() throws Exception {
        Path file = root.resolve("weights.bin");
        Files.write(file, new byte[] {1, 2, 3});
        HttpResponse<byte[]> first = get("weights.bin");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(304, conditional("If-None-Match", etag).statusCode());
        assertEquals(0, conditional("If-None-Match", etag).body().length);
        assertEquals(304, conditional("If-Modified-Since", lastModified).statusCode());
        assertEquals(200, conditional("If-None-Match", "\"other\"").statusCode());

        Files.write(file, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 5000));
        HttpResponse<byte[]> changed = conditional("If-None-Match", etag);
        assertEquals(200, changed.statusCode(), "a changed file is sent again");
        assertArrayEquals(new byte[] {1, 2, 3, 4}, changed.body());
        assertEquals(200, conditional("If-Modified-Since", lastModified).statusCode());
    }

    static HttpResponse<byte[]> conditional(String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "weights.bin")).header(header, value)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test void refusesPathsOutsideTheirRoot() throws Exception {
        server.mount("m1", models);
        assertEquals(404, get("files/m1/../secret.txt").statusCode());
        assertEquals(404, get("files/m1/%2e%2e/secret.txt").statusCode());
        assertEquals(404, get("files/m1/..%2Fsecret.txt").statusCode());
        assertEquals(404, get("%2e%2e/secret.txt").statusCode());
        assertEquals(404, get("files/nomount/model.onnx").statusCode());
        assertEquals(404, get("missing.js").statusCode());
    }
}
