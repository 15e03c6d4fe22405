package dev.nnjit.web;

import dev.nnjit.tokenizer.Tokenizer;
import dev.nnjit.tokenizer.TokenizerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizers generation.js loads (Hugging Face tokenizer.json, {@link Tokenizer}, with its tokenizer_config.json,
 * {@link TokenizerConfig}), by handle: the minimal export the generation pipelines need (encode, decode, the chat
 * template, and the {@link GenerationBridge}'s decoding for stop strings). Handles index {@link #tokenizers}; a
 * disposed one is null. Kept apart from the feature-extraction pipeline's tokenizer export (another branch) so the
 * two merge cleanly; one registry should serve both once merged.
 */
final class GenerationTokenizers {
    private record Loaded(Tokenizer tokenizer, TokenizerConfig config) {}

    private static final List<Loaded> tokenizers = new ArrayList<>();

    private GenerationTokenizers() {}

    /**
     * @param configJson tokenizer_config.json's text, or null
     * @param chatTemplate a chat_template.jinja file's text (the default chat template, over the config's), or null
     */
    static int load(String json, String configJson, String chatTemplate) {
        TokenizerConfig config = TokenizerConfig.fromJson(configJson);
        if (chatTemplate != null) config = config.withChatTemplate(chatTemplate);
        tokenizers.add(new Loaded(Tokenizer.fromJson(json), config));
        return tokenizers.size() - 1;
    }

    static Tokenizer get(int handle) {
        return loaded(handle).tokenizer();
    }

    private static Loaded loaded(int handle) {
        Loaded t = handle >= 0 && handle < tokenizers.size() ? tokenizers.get(handle) : null;
        if (t == null) throw new IllegalArgumentException("no loaded tokenizer with handle " + handle);
        return t;
    }

    static void dispose(int handle) {
        loaded(handle);
        tokenizers.set(handle, null);
    }

    /** The ids of {@code text}; with {@code addSpecialTokens}, the tokenizer's post-processor adds its tokens. */
    static int[] encode(int handle, String text, boolean addSpecialTokens) {
        return get(handle).encode(text, addSpecialTokens).ids();
    }

    static String decode(int handle, int[] ids, boolean skipSpecialTokens) {
        return get(handle).decode(ids, skipSpecialTokens);
    }

    static boolean hasChatTemplate(int handle) {
        return loaded(handle).config().hasChatTemplate();
    }

    /**
     * The prompt text of a conversation, by the model's chat template ({@code TokenizerConfig#applyChatTemplate}).
     * Messages, tools and extra variables cross the boundary as JSON text (parsed by {@code dev.nnjit.json}).
     *
     * @param toolsJson an array of tool schemas, or null
     * @param extraJson an object of further template variables, or null
     */
    static String applyChatTemplate(int handle, String messagesJson, boolean addGenerationPrompt, String toolsJson,
            String extraJson) {
        boolean withTools = toolsJson != null && !toolsJson.trim().equals("[]");
        return loaded(handle).config().chatTemplate(null, withTools)
                .applyJson(messagesJson, addGenerationPrompt, toolsJson, extraJson);
    }
}
