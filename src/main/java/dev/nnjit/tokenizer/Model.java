package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import java.util.List;
import java.util.Map;

/** A tokenization model ("model" in tokenizer.json): words to token strings, and its vocabulary. */
abstract class Model {
    /** Token string to id; added tokens are put here too (as the JS port does). */
    final Map<String, Integer> tokenToId;
    /** The unknown token and its id, or null. */
    final String unkToken;
    final Integer unkId;
    final boolean fuseUnk;

    Model(Map<String, Integer> tokenToId, String unkToken, Integer unkId, boolean fuseUnk) {
        this.tokenToId = tokenToId;
        this.unkToken = unkToken;
        this.unkId = unkId;
        this.fuseUnk = fuseUnk;
    }

    /** The token strings of the words, before unknown tokens are fused. */
    abstract List<String> tokenize(List<String> words);

    /** Suffix the decoder strips from words, or null (BPE's end_of_word_suffix). */
    String endOfWordSuffix() { return null; }

    static Model read(JsonObject config) {
        String type = config.has("type") ? config.string("type") : guessType(config);
        switch (type) {
            case "WordPiece": return WordPieceModel.read(config);
            case "BPE": return BpeModel.read(config);
            case "Unigram": return UnigramModel.read(config);
            default: throw new TokenizerException(config.path() + ".type: unknown model type \"" + type + "\"");
        }
    }

    private static String guessType(JsonObject config) {
        Object vocab = config.get("vocab");
        if (vocab instanceof List) return "Unigram";
        if (vocab instanceof Map && config.has("merges")) return "BPE";
        if (vocab instanceof Map) return "WordPiece";
        throw new TokenizerException(config.path() + ": missing field 'type'");
    }

    /** A {token: id} vocabulary object. */
    static Map<String, Integer> readVocab(JsonObject config) {
        JsonObject vocab = config.object("vocab");
        Map<String, Integer> out = new java.util.HashMap<>();
        for (Map.Entry<String, Object> e : vocab.fields().entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())
                    || ((Number) v).doubleValue() < 0 || ((Number) v).doubleValue() > Integer.MAX_VALUE) {
                throw new TokenizerException(vocab.path() + "." + e.getKey() + ": expected a token id, found "
                        + JsonObject.kind(v));
            }
            out.put(e.getKey(), ((Number) v).intValue());
        }
        return out;
    }

    /** As the JS port's fuse_unk: a run of unknown tokens becomes one. */
    List<String> fuseUnknown(List<String> tokens) {
        List<String> fused = new java.util.ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            fused.add(tokens.get(i));
            if (!java.util.Objects.equals(idOrUnk(tokens.get(i)), unkId)) { i++; continue; }
            while (++i < tokens.size() && java.util.Objects.equals(idOrUnk(tokens.get(i)), unkId)) {
                String last = fused.get(fused.size() - 1);
                if (!java.util.Objects.equals(tokenToId.get(last), unkId)) {
                    fused.set(fused.size() - 1, last + tokens.get(i));
                }
            }
        }
        return fused;
    }

    private Integer idOrUnk(String token) {
        Integer id = tokenToId.get(token);
        return id != null ? id : unkId;
    }
}
