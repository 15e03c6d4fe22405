package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code nnjit generate} on the GPT-2 fixture: the --json document, errors and usage errors. */
class GenerateCommandTest {
    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonHasTheGeneratedIdsOnlyAndTheTimings() {
        Outcome o = run("generate", "models/fixtures/gpt2", "--input-ids", "0,17,42,99,123,7", "--max-new-tokens", "12",
                "--json");
        assertEquals(Main.OK, o.code(), o.err());
        JsonObject doc = JsonObject.root(Json.parse(o.out()), "stdout");
        assertEquals(List.of("ids", "text", "prefillMs", "decodeMsPerToken", "tokensPerSecond", "compiledShapes",
                "lengths", "stepMs"), List.copyOf(doc.fields().keySet()));
        assertEquals(12, doc.integer("compiledShapes"), "cpu runs exact lengths: 6..17, one plan each");
        assertEquals("exact", doc.string("lengths"));
        assertEquals(12, doc.array("stepMs").size());
        // the same ids as ONNX Runtime's in models/generate/reference.json (gpt2, no penalty)
        assertEquals(List.of(421.0, 421.0, 421.0, 421.0, 404.0, 404.0, 404.0, 404.0, 404.0, 404.0, 404.0, 404.0),
                doc.array("ids").stream().map(v -> ((Number) v).doubleValue()).toList());
        assertEquals(null, doc.get("text"), "the fixture has no tokenizer.json");
        assertTrue(doc.number("prefillMs") > 0 && doc.number("tokensPerSecond") > 0);
    }

    /**
     * The KV-cache layouts of models/kv: a folder with an encoder and a merged decoder, and a decoder-only export with
     * past_key_values; the ids are ONNX Runtime's (models/kv/reference.json).
     */
    @Test
    void kvCacheExportsGenerateTheReferenceIds() throws java.io.IOException {
        for (JsonObject c : dev.nnjit.generate.KvCacheGenerationTestCases.all()) {
            boolean seq2seq = c.string("model").equals("encoder-decoder");
            List<String> args = new java.util.ArrayList<>(List.of("generate",
                    seq2seq ? "models/kv/encoder-decoder" : "models/kv/decoder-only/model-kv-merged.onnx",
                    "--input-ids", ids(c.array("prompt")), "--max-new-tokens", "16", "--json"));
            if (seq2seq) args.addAll(List.of("--decoder-start-token-id", String.valueOf(c.integer("decoderStart"))));
            Outcome o = run(args.toArray(new String[0]));
            assertEquals(Main.OK, o.code(), o.err());
            JsonObject doc = JsonObject.root(Json.parse(o.out()), "stdout");
            assertEquals(ids(c.array("ids")), ids(doc.array("ids")), c.string("model") + " " + c.array("prompt"));
            assertTrue(doc.string("lengths").startsWith("KV cache"), doc.string("lengths"));
        }
    }

    private static String ids(List<Object> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) sb.append(sb.length() == 0 ? "" : ",").append(((Number) v).longValue());
        return sb.toString();
    }

    @Test
    void sampledIdsAreReproducibleWithASeed() {
        String[] args = {"generate", "models/fixtures/llama/model.onnx", "--input-ids", "1,5,9", "--max-new-tokens", "6",
                "--sample", "--temperature", "1.5", "--top-k", "40", "--top-p", "0.95", "--seed", "7", "--json"};
        Outcome a = run(args), b = run(args);
        assertEquals(Main.OK, a.code(), a.err());
        assertEquals(JsonObject.root(Json.parse(a.out()), "a").array("ids"),
                JsonObject.root(Json.parse(b.out()), "b").array("ids"));
    }

    @Test
    void clearErrorsAndUsageErrors() {
        Outcome noTokenizer = run("generate", "models/fixtures/gpt2", "--prompt", "hello", "--max-new-tokens", "2");
        assertEquals(Main.ERROR, noTokenizer.code());
        assertTrue(noTokenizer.err().contains("tokenizer.json"), noTokenizer.err());

        StringBuilder ids = new StringBuilder("1");
        for (int i = 0; i < 70; i++) ids.append(",1");
        Outcome tooLong = run("generate", "models/fixtures/gpt2", "--input-ids", ids.toString(), "--max-new-tokens", "2");
        assertEquals(Main.ERROR, tooLong.code());
        assertTrue(tooLong.err().contains("longer than the model's context of 64 positions (meta.json config n_positions)"),
                tooLong.err());

        Outcome noLogits = run("generate", "models/fixtures/bert", "--input-ids", "1,2", "--max-new-tokens", "2");
        assertEquals(Main.ERROR, noLogits.code());
        assertTrue(noLogits.err().contains("no 'logits' output"), noLogits.err());

        assertEquals(Main.USAGE, run("generate", "models/fixtures/gpt2", "--input-ids", "1,2").code());
        assertEquals(Main.USAGE, run("generate", "models/fixtures/gpt2", "--input-ids", "1", "--max-new-tokens", "2",
                "--seed", "3").code());
        assertEquals(Main.USAGE, run("generate", "models/fixtures/gpt2", "--input-ids", "1", "--max-new-tokens", "2",
                "--backend", "tpu").code(), "an unknown backend is a usage error");
    }
}
