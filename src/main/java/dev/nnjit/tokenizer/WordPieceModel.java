package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** WordPiece (BERT): greedy longest-prefix match, continuation pieces with a prefix ("##"). */
final class WordPieceModel extends Model {
    private final String prefix;
    private final int maxChars;

    private WordPieceModel(Map<String, Integer> vocab, String unk, String prefix, int maxChars, boolean fuseUnk) {
        super(vocab, unk, vocab.get(unk), fuseUnk);
        this.prefix = prefix;
        this.maxChars = maxChars;
    }

    static WordPieceModel read(JsonObject config) {
        Map<String, Integer> vocab = readVocab(config);
        return new WordPieceModel(vocab, config.string("unk_token", "[UNK]"),
                config.string("continuing_subword_prefix", "##"), config.integer("max_input_chars_per_word", 100),
                config.bool("fuse_unk", false));
    }

    @Override
    List<String> tokenize(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            int[] cps = Text.codePoints(word);
            if (cps.length > maxChars) { out.add(unkToken); continue; }
            int[] at = Text.utf16Offsets(word, cps.length);
            List<String> pieces = new ArrayList<>();
            boolean unknown = false;
            int start = 0;
            while (start < cps.length) {
                int end = cps.length;
                String found = null;
                while (start < end) {
                    String piece = word.substring(at[start], at[end]);
                    if (start > 0) piece = prefix + piece;
                    if (tokenToId.containsKey(piece)) { found = piece; break; }
                    end--;
                }
                if (found == null) { unknown = true; break; }
                pieces.add(found);
                start = end;
            }
            if (unknown) out.add(unkToken); else out.addAll(pieces);
        }
        return out;
    }
}
