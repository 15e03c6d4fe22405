package dev.nnjit.generate;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonException;
import dev.nnjit.json.JsonObject;

/**
 * What generation needs to know of a model from its config.json.
 *
 * @param contextLength positions the model can attend to (max_position_embeddings, else n_positions, else
 *                      n_ctx); 0 when config.json gives none (e.g. T5's relative positions: no limit is checked)
 * @param encoderDecoder config.json's is_encoder_decoder
 * @param source where the context length came from, for error messages ("config.json n_positions")
 */
public record ModelConfig(int contextLength, boolean encoderDecoder, String source) {
    public static final ModelConfig UNKNOWN = new ModelConfig(0, false, "no config.json");

    private static final String[] CONTEXT_KEYS = {"max_position_embeddings", "n_positions", "n_ctx"};

    public static ModelConfig fromJson(String configJson, String what) {
        if (configJson == null) return UNKNOWN;
        try {
            JsonObject o = JsonObject.root(Json.parse(configJson), what);
            boolean encDec = o.bool("is_encoder_decoder", false);
            for (String key : CONTEXT_KEYS) {
                if (o.has(key)) {
                    int n = o.integer(key);
                    if (n < 1) throw new GenerationException(what + "." + key + " must be positive, got " + n);
                    return new ModelConfig(n, encDec, what + " " + key);
                }
            }
            return new ModelConfig(0, encDec, what);
        } catch (JsonException e) {
            throw new GenerationException(what + ": " + e.getMessage());
        }
    }
}
