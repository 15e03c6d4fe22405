package dev.nnjit.tokenizer;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonException;
import dev.nnjit.json.JsonObject;
import java.util.Map;

/**
 * What a Hugging Face tokenizer_config.json says about batches: the model's maximum length (inputs are truncated to
 * it), the padding token and side. Everything else in the file (chat templates, class names) is not read here.
 *
 * @param maxLength {@code model_max_length}; 0 when absent or set to the library's "no limit" sentinel (int(1e30))
 * @param padToken {@code pad_token} (a string or {@code {"content": ...}}), null when absent
 * @param padLeft {@code padding_side} is "left"
 */
public record TokenizerConfig(int maxLength, String padToken, boolean padLeft) {
    /** model_max_length above this is the "no limit" sentinel, not a length. */
    private static final double NO_LIMIT_ABOVE = 1e9;

    /** No truncation, no pad token, right padding: the defaults when there is no tokenizer_config.json. */
    public static final TokenizerConfig NONE = new TokenizerConfig(0, null, false);

    /** Reads tokenizer_config.json text (null: {@link #NONE}); a {@link TokenizerException} when malformed. */
    public static TokenizerConfig fromJson(String json) {
        if (json == null) return NONE;
        try {
            JsonObject root = JsonObject.root(Json.parse(json), "tokenizer_config.json");
            double max = root.number("model_max_length", 0);
            int maxLength = max <= 0 || max > NO_LIMIT_ABOVE ? 0 : (int) max;
            return new TokenizerConfig(maxLength, tokenText(root, "pad_token"),
                    root.string("padding_side", "right").equals("left"));
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

    @SuppressWarnings("unchecked")
    private static String tokenText(JsonObject root, String key) {
        Object v = root.get(key);
        if (v == null) return null;
        if (v instanceof String) return (String) v;
        if (v instanceof Map) return new JsonObject((Map<String, Object>) v, root.path() + "." + key).string("content");
        throw new TokenizerException(root.path() + "." + key + ": expected a string or {\"content\": ...}");
    }
}
