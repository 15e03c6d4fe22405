package dev.nnjit.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.json.Json;
import dev.nnjit.template.Template;
import dev.nnjit.template.TemplateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tokenizer_config.json's chat templates (both forms, the choice among them), the variables, encoding without specials. */
class ChatTemplateTest {
    private static final String MESSAGES = "[{\"role\": \"user\", \"content\": \"Hi\"}]";

    private static List<?> messages() {
        return (List<?>) Template.fromJson(Json.parse(MESSAGES));
    }

    @Test
    void stringFormIsTheDefaultAndSeesTheSpecialTokens() {
        TokenizerConfig c = TokenizerConfig.fromJson("{\"bos_token\": {\"content\": \"<s>\", \"lstrip\": false},"
                + " \"eos_token\": \"</s>\", \"chat_template\": \"{{ bos_token }}{% for m in messages %}[{{ m.role }}]"
                + "{{ m.content }}{{ eos_token }}{% endfor %}{% if add_generation_prompt %}[assistant]{% endif %}"
                + "{{ tools is none }}\"}");
        assertTrue(c.hasChatTemplate());
        assertEquals(Map.of("bos_token", "<s>", "eos_token", "</s>"), c.specialTokens());
        assertEquals("<s>[user]Hi</s>[assistant]true", c.applyChatTemplate(messages(), true, null, null));
        assertEquals("<s>[user]Hi</s>true", c.applyChatTemplate(messages(), false, null, null));
    }

    @Test
    void listFormChoosesDefaultOrToolUse() {
        TokenizerConfig c = TokenizerConfig.fromJson("{\"chat_template\": [{\"name\": \"default\", \"template\":"
                + " \"plain\"}, {\"name\": \"tool_use\", \"template\": \"tools={{ tools | length }}\"},"
                + " {\"name\": \"rag\", \"template\": \"rag\"}]}");
        assertEquals("plain", c.applyChatTemplate(messages(), true, null, null));
        assertEquals("tools=1", c.applyChatTemplate(messages(), true, List.of(Map.of("name", "f")), null));
        assertEquals("rag", c.chatTemplate("rag", false).apply(messages(), true, null, null));
        String m = assertThrows(TokenizerException.class, () -> c.chatTemplate("nope", false)).getMessage();
        assertTrue(m.contains("no chat template named \"nope\"") && m.contains("default, tool_use, rag"), m);
    }

    @Test
    void extraVariablesAndJsonInput() {
        TokenizerConfig c = TokenizerConfig.fromJson("{\"chat_template\": \"{{ messages | length }}"
                + "{% if enable_thinking is defined and enable_thinking is false %} no-think{% endif %}\"}");
        assertEquals("1 no-think", c.applyChatTemplate(messages(), true, null, Map.of("enable_thinking", false)));
        assertEquals("1 no-think", c.chatTemplate(null, false).applyJson(MESSAGES, true, null,
                "{\"enable_thinking\": false}"));
        assertThrows(TokenizerException.class, () -> c.chatTemplate(null, false).applyJson("{\"role\": 1}", true, null,
                null));
        assertThrows(TokenizerException.class, () -> c.chatTemplate(null, false).applyJson("[", true, null, null));
    }

    @Test
    void noTemplateAndMalformedTemplatesAreClearErrors() {
        assertFalse(TokenizerConfig.NONE.hasChatTemplate());
        String m = assertThrows(TokenizerException.class,
                () -> TokenizerConfig.NONE.applyChatTemplate(messages(), true, null, null)).getMessage();
        assertTrue(m.contains("no chat template"), m);
        assertThrows(TokenizerException.class, () -> TokenizerConfig.fromJson("{\"chat_template\": 3}"));
        TemplateException e = assertThrows(TemplateException.class, () -> TokenizerConfig.fromJson(
                "{\"chat_template\": \"ok\\n{% if x %}\"}").applyChatTemplate(messages(), true, null, null));
        assertEquals(2, e.line());
        assertEquals("x", TokenizerConfig.NONE.withChatTemplate("x").applyChatTemplate(messages(), true, null, null));
    }

    @Test
    void encodingWithoutSpecialTokensSkipsThePostProcessor() {
        String json = "{\"version\": \"1.0\", \"added_tokens\": [{\"id\": 0, \"content\": \"<s>\", \"special\": true,"
                + " \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false}],"
                + " \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"},"
                + " \"post_processor\": {\"type\": \"TemplateProcessing\", \"single\": [{\"SpecialToken\": {\"id\": \"<s>\","
                + " \"type_id\": 0}}, {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}], \"pair\": [{\"Sequence\":"
                + " {\"id\": \"A\", \"type_id\": 0}}], \"special_tokens\": {\"<s>\": {\"id\": \"<s>\", \"ids\": [0],"
                + " \"tokens\": [\"<s>\"]}}},"
                + " \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"<s>\", \"continuing_subword_prefix\": \"##\","
                + " \"max_input_chars_per_word\": 100, \"vocab\": {\"<s>\": 0, \"hi\": 1, \"there\": 2}}}";
        Tokenizer t = Tokenizer.fromJson(json);
        assertArrayEquals(new int[] {0, 1, 2}, t.encode("hi there").ids());
        assertArrayEquals(new int[] {1, 2}, t.encode("hi there", false).ids());
        assertArrayEquals(new int[] {0, 1, 2}, t.encode("<s>hi there", false).ids());
    }
}
