package dev.nnjit.web;

import dev.nnjit.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizers generation.js loads (Hugging Face tokenizer.json, {@link Tokenizer}), by handle: the minimal export
 * the generation pipelines need (encode, decode, and the {@link GenerationBridge}'s decoding for stop strings).
 * Handles index {@link #tokenizers}; a disposed one is null. Kept apart from the feature-extraction pipeline's
 * tokenizer export (another branch) so the two merge cleanly; one registry should serve both once merged.
 */
final class GenerationTokenizers {
    private static final List<Tokenizer> tokenizers = new ArrayList<>();

    private GenerationTokenizers() {}

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
