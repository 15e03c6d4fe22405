package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.nnjit.api.Session;
import dev.nnjit.generate.GenerationConfig;
import dev.nnjit.generate.GenerationResult;
import dev.nnjit.generate.LengthBuckets;
import dev.nnjit.generate.ModelConfig;
import dev.nnjit.generate.SessionGenerator;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation pipelines on KV-cache models laid out as Hugging Face repositories ship them: a decoder-only model as
 * {@code onnx/decoder_model_merged.onnx}, and an encoder-decoder as {@code onnx/encoder_model.onnx} +
 * {@code onnx/decoder_model_merged.onnx} (models/kv's hand-built models, with a small WordPiece tokenizer.json whose
 * ids fit their vocabularies). The page's text on WebGPU and on wasm equals the JVM's greedy text (cpu backend, the
 * same KV adapters, the Java tokenizer).
 */
class GenerationPipelineKvIT {
    private static final String PROMPT = "the cat sat";
    @TempDir static Path dir;
    private static BrowserRunner runner;
    private static Page page;

    @BeforeAll static void start() throws Exception {
        runner = BrowserRunner.start(null);
        page = runner.browser().newPage();
        page.navigate(runner.baseUrl() + "index.html");
        Path kv = Path.of("models", "kv");
        Path dec = Files.createDirectories(dir.resolve("decoder-only").resolve("onnx"));
        Files.copy(kv.resolve("decoder-only/model-kv-merged.onnx"), dec.resolve("decoder_model_merged.onnx"));
        Files.copy(kv.resolve("decoder-only/config.json"), dec.getParent().resolve("config.json"));
        Files.writeString(dec.getParent().resolve("tokenizer.json"), wordPieceTokenizer(96));
        Path s2s = Files.createDirectories(dir.resolve("encoder-decoder").resolve("onnx"));
        Files.copy(kv.resolve("encoder-decoder/encoder_model.onnx"), s2s.resolve("encoder_model.onnx"));
        Files.copy(kv.resolve("encoder-decoder/decoder_model_merged.onnx"), s2s.resolve("decoder_model_merged.onnx"));
        Files.copy(kv.resolve("encoder-decoder/config.json"), s2s.getParent().resolve("config.json"));
        Files.writeString(s2s.getParent().resolve("tokenizer.json"), wordPieceTokenizer(80));
    }

    @AfterAll static void stop() {
        if (page != null) page.close();
        if (runner != null) runner.close();
    }

    /** [UNK], the prompt's words, letters and ##letters, then fillers up to {@code size} ids (the model's vocabulary). */
    static String wordPieceTokenizer(int size) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("[UNK]", 0);
        for (String w : List.of("the", "cat", "sat")) vocab.put(w, vocab.size());
        for (char c = 'a'; c <= 'z'; c++) vocab.put(String.valueOf(c), vocab.size());
        for (char c = 'a'; c <= 'z'; c++) vocab.put("##" + c, vocab.size());
        while (vocab.size() < size) vocab.put("w" + vocab.size(), vocab.size());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "WordPiece");
        model.put("unk_token", "[UNK]");
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100);
        model.put("vocab", vocab);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "1.0");
        doc.put("added_tokens", List.of());
        doc.put("normalizer", null);
        doc.put("pre_tokenizer", Map.of("type", "Whitespace"));
        doc.put("post_processor", null);
        doc.put("decoder", Map.of("type", "WordPiece", "prefix", "##", "cleanup", true));
        doc.put("model", model);
        return new com.google.gson.GsonBuilder().serializeNulls().create().toJson(doc);
    }

    /** The JVM's greedy continuation for the folder, decoded by the Java tokenizer. */
    private static String jvmText(String name, int maxNew) throws Exception {
        Path d = dir.resolve(name);
        Tokenizer tok = Tokenizer.fromJson(Files.readString(d.resolve("tokenizer.json")));
        String config = Files.readString(d.resolve("config.json"));
        int[] prompt = tok.encode(PROMPT).ids();
        long[] ids = new long[prompt.length];
        for (int i = 0; i < ids.length; i++) ids[i] = prompt[i];
        GenerationConfig g = GenerationConfig.fromJson(config, null).withMaxNewTokens(maxNew).withGreedy();
        ModelConfig m = ModelConfig.fromJson(config, "config.json");
        Session decoder = Session.create(ModelFiles.load(d.resolve("onnx/decoder_model_merged.onnx")));
        GenerationResult r = Files.exists(d.resolve("onnx/encoder_model.onnx"))
                ? SessionGenerator.generate(Session.create(ModelFiles.load(d.resolve("onnx/encoder_model.onnx"))),
                        decoder, null, m, ids, g, LengthBuckets.EXACT, null, null)
                : SessionGenerator.generate(decoder, m, ids, g, LengthBuckets.EXACT, null, null);
        int[] out = new int[r.ids().length];
        for (int i = 0; i < out.length; i++) out[i] = (int) r.ids()[i];
        return tok.decode(out, true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothTasksGenerateTheJvmsTextOnWebGpuAndWasm() throws Exception {
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async ([app, dec, s2s, prompt]) => {"
                + " const g = await import(app + 'generation.js'); const out = {};"
                + " for (const device of ['webgpu', 'wasm']) {"
                + "  const gen = await g.createGenerationPipeline('text-generation', dec, {device});"
                + "  const a = await gen(prompt, {max_new_tokens: 12, return_full_text: false});"
                + "  out['dec-' + device] = a[0].generated_text; out['decLengths-' + device] = a.stats.lengths;"
                + "  gen.dispose();"
                + "  const t2t = await g.createGenerationPipeline('text2text-generation', s2s, {device});"
                + "  const b = await t2t(prompt, {max_new_tokens: 12});"
                + "  out['s2s-' + device] = b[0].generated_text; out['s2sLengths-' + device] = b.stats.lengths;"
                + "  t2t.dispose(); }"
                + " return out; }",
                List.of(runner.baseUrl(), folderUrl("decoder-only"), folderUrl("encoder-decoder"), PROMPT));
        String dec = jvmText("decoder-only", 12);
        String s2s = jvmText("encoder-decoder", 12);
        assertTrue(!dec.isBlank() && !s2s.isBlank(), dec + " / " + s2s);
        for (String device : List.of("webgpu", "wasm")) {
            assertEquals(dec, r.get("dec-" + device), device + ": " + r);
            assertEquals(s2s, r.get("s2s-" + device), device + ": " + r);
            assertTrue(String.valueOf(r.get("decLengths-" + device)).startsWith("KV cache"), r.toString());
            assertTrue(String.valueOf(r.get("s2sLengths-" + device)).startsWith("KV cache"), r.toString());
        }
        assertTrue(String.valueOf(r.get("decLengths-webgpu")).endsWith("cache kept in GPU memory"), r.toString());
    }

    private static String folderUrl(String name) {
        String u = runner.urlOf(dir.resolve(name).resolve("config.json"));
        return u.substring(0, u.length() - "config.json".length());
    }
}
