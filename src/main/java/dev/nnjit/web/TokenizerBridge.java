package dev.nnjit.web;

import dev.nnjit.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The page's tokenizers (Hugging Face tokenizer.json, {@link Tokenizer}), by handle: the minimal export generation
 * pipelines need (encode, decode). Handles index {@link #tokenizers}; a disposed one is null.
 */
final class TokenizerBridge {
    private static final List<Tokenizer> tokenizers = new ArrayList<>();

    private TokenizerBridge() {}

    static int load(String json) {
        tokenizers.add(Tokenizer.fromJson(json));
        return tokenizers.size() - 1;
    }

    static Tokenizer get(int handle) {
        Tokenizer t = handle >= 0 && handle < tokenizers.size() ? tokenizers.get(handle) : null;
        if (t == null) throw new IllegalArgumentException("no loaded tokenizer with handle " + handle);
        return t;
    }

    static void dispose(int handle) {
        get(handle);
        tokenizers.set(handle, null);
    }

    /** The ids of {@code text}, special tokens added as the tokenizer's post-processor says. */
    static int[] encode(int handle, String text) {
        return get(handle).encode(text).ids();
    }

    static String decode(int handle, int[] ids, boolean skipSpecialTokens) {
        return get(handle).decode(ids, skipSpecialTokens);
    }
}
