package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.host.WebServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnjit serve --host/--port}: where the demo page is served. */
class ServeCommandTest {
    @TempDir Path dir;

    private Path webapp() throws IOException {
        Path webapp = dir.resolve("webapp");
        for (String f : new String[] {"index.html", "engine.js", "wasm-gc/nnjit.wasm", "js/nnjit.js"}) {
            Files.createDirectories(webapp.resolve(f).getParent());
            Files.writeString(webapp.resolve(f), "content of " + f);
        }
        return webapp;
    }

    @Test void hostAndPortParse() {
        assertEquals(new ServeCommand.Address("127.0.0.1", 0), ServeCommand.parse(List.of()));
        assertEquals(new ServeCommand.Address("0.0.0.0", 8080), ServeCommand.parse(List.of("--host", "0.0.0.0", "--port", "8080")));
        assertEquals(new ServeCommand.Address("localhost", 9), ServeCommand.parse(List.of("--port=9", "--host=localhost")));
        assertEquals("--port needs an integer, got 'http'",
                assertThrows(UsageException.class, () -> ServeCommand.parse(List.of("--port", "http"))).getMessage());
        assertEquals("--host needs a value",
                assertThrows(UsageException.class, () -> ServeCommand.parse(List.of("--host"))).getMessage());
    }

    @Test void servesOnTheGivenPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) { port = free.getLocalPort(); }
        try (WebServer server = ServeCommand.start(webapp(), new ServeCommand.Address("127.0.0.1", port))) {
            assertEquals("http://127.0.0.1:" + port + "/", server.baseUrl());
            HttpURLConnection c = (HttpURLConnection) new URL(server.baseUrl() + "index.html").openConnection();
            assertEquals(200, c.getResponseCode());
            assertEquals("same-origin", c.getHeaderField("Cross-Origin-Opener-Policy"));
            assertEquals("content of index.html", new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

            MainTest.Invocation busy = MainTest.nnjit(java.util.Map.of("NNJIT_WEBAPP", webapp().toString()),
                    "serve", "--port", Integer.toString(port));
            assertEquals(Main.ERROR, busy.code());
            assertTrue(busy.err().startsWith("nnjit: error: cannot start the web server on 127.0.0.1:" + port + ": "),
                    busy.err());
            assertEquals(1, busy.err().split("\n").length, busy.err());
        }
    }

    @Test void anUnknownHostIsAnError() throws IOException {
        Path webapp = webapp();
        assertEquals("unknown host 'no-such-host.invalid'", assertThrows(CliException.class,
                () -> ServeCommand.start(webapp, new ServeCommand.Address("no-such-host.invalid", 0))).getMessage());
    }

    @Test void servesTheModelFolderForTheSearchPage() throws Exception {
        Path webapp = webapp();
        Path model = dir.resolve("minilm");
        assertEquals(webapp.resolveSibling("models").resolve("all-MiniLM-L6-v2").toAbsolutePath(),
                ServeCommand.modelDir(ServeCommand.parse(List.of()), webapp));
        ServeCommand.Address withModel = ServeCommand.parse(List.of("--model-dir=" + model));
        assertEquals(model.toAbsolutePath(), ServeCommand.modelDir(withModel, webapp));
        CliException e = assertThrows(CliException.class, () -> ServeCommand.start(webapp, withModel));
        assertTrue(e.getMessage().endsWith("is not a model folder (it needs config.json, tokenizer.json,"
                + " onnx/model.onnx)"), e.getMessage());
        for (String f : new String[] {"config.json", "tokenizer.json", "onnx/model.onnx"}) {
            Files.createDirectories(model.resolve(f).getParent());
            Files.writeString(model.resolve(f), "content of " + f);
        }
        try (WebServer server = ServeCommand.start(webapp, withModel)) {
            HttpURLConnection c = (HttpURLConnection)
                    new URL(server.baseUrl() + "files/all-MiniLM-L6-v2/onnx/model.onnx").openConnection();
            assertEquals(200, c.getResponseCode());
            assertEquals("content of onnx/model.onnx", new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
