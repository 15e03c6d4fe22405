package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import dev.nnjit.api.Session;
import dev.nnjit.generate.GenerationConfig;
import dev.nnjit.generate.LengthBuckets;
import dev.nnjit.generate.ModelConfig;
import dev.nnjit.generate.SessionGenerator;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.json.Json;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.template.Template;
import dev.nnjit.tokenizer.ChatTemplate;
import dev.nnjit.tokenizer.Tokenizer;
import dev.nnjit.tokenizer.TokenizerConfig;
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
 * Chat templates in the page, on the Wasm GC build and the JS build: real templates (src/test/resources/chat) render
 * the same text through the engine's generationTokenizerApplyChatTemplate export as {@link ChatTemplate} on the JVM;
 * generation.js's text-generation pipeline given chat messages applies the model folder's chat template, tokenizes the
 * prompt without adding the tokenizer's special tokens again, and answers in transformers.js's chat shape (the
 * messages with the assistant's reply appended) with the JVM's greedy reply; a malformed template and a folder without
 * one give clear errors.
 */
class ChatTemplateIT {
    private static final Path DATA = Path.of("src/test/resources/chat");
    /** A short template (the gpt2 fixture's context is 64 positions) that writes a BOS itself. */
    private static final String SHORT_TEMPLATE = "{{ bos_token }}{% for m in messages %}<{{ m.role[0] }}>{{ m.content"
            + " | trim }}{% endfor %}{% if add_generation_prompt %}<a>{% endif %}";

    @TempDir static Path dir;
    private static BrowserRunner runner;
    private static Page page;

    @BeforeAll static void start() throws Exception {
        runner = BrowserRunner.start(null);
        page = runner.browser().newPage();
        page.navigate(runner.baseUrl() + "index.html");
    }

    @AfterAll static void stop() {
        if (page != null) page.close();
        if (runner != null) runner.close();
    }

    /** The byte-level tokenizer of GenerationPipelineIT with a post-processor that adds "!" (id 33) as a BOS. */
    private static String tokenizerWithBos() {
        JsonObject doc = JsonParser.parseString(GenerationPipelineIT.byteLevelTokenizer()).getAsJsonObject();
        JsonObject post = JsonParser.parseString("{\"type\": \"TemplateProcessing\","
                + " \"single\": [{\"SpecialToken\": {\"id\": \"!\", \"type_id\": 0}}, {\"Sequence\": {\"id\": \"A\","
                + " \"type_id\": 0}}], \"pair\": [{\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}, {\"Sequence\":"
                + " {\"id\": \"B\", \"type_id\": 1}}], \"special_tokens\": {\"!\": {\"id\": \"!\", \"ids\": [33],"
                + " \"tokens\": [\"!\"]}}}").getAsJsonObject();
        doc.add("post_processor", post);
        return doc.toString();
    }

    private static String configWith(String template) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bos_token", "!");
        config.put("eos_token", "~");
        config.put("chat_template", template);
        return new Gson().toJson(config);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> conversation(String name) throws Exception {
        Map<String, Object> all = (Map<String, Object>) Json.parse(Files.readString(DATA.resolve("conversations.json")));
        for (Object c : (List<Object>) all.get("conversations")) {
            Map<String, Object> m = (Map<String, Object>) c;
            if (name.equals(m.get("name"))) return (List<Object>) m.get("messages");
        }
        throw new AssertionError("no conversation " + name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void templatesRenderInThePageAsOnTheJvm() throws Exception {
        List<String> templates = List.of("qwen2.5", "gemma3", "zephyr", "llama2-chat", "constructs");
        Map<String, String> sources = new LinkedHashMap<>();
        for (String t : templates) sources.put(t, Files.readString(DATA.resolve(t + ".jinja")));
        List<Map<String, Object>> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        Map<String, Object> all = (Map<String, Object>) Json.parse(Files.readString(DATA.resolve("conversations.json")));
        for (String t : templates) {
            for (String conv : List.of("unicode", "tool-calls", "multi-turn", "thinking")) {
                Map<String, Object> c = null;
                for (Object o : (List<Object>) all.get("conversations")) {
                    if (conv.equals(((Map<String, Object>) o).get("name"))) c = (Map<String, Object>) o;
                }
                Map<String, Object> cs = new LinkedHashMap<>();
                cs.put("config", configWith(sources.get(t)));
                cs.put("messages", Json.write(c.get("messages")));
                cs.put("tools", c.get("tools") == null ? null : Json.write(c.get("tools")));
                cases.add(cs);
                TokenizerConfig config = TokenizerConfig.fromJson((String) cs.get("config"));
                String want;
                try {
                    want = config.applyChatTemplate((List<?>) Template.fromJson(c.get("messages")), true,
                            (List<?>) Template.fromJson(c.get("tools")), null);
                } catch (RuntimeException e) {
                    want = "error";
                }
                expected.add(want);
            }
        }
        for (String engine : List.of("wasm-gc", "js")) {
            List<Object> got = (List<Object>) page.evaluate("async ([app, engineKind, tokenizer, cases]) => {"
                    + " const { createEngine } = await import(app + 'engine.js');"
                    + " const engine = await createEngine(engineKind); const x = engine.exports; const out = [];"
                    + " for (const c of cases) {"
                    + "   const h = x.generationTokenizerLoad(tokenizer, c.config, null);"
                    + "   if (h.error !== undefined) { out.push('load error: ' + h.error); continue; }"
                    + "   const r = x.generationTokenizerApplyChatTemplate(h.value, c.messages, true, c.tools, null);"
                    + "   out.push(r.error !== undefined ? 'error: ' + r.error : r.value); }"
                    + " return [engine.kind, ...out]; }",
                    List.of(runner.baseUrl(), engine, GenerationPipelineIT.byteLevelTokenizer(), cases));
            assertEquals(engine, got.get(0), "the engine asked for");
            int rendered = 0;
            for (int i = 0; i < expected.size(); i++) {
                String page = String.valueOf(got.get(i + 1));
                String context = engine + " case " + i + " (" + templates.get(i / 4) + "): " + page;
                if ("error".equals(expected.get(i))) {
                    assertTrue(page.startsWith("error: chat template, line "), context);
                } else {
                    assertEquals(expected.get(i), page, context);
                }
                if (!"error".equals(expected.get(i))) rendered++;
            }
            assertTrue(rendered >= 15, engine + ": too few renderings: " + rendered);
        }
    }

    private static Path folder(String name, String tokenizerConfig) throws Exception {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Path src = Path.of("models", "fixtures", "gpt2");
        Files.copy(src.resolve("model.onnx"), d.resolve("model.onnx"));
        JsonObject meta = JsonParser.parseString(Files.readString(src.resolve("meta.json"))).getAsJsonObject();
        Files.writeString(d.resolve("config.json"), meta.getAsJsonObject("config").toString());
        Files.writeString(d.resolve("tokenizer.json"), tokenizerWithBos());
        if (tokenizerConfig != null) Files.writeString(d.resolve("tokenizer_config.json"), tokenizerConfig);
        return d;
    }

    private static String folderUrl(Path d) {
        String u = runner.urlOf(d.resolve("model.onnx"));
        return u.substring(0, u.length() - "model.onnx".length());
    }

    @Test
    @SuppressWarnings("unchecked")
    void textGenerationPipelineAppliesTheChatTemplate() throws Exception {
        Path chat = folder("chat", configWith(SHORT_TEMPLATE));
        Path broken = folder("broken", configWith("{% for m in messages %}{{ m.content }}"));
        Path none = folder("none", null);
        String messagesJson = "[{\"role\": \"system\", \"content\": \"Be brief. \"}, {\"role\": \"user\", \"content\":"
                + " \"the cat sat\"}]";
        // the JVM: template → prompt → ids without the post-processor's "!" → greedy reply
        TokenizerConfig config = TokenizerConfig.fromJson(Files.readString(chat.resolve("tokenizer_config.json")));
        String prompt = config.applyChatTemplate((List<?>) Template.fromJson(Json.parse(messagesJson)), true, null, null);
        assertEquals("!<s>Be brief.<u>the cat sat<a>", prompt);
        Tokenizer tok = Tokenizer.fromJson(Files.readString(chat.resolve("tokenizer.json")));
        int[] ids = tok.encode(prompt, false).ids();
        assertEquals(ids.length + 1, tok.encode(prompt).ids().length, "the post-processor would add a second BOS");
        long[] input = new long[ids.length];
        for (int i = 0; i < ids.length; i++) input[i] = ids[i];
        String cfg = Files.readString(chat.resolve("config.json"));
        long[] out = SessionGenerator.generate(Session.create(ModelFiles.load(chat.resolve("model.onnx"))),
                ModelConfig.fromJson(cfg, "config.json"), input,
                GenerationConfig.fromJson(cfg, null).withMaxNewTokens(6).withGreedy(), LengthBuckets.EXACT, null, null).ids();
        int[] reply = new int[out.length];
        for (int i = 0; i < out.length; i++) reply[i] = (int) out[i];
        String expectedReply = tok.decode(reply, true);

        Map<String, Object> r = (Map<String, Object>) page.evaluate("async ([app, chat, broken, none, json]) => {"
                + " const g = await import(app + 'generation.js'); const messages = JSON.parse(json);"
                + " const gen = await g.createGenerationPipeline('text-generation', chat, {device: 'webgpu',"
                + " engine: 'wasm-gc'});"
                + " const out = await gen(messages, {max_new_tokens: 6});"
                + " const prompt = gen.tokenizer.apply_chat_template(messages, {add_generation_prompt: true});"
                + " const batch = await gen([messages, messages.slice(1)], {max_new_tokens: 2}); gen.dispose();"
                + " const failure = async (folder) => { const p = await g.createGenerationPipeline('text-generation',"
                + " folder, {device: 'webgpu', engine: 'wasm-gc'}); try { await p(messages, {max_new_tokens: 2});"
                + " return null; } catch (e) { return e.message; } finally { p.dispose(); } };"
                + " return {generated: out[0].generated_text, prompt, batch: batch.length,"
                + " batchShape: batch[1][0].generated_text.length, broken: await failure(broken),"
                + " none: await failure(none)}; }",
                List.of(runner.baseUrl(), folderUrl(chat), folderUrl(broken), folderUrl(none), messagesJson));
        assertEquals(prompt, r.get("prompt"), r.toString());
        List<Object> generated = (List<Object>) r.get("generated");
        assertEquals(3, generated.size(), r.toString());
        Map<String, Object> last = (Map<String, Object>) generated.get(2);
        assertEquals("assistant", last.get("role"));
        assertEquals(expectedReply, last.get("content"), r.toString());
        assertEquals("user", ((Map<String, Object>) generated.get(1)).get("role"));
        assertEquals(2, ((Number) r.get("batch")).intValue());
        assertEquals(2, ((Number) r.get("batchShape")).intValue(), "the second chat had one message, plus the reply");
        String brokenError = String.valueOf(r.get("broken"));
        assertTrue(brokenError.contains("line 1, column 1") && brokenError.contains("endfor"), brokenError);
        assertTrue(String.valueOf(r.get("none")).contains("no chat template"), String.valueOf(r.get("none")));
    }
}
