package dev.nnjit.tokenizer;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonException;
import dev.nnjit.template.Template;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template ({@code chat_template} of tokenizer_config.json, a Jinja template run by
 * {@link dev.nnjit.template.Template}) with the special tokens it sees: turns a conversation into the model's prompt
 * text, as transformers' and transformers.js's {@code apply_chat_template(messages, {tokenize: false})} do.
 *
 * <p>Variables, as transformers.js passes them: {@code messages}, {@code add_generation_prompt}, {@code tools} (null
 * when none), {@code documents} (null), the special tokens of the config ({@code bos_token}, {@code eos_token}, ...),
 * then any extra variables the caller gives (e.g. {@code enable_thinking}, {@code date_string}). {@code
 * strftime_now(format)} formats the current time in UTC.
 *
 * <p>The rendered text already holds the special tokens the template writes (a BOS, turn markers): tokenize it with
 * {@code Tokenizer.encode(text, false)} (no post-processor specials), as transformers.js's text-generation pipeline
 * does for chat input.
 */
public final class ChatTemplate {
    /** The name the string form of {@code chat_template} gets. */
    public static final String DEFAULT_NAME = "default";

    private final Template template;
    private final Map<String, String> specialTokens;

    private ChatTemplate(Template template, Map<String, String> specialTokens) {
        this.template = template;
        this.specialTokens = specialTokens;
    }

    /** Parses {@code source}; a {@code TemplateException} naming line and column when it is malformed. */
    public static ChatTemplate parse(String source, Map<String, String> specialTokens) {
        return new ChatTemplate(Template.parse(source), Map.copyOf(specialTokens));
    }

    /**
     * The prompt for {@code messages}.
     *
     * @param messages template values: maps with "role" and "content" (and e.g. "tool_calls")
     * @param tools tool schemas, or null
     * @param extra more variables, or null
     */
    public String apply(List<?> messages, boolean addGenerationPrompt, List<?> tools, Map<String, ?> extra) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("messages", messages);
        variables.put("add_generation_prompt", addGenerationPrompt);
        variables.put("tools", tools);
        variables.put("documents", null);
        variables.putAll(specialTokens);
        if (extra != null) variables.putAll(extra);
        return template.render(variables);
    }

    /**
     * As {@link #apply}, from JSON text: {@code messagesJson} an array of messages, {@code toolsJson} an array of tool
     * schemas or null, {@code extraJson} an object of more variables or null.
     */
    @SuppressWarnings("unchecked")
    public String applyJson(String messagesJson, boolean addGenerationPrompt, String toolsJson, String extraJson) {
        Object messages = parse(messagesJson, "messages");
        if (!(messages instanceof List)) throw new TokenizerException("chat messages must be an array of {role, content}");
        Object tools = toolsJson == null ? null : parse(toolsJson, "tools");
        if (tools != null && !(tools instanceof List)) throw new TokenizerException("tools must be an array");
        Object extra = extraJson == null ? null : parse(extraJson, "template variables");
        if (extra != null && !(extra instanceof Map)) throw new TokenizerException("template variables must be an object");
        return apply((List<?>) messages, addGenerationPrompt, (List<?>) tools, (Map<String, ?>) extra);
    }

    private static Object parse(String json, String what) {
        try {
            return Template.fromJson(Json.parse(json));
        } catch (JsonException e) {
            throw new TokenizerException(what + " are not valid JSON: " + e.getMessage(), e);
        }
    }
}
