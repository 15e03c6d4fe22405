package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code nnjit similarity} (the README's first command) as a new user runs it: MiniLM from the folder mvn package
 * lays out, in headless Chromium on webgpu (asked for: the default, device auto, picks wasm on SwiftShader, where
 * nothing is tuned), tuning on with a short budget; the readable summary names the backend, scores the paraphrase pair high and the unrelated pair low, and gives timings.
 */
class SimilarityCliIT {
    private static final Pattern PAIR_SCORE = Pattern.compile("^ +(-?\\d\\.\\d{3})  \"(.*)\"$", Pattern.MULTILINE);

    @Test
    void printsBackendSimilaritiesAndTimings() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"similarity", "--model-dir", PipelineFixture.MODEL.toString(), "--tune-budget",
                "5", "--backend", "webgpu"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                System.getenv());
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println("[nnjit similarity]\n" + text);
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8) + text);
        assertTrue(text.contains("  backend     webgpu (google swiftshader), engine build wasm-gc"), text);
        Matcher m = PAIR_SCORE.matcher(text);
        assertTrue(m.find(), text);
        assertEquals("A man is playing a guitar on stage.", m.group(2));
        assertTrue(Double.parseDouble(m.group(1)) > 0.7, "paraphrases score high: " + m.group(1));
        m.find();
        m.find();
        assertEquals("Shares fell sharply after the earnings report.", m.group(2));
        assertTrue(Double.parseDouble(m.group(1)) < 0.2, "unrelated sentences score low: " + m.group(1));
        assertTrue(text.matches("(?s).*  per sentence \\d+ ms before tuning, \\d+ ms after\n.*"), text);
        assertTrue(text.contains("  tuning      "), text);
    }
}
