package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import dev.nnjit.tokenizer.regex.Regex;

/** The {"Regex": ...} / {"String": ...} patterns of Split, Replace and the Replace decoder. */
final class Patterns {
    private Patterns() {}

    static Regex read(JsonObject pattern) {
        if (pattern.has("Regex")) {
            String source = pattern.string("Regex");
            try {
                return Regex.compile(source, Regex.Syntax.TOKENIZER_JSON);
            } catch (IllegalArgumentException e) {
                throw new TokenizerException(pattern.path() + ".Regex: " + e.getMessage());
            }
        }
        if (pattern.has("String")) return Regex.literal(pattern.string("String"));
        throw new TokenizerException(pattern.path() + ": expected a \"Regex\" or a \"String\" pattern");
    }
}
