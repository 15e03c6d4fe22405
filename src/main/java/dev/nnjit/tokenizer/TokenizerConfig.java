package dev.nnjit.tokenizer;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonException;
import dev.nnjit.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Hugging Face tokenizer_config.json says: the model's maximum length (inputs are truncated to it), the padding
 * token and side, the special tokens, and the chat templates. Everything else in the file (class names, ...) is not
 * read here.
 *
 * @param maxLength {@code model_max_length}; 0 when absent or set to the library's "no limit" sentinel (int(1e30))
 * @param padToken {@code pad_token} (a string or {@code {"content": ...}}), null when absent
 * @param padLeft {@code padding_side} is "left"
 * @param specialTokens the special tokens the file names, by attribute ({@code bos_token}, {@code eos_token},
 *     {@code unk_token}, {@code sep_token}, {@code pad_token}, {@code cls_token}, {@code mask_token}): the variables a
 *     chat template sees
 * @param chatTemplates {@code chat_template} by name: the string form is named "default"; the list form
 *     ({@code [{"name", "template"}]}) keeps its names; empty when the file has none
 */
public record TokenizerConfig(int maxLength, String padToken, boolean padLeft, Map<String, String> specialTokens,
        Map<String, String> chatTemplates) {
    /** The special-token attributes transformers passes to chat templates, in its order. */
    public static final List<String> SPECIAL_TOKEN_ATTRIBUTES = List.of("bos_token", "eos_token", "unk_token",
            "sep_token", "pad_token", "cls_token", "mask_token");

    /** model_max_length above this is the "no limit" sentinel, not a length. */
    private static final double NO_LIMIT_ABOVE = 1e9;

    /** No truncation, no pad token, right padding: the defaults when there is no tokenizer_config.json. */
    public static final TokenizerConfig NONE = new TokenizerConfig(0, null, false, Map.of(), Map.of());

    /** Reads tokenizer_config.json text (null: {@link #NONE}); a {@link TokenizerException} when malformed. */
    public static TokenizerConfig fromJson(String json) {
        if (json == null) return NONE;
        try {
            JsonObject root = JsonObject.root(Json.parse(json), "tokenizer_config.json");
            double max = root.number("model_max_length", 0);
            int maxLength = max <= 0 || max > NO_LIMIT_ABOVE ? 0 : (int) max;
            Map<String, String> special = new LinkedHashMap<>();
            for (String key : SPECIAL_TOKEN_ATTRIBUTES) {
                String token = tokenText(root, key);
                if (token != null) special.put(key, token);
            }
            return new TokenizerConfig(maxLength, tokenText(root, "pad_token"),
                    root.string("padding_side", "right").equals("left"), Collections.unmodifiableMap(special),
                    chatTemplates(root));
        } catch (JsonException | ClassCastException e) {
            throw new TokenizerException("tokenizer_config.json: " + e.getMessage(), e);
        }
    }

    /** The pad token's id in {@code tokenizer}; 0 when there is no pad token (BERT's [PAD] is 0 too). */
    public int padId(Tokenizer tokenizer) {
        if (padToken == null) return 0;
        int id = tokenizer.tokenToId(padToken);
        if (id < 0) throw new TokenizerException("tokenizer_config.json: pad_token \"" + padToken
                + "\" is not in the vocabulary");
        return id;
    }

    /** The same configuration with {@code source} as its default chat template (a chat_template.jinja file's text). */
    public TokenizerConfig withChatTemplate(String source) {
        Map<String, String> templates = new LinkedHashMap<>(chatTemplates);
        templates.put(ChatTemplate.DEFAULT_NAME, source);
        return new TokenizerConfig(maxLength, padToken, padLeft, specialTokens, Collections.unmodifiableMap(templates));
    }

    /** Whether the file has a chat template. */
    public boolean hasChatTemplate() { return !chatTemplates.isEmpty(); }

    /**
     * The chat template to render a conversation with, as transformers chooses it: {@code name} when not null; else
     * "tool_use" when tools are given and the file has one; else "default". Parsed on each call (milliseconds); a
     * {@link TokenizerException} when there is no such template, a {@code TemplateException} when it is malformed.
     */
    public ChatTemplate chatTemplate(String name, boolean withTools) {
        if (chatTemplates.isEmpty()) {
            throw new TokenizerException("this tokenizer has no chat template (tokenizer_config.json has no"
                    + " chat_template): format the prompt yourself and pass a string");
        }
        String chosen = name != null ? name
                : withTools && chatTemplates.containsKey("tool_use") ? "tool_use" : ChatTemplate.DEFAULT_NAME;
        String source = chatTemplates.get(chosen);
        if (source == null && name == null && chatTemplates.size() == 1) source = chatTemplates.values().iterator().next();
        if (source == null) {
            throw new TokenizerException("tokenizer_config.json has no chat template named \"" + chosen + "\" (it has "
                    + String.join(", ", chatTemplates.keySet()) + ")");
        }
        return ChatTemplate.parse(source, specialTokens);
    }

    /**
     * Renders {@code messages} (template values: lists of maps with "role" and "content", as
     * {@code dev.nnjit.template.Template.fromJson} makes from parsed JSON) with the default chat template (or
     * "tool_use" when tools are given and the file has one).
     *
     * @param tools the tool schemas, or null
     * @param extra further template variables (e.g. {@code enable_thinking}, {@code date_string}), or null
     */
    public String applyChatTemplate(List<?> messages, boolean addGenerationPrompt, List<?> tools, Map<String, ?> extra) {
        return chatTemplate(null, tools != null && !tools.isEmpty()).apply(messages, addGenerationPrompt, tools, extra);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> chatTemplates(JsonObject root) {
        Object v = root.get("chat_template");
        Map<String, String> templates = new LinkedHashMap<>();
        if (v instanceof String s) {
            templates.put(ChatTemplate.DEFAULT_NAME, s);
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map)) {
                    throw new TokenizerException(root.path() + ".chat_template[" + i + "]: expected {\"name\", \"template\"}");
                }
                JsonObject entry = new JsonObject((Map<String, Object>) list.get(i), root.path() + ".chat_template[" + i + "]");
                templates.put(entry.string("name"), entry.string("template"));
            }
        } else if (v != null) {
            throw new TokenizerException(root.path() + ".chat_template: expected a string or a list of"
                    + " {\"name\", \"template\"}");
        }
        return Collections.unmodifiableMap(templates);
    }

    @SuppressWarnings("unchecked")
    private static String tokenText(JsonObject root, String key) {
        Object v = root.get(key);
        if (v == null) return null;
        if (v instanceof String) return (String) v;
        if (v instanceof Map) return new JsonObject((Map<String, Object>) v, root.path() + "." + key).string("content");
        throw new TokenizerException(root.path() + "." + key + ": expected a string or {\"content\": ...}");
    }
}
