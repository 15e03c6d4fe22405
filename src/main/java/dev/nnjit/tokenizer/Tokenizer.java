package dev.nnjit.tokenizer;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonException;
import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tokenizer read from a Hugging Face tokenizer.json: added tokens, normalizer, pre-tokenizer, model, post-processor
 * and decoder, with the semantics of Hugging Face's JS port (npm @huggingface/tokenizers), which the tests check
 * token for token. {@link #encode} applies neither padding nor truncation (those sections are ignored).
 */
public final class Tokenizer {
    private final Normalizers.Normalizer normalizer;
    private final PreTokenizers.PreTokenizer preTokenizer;
    private final Model model;
    private final PostProcessors.PostProcessor postProcessor;
    private final Decoders.Decoder decoder;
    private final Map<String, AddedTokens.Token> addedByContent = new HashMap<>();
    private final Set<String> specialContents = new HashSet<>();
    private final AddedTokens unnormalizedSplitter;
    private final AddedTokens normalizedSplitter;
    private final String[] idToToken;

    private Tokenizer(JsonObject root) {
        normalizer = Normalizers.read(root.objectOrNull("normalizer"));
        preTokenizer = PreTokenizers.read(root.objectOrNull("pre_tokenizer"));
        model = Model.read(root.object("model"));
        postProcessor = PostProcessors.read(root.objectOrNull("post_processor"));
        List<String> unnormalized = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        Set<String> addedContents = new HashSet<>();
        int maxId = -1;
        for (int id : model.tokenToId.values()) maxId = Math.max(maxId, id);
        List<AddedTokens.Token> added = new ArrayList<>();
        if (root.has("added_tokens")) {
            List<Object> items = root.array("added_tokens");
            for (int i = 0; i < items.size(); i++) {
                JsonObject t = JsonObject.element(items, i, root.path() + ".added_tokens");
                boolean special = t.bool("special", false);
                AddedTokens.Token token = new AddedTokens.Token(t.integer("id"), t.string("content"), special,
                        t.bool("lstrip", false), t.bool("rstrip", false), t.bool("normalized", !special));
                if (token.id() < 0) throw new TokenizerException(t.path() + ".id: negative id " + token.id());
                added.add(token);
            }
        }
        for (AddedTokens.Token token : added) {
            model.tokenToId.put(token.content(), token.id());
            maxId = Math.max(maxId, token.id());
            addedContents.add(token.content());
            if (token.special()) specialContents.add(token.content());
            addedByContent.put(token.content(), token);
            if (token.normalized() && normalizer != null) {
                String n = normalizer.normalize(token.content());
                normalized.add(n);
                addedByContent.put(n, token);
            } else {
                unnormalized.add(token.content());
            }
        }
        unnormalizedSplitter = new AddedTokens(unnormalized);
        normalizedSplitter = new AddedTokens(normalized);
        idToToken = new String[maxId + 1];
        for (Map.Entry<String, Integer> e : model.tokenToId.entrySet()) {
            if (idToToken[e.getValue()] == null || addedContents.contains(e.getKey())) idToToken[e.getValue()] = e.getKey();
        }
        decoder = Decoders.read(root.objectOrNull("decoder"), addedContents);
    }

    /** Reads tokenizer.json text; a {@link TokenizerException} naming the JSON path when it is malformed. */
    public static Tokenizer fromJson(String json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (JsonException e) {
            throw new TokenizerException("tokenizer.json is not valid JSON: " + e.getMessage(), e);
        }
        try {
            return new Tokenizer(JsonObject.root(parsed, "tokenizer.json"));
        } catch (JsonException e) {
            throw new TokenizerException(e.getMessage(), e);
        } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
            throw new TokenizerException("tokenizer.json: unexpected structure (" + e + ")", e);
        }
    }

    public Encoding encode(String text) { return encode(text, null); }

    /**
     * Encodes one sequence; without special tokens ({@code addSpecialTokens} false) the post-processor's tokens (a
     * BOS, [CLS]/[SEP], ...) are not added, as Hugging Face's {@code add_special_tokens=False}: the text of a chat
     * template already holds them.
     */
    public Encoding encode(String text, boolean addSpecialTokens) {
        if (addSpecialTokens) return encode(text);
        PostProcessors.Processed p = PostProcessors.concatenate(PostProcessors.Processed.of(encodeText(text), 0), null);
        int n = p.tokens.size();
        int[] ids = new int[n], types = new int[n], mask = new int[n], special = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = idOf(p.tokens.get(i));
            mask[i] = 1;
        }
        return new Encoding(ids, p.tokens.toArray(new String[0]), types, mask, special);
    }

    /** Encodes a sequence, or a pair when {@code pair} is not null, with the post-processor's special tokens. */
    public Encoding encode(String text, String pair) { return encode(text, pair, 0); }

    /**
     * As {@link #encode(String, String)}, truncated to at most {@code maxLength} ids including the special tokens
     * the post-processor adds (0: no truncation). Tokens are cut from the right of the sequences before the special
     * tokens are added; a pair loses tokens from its longer side first (Hugging Face's "longest_first").
     */
    public Encoding encode(String text, String pair, int maxLength) {
        List<String> first = encodeText(text);
        List<String> second = pair == null ? null : encodeText(pair);
        if (maxLength > 0) {
            int specials = specialTokenCount(pair != null);
            if (maxLength < specials) {
                throw new TokenizerException("maximum length " + maxLength + " leaves no room for the " + specials
                        + " special tokens");
            }
            truncate(first, second, maxLength - specials);
        }
        PostProcessors.Processed a = PostProcessors.Processed.of(first, 0);
        PostProcessors.Processed b = second == null ? null : PostProcessors.Processed.of(second, 1);
        PostProcessors.Processed p = postProcessor == null ? PostProcessors.concatenate(a, b) : postProcessor.process(a, b);
        int n = p.tokens.size();
        int[] ids = new int[n], types = new int[n], mask = new int[n], special = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = idOf(p.tokens.get(i));
            types[i] = p.typeIds.get(i);
            mask[i] = 1;
            special[i] = p.special.get(i) ? 1 : 0;
        }
        return new Encoding(ids, p.tokens.toArray(new String[0]), types, mask, special);
    }

    /** How many special tokens the post-processor adds around one sequence, or around a pair. */
    public int specialTokenCount(boolean pair) {
        if (postProcessor == null) return 0;
        PostProcessors.Processed empty = new PostProcessors.Processed();
        return postProcessor.process(empty, pair ? new PostProcessors.Processed() : null).tokens.size();
    }

    /** Cuts tokens from the right until both lists together hold at most {@code budget} (longer side first). */
    private static void truncate(List<String> first, List<String> second, int budget) {
        while (first.size() + (second == null ? 0 : second.size()) > budget) {
            List<String> longer = second != null && second.size() > first.size() ? second : first;
            longer.remove(longer.size() - 1);
        }
    }

    private int idOf(String token) {
        AddedTokens.Token added = addedByContent.get(token);
        if (added != null) return added.id();
        Integer id = model.tokenToId.get(token);
        if (id != null) return id;
        if (model.unkId != null) return model.unkId;
        throw new TokenizerException("token \"" + token + "\" is not in the vocabulary and the model has no unk_token");
    }

    private List<String> encodeText(String text) {
        List<String> out = new ArrayList<>();
        List<String> sections = unnormalizedSplitter.split(text);
        AddedTokens.strip(sections, addedByContent);
        for (int s = 0; s < sections.size(); s++) {
            String section = sections.get(s);
            if (section.isEmpty()) continue;
            if (addedByContent.containsKey(section)) { out.add(section); continue; }
            if (normalizer != null) section = normalizer.normalize(section);
            if (section.isEmpty()) continue;
            List<String> subsections = normalizedSplitter.split(section);
            AddedTokens.strip(subsections, addedByContent);
            for (String sub : subsections) {
                if (sub.isEmpty()) continue;
                if (addedByContent.containsKey(sub)) { out.add(sub); continue; }
                List<String> words = preTokenizer == null ? List.of(sub) : preTokenizer.split(sub, s);
                List<String> tokens = model.tokenize(words);
                out.addAll(model.fuseUnk ? model.fuseUnknown(tokens) : tokens);
            }
        }
        return out;
    }

    /** The text of ids through the decoder (special tokens dropped when asked); no clean-up beyond the decoder's. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            String t = id >= 0 && id < idToToken.length ? idToToken[id] : null;
            if (t == null) t = model.unkToken;
            if (t == null) throw new TokenizerException("id " + id + " is not in the vocabulary");
            if (skipSpecialTokens && specialContents.contains(t)) continue;
            tokens.add(t);
        }
        String text = decoder != null ? String.join("", decoder.decodeChain(tokens)) : String.join(" ", tokens);
        String suffix = model.endOfWordSuffix();
        if (decoder != null && suffix != null) {
            text = text.replace(suffix, " ");
            if (skipSpecialTokens) text = dev.nnjit.tokenizer.unicode.Unicode.jsTrim(text);
        }
        return text;
    }

    /** The id of a token string (vocabulary or added token), or -1. */
    public int tokenToId(String token) {
        Integer id = model.tokenToId.get(token);
        return id == null ? -1 : id;
    }
}
