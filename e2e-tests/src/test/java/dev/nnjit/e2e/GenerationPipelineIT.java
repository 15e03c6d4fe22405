package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import dev.nnjit.api.Session;
import dev.nnjit.generate.GenerationConfig;
import dev.nnjit.generate.LengthBuckets;
import dev.nnjit.generate.ModelConfig;
import dev.nnjit.generate.SessionGenerator;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text-generation and text2text-generation pipelines of generation.js on WebGPU in headless Chromium, over model
 * folders made here (a fixture's model.onnx, its config.json from meta.json, and a small byte-level BPE
 * tokenizer.json whose 500 ids fit the fixtures' vocabularies): the text equals the JVM's greedy generation decoded
 * by the Java tokenizer, the streamer's pieces add up to the continuation, an AbortSignal stops generation, a seed
 * makes sampling repeat, and chat messages get a clear error about the chat template.
 */
class GenerationPipelineIT {
    private static final String PROMPT = "the cat sat";
    @TempDir static Path dir;
    private static BrowserRunner runner;
    private static Page page;

    @BeforeAll static void start() throws Exception {
        runner = BrowserRunner.start(null);
        page = runner.browser().newPage();
        page.navigate(runner.baseUrl() + "index.html");
        for (String f : List.of("gpt2", "t5")) modelFolder(f, dir.resolve(f));
    }

    @AfterAll static void stop() {
        if (page != null) page.close();
        if (runner != null) runner.close();
    }

    /** A generation model folder at {@code d}: the fixture's model.onnx, config.json, the tokenizer below. */
    static Path modelFolder(String fixture, Path d) throws Exception {
        Files.createDirectories(d);
        Path src = Path.of("models", "fixtures", fixture);
        Files.copy(src.resolve("model.onnx"), d.resolve("model.onnx"));
        JsonObject meta = JsonParser.parseString(Files.readString(src.resolve("meta.json"))).getAsJsonObject();
        Files.writeString(d.resolve("config.json"), meta.getAsJsonObject("config").toString());
        Files.writeString(d.resolve("tokenizer.json"), byteLevelTokenizer());
        return d;
    }

    /** GPT-2's byte-to-character map, ids 0..255 by byte value, then 244 merges of two lowercase letters. */
    static String byteLevelTokenizer() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            vocab.put(String.valueOf(c), b);
        }
        List<String> merges = new ArrayList<>();
        outer:
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                if (vocab.size() == 500) break outer;
                merges.add(a + " " + b);
                vocab.put("" + a + b, vocab.size());
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        Map<String, Object> byteLevel = Map.of("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", true,
                "use_regex", true);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "1.0");
        doc.put("added_tokens", List.of());
        doc.put("pre_tokenizer", byteLevel);
        doc.put("decoder", byteLevel);
        doc.put("model", model);
        return new com.google.gson.GsonBuilder().serializeNulls().create().toJson(doc);
    }

    private static String cpuText(String fixture, int maxNew, boolean fullText) throws Exception {
        return greedyText(dir.resolve(fixture), PROMPT, maxNew, fullText);
    }

    /** The JVM's greedy text for a model folder: Java tokenizer, cpu backend, exact lengths. */
    static String greedyText(Path d, String prompt, int maxNew, boolean fullText) throws Exception {
        Tokenizer tok = Tokenizer.fromJson(Files.readString(d.resolve("tokenizer.json")));
        String config = Files.readString(d.resolve("config.json"));
        int[] promptIds = tok.encode(prompt).ids();
        long[] ids = new long[promptIds.length];
        for (int i = 0; i < ids.length; i++) ids[i] = promptIds[i];
        long[] out = SessionGenerator.generate(Session.create(ModelFiles.load(d.resolve("model.onnx"))),
                ModelConfig.fromJson(config, "config.json"), ids,
                GenerationConfig.fromJson(config, null).withMaxNewTokens(maxNew).withGreedy(), LengthBuckets.EXACT,
                null, null).ids();
        int[] all = new int[(fullText ? promptIds.length : 0) + out.length];
        if (fullText) System.arraycopy(promptIds, 0, all, 0, promptIds.length);
        for (int i = 0; i < out.length; i++) all[all.length - out.length + i] = (int) out[i];
        return tok.decode(all, true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void textGenerationOnWebGpuEqualsTheJvmAndStreams() throws Exception {
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async ([app, folder, prompt]) => {"
                + " const g = await import(app + 'generation.js');"
                + " const gen = await g.createGenerationPipeline('text-generation', folder, {device: 'webgpu'});"
                + " const pieces = []; const streamer = new g.TextStreamer(gen.tokenizer, {callback_function: (t) =>"
                + " pieces.push(t)});"
                + " const out = await gen(prompt, {max_new_tokens: 10, streamer});"
                + " const cont = await gen(prompt, {max_new_tokens: 10, return_full_text: false});"
                + " const a = await gen(prompt, {max_new_tokens: 6, do_sample: true, temperature: 0.9, top_k: 40,"
                + " top_p: 0.9, seed: 11});"
                + " const b = await gen(prompt, {max_new_tokens: 6, do_sample: true, temperature: 0.9, top_k: 40,"
                + " top_p: 0.9, seed: 11});"
                + " let aborted = null; const ctl = new AbortController(); let seen = 0;"
                + " try { await gen(prompt, {max_new_tokens: 10, streamer: {put() { if (++seen === 3) ctl.abort(); },"
                + " end() {}}, signal: ctl.signal}); } catch (e) { aborted = {name: e.name, ids: e.partial.ids.length}; }"
                + " let chat = null; try { await gen([{role: 'user', content: 'hi'}]); } catch (e) { chat = e.message; }"
                + " const stats = out.stats; gen.dispose();"
                + " return {text: out[0].generated_text, cont: cont[0].generated_text, streamed: pieces.join(''),"
                + " a: a[0].generated_text, b: b[0].generated_text, aborted, chat, shapes: stats.compiledShapes,"
                + " ids: stats.ids.length}; }",
                List.of(runner.baseUrl(), folderUrl("gpt2"), PROMPT));
        assertEquals(cpuText("gpt2", 10, true), r.get("text"), r.toString());
        assertEquals(cpuText("gpt2", 10, false), r.get("cont"));
        assertEquals(r.get("cont"), r.get("streamed"), "the streamer's pieces add up to the continuation");
        assertEquals(r.get("a"), r.get("b"), "sampling with a seed repeats");
        Map<String, Object> aborted = (Map<String, Object>) r.get("aborted");
        assertEquals("AbortError", aborted.get("name"), r.toString());
        assertEquals(3, ((Number) aborted.get("ids")).intValue(), "cancelled after the third token, which is kept");
        assertTrue(String.valueOf(r.get("chat")).contains("chat_template"), String.valueOf(r.get("chat")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void text2textGenerationOnWebGpuEqualsTheJvm() throws Exception {
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async ([app, folder, prompt]) => {"
                + " const g = await import(app + 'generation.js');"
                + " const gen = await g.createGenerationPipeline('text2text-generation', folder, {device: 'webgpu'});"
                + " const out = await gen(prompt, {max_new_tokens: 8}); gen.dispose();"
                + " let wrong = null; try { await g.createGenerationPipeline('text-generation', folder); }"
                + " catch (e) { wrong = e.message; }"
                + " return {text: out[0].generated_text, wrong}; }",
                List.of(runner.baseUrl(), folderUrl("t5"), PROMPT));
        assertEquals(cpuText("t5", 8, false), r.get("text"), r.toString());
        assertTrue(String.valueOf(r.get("wrong")).contains("use text2text-generation"), r.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void nnjitPipelineRegistryServesBothGenerationTasks() throws Exception {
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async ([app, gpt2, t5, prompt]) => {"
                + " const nnjit = await import(app + 'nnjit.js');"
                + " const gen = await nnjit.pipeline('text-generation', gpt2, {device: 'webgpu'});"
                + " const a = await gen(prompt, {max_new_tokens: 6}); gen.dispose();"
                + " const t2t = await nnjit.pipeline('text2text-generation', t5, {device: 'webgpu'});"
                + " const b = await t2t(prompt, {max_new_tokens: 5}); t2t.dispose();"
                + " return {a: a[0].generated_text, b: b[0].generated_text, taskA: gen.task, taskB: t2t.task}; }",
                List.of(runner.baseUrl(), folderUrl("gpt2"), folderUrl("t5"), PROMPT));
        assertEquals(cpuText("gpt2", 6, true), r.get("a"), r.toString());
        assertEquals(cpuText("t5", 5, false), r.get("b"), r.toString());
        assertEquals("text-generation", r.get("taskA"));
        assertEquals("text2text-generation", r.get("taskB"));
    }

    private static String folderUrl(String fixture) {
        String u = runner.urlOf(dir.resolve(fixture).resolve("model.onnx"));
        return u.substring(0, u.length() - "model.onnx".length());
    }
}
