package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.cli.Main;
import dev.nnjit.cli.TensorJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnjit tune} in headless Chromium (SwiftShader), twice with the same {@code --cache} file: the first run tunes
 * the model's workload and writes its record; the second tunes nothing (tuner time under 1 s, every workload from the
 * cache). Then {@code nnjit kernels --cache} on the JVM reports the same decision for the model's step.
 */
class TuneCliIT {
    @TempDir Path dir;

    @Test void aSecondTuneWithTheSameCacheTunesNothing() throws Exception {
        TestModels.Case c = TestModels.singleMatmul();
        Path feeds = dir.resolve("feeds.json");
        Files.writeString(feeds, "{\"inputs\": {\"x\": " + TensorJson.toJson(c.feeds().get("x")) + "}}");
        Path cache = dir.resolve("records.json");

        Path first = dir.resolve("first.json");
        String out1 = nnjit("tune", c.model().toString(), "--inputs", feeds.toString(), "--budget", "300", "--cache",
                cache.toString(), "--json", first.toString());
        System.out.println("[tune 1]\n" + out1);
        JsonObject r1 = JsonParser.parseString(Files.readString(first)).getAsJsonObject();
        assertFalse(r1.getAsJsonArray("workloads").isEmpty(), "the matmul is a workload");
        String bestConfig = null;
        for (JsonElement e : r1.getAsJsonArray("workloads")) {
            JsonObject w = e.getAsJsonObject();
            assertEquals("tuned", w.get("source").getAsString(), "a 300 s budget tunes every workload: " + w);
            assertEquals(w.get("candidates").getAsInt(), w.get("tried").getAsInt(), "every candidate tried: " + w);
            if (w.get("family").getAsString().equals("matmul")) bestConfig = w.get("bestConfig").getAsString();
        }
        assertTrue(Files.isRegularFile(cache), "the records file is written");

        Path second = dir.resolve("second.json");
        String out2 = nnjit("tune", c.model().toString(), "--inputs", feeds.toString(), "--budget", "300", "--cache",
                cache.toString(), "--json", second.toString());
        System.out.println("[tune 2]\n" + out2);
        JsonObject r2 = JsonParser.parseString(Files.readString(second)).getAsJsonObject();
        double tuningMs = r2.get("tuningMs").getAsDouble();
        assertTrue(tuningMs < 1000, "nothing to tune the second time: " + tuningMs + " ms");
        assertEquals(r1.getAsJsonArray("workloads").size(), r2.getAsJsonArray("workloads").size());
        assertEquals(r2.getAsJsonArray("workloads").size(), r2.get("cacheHits").getAsInt());
        for (JsonElement e : r2.getAsJsonArray("workloads")) {
            JsonObject w = e.getAsJsonObject();
            assertEquals("cache", w.get("source").getAsString(), w.toString());
            // tried/defaultMs/bestMs of a cache hit are the record's evidence, measured by the first session
        }
        assertTrue(out2.contains(" from cache"), out2);

        String kernels = nnjit("kernels", c.model().toString(), "--inputs", feeds.toString(), "--cache", cache.toString());
        System.out.println("[kernels]\n" + kernels);
        assertTrue(kernels.contains("| " + bestConfig + " | "), "nnjit kernels shows the cached winner: " + kernels);
        assertTrue(kernels.contains(" | cache |"), kernels);
    }

    private static String nnjit(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, code, String.join(" ", args) + " failed: " + err.toString(StandardCharsets.UTF_8) + text);
        return text;
    }
}
