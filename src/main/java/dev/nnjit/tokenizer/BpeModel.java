package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Byte-pair encoding (GPT-2, Llama, Qwen): a word's characters merged pair by pair, lowest merge rank first and
 * leftmost among equal ranks. Merges in the "a b" and ["a", "b"] forms; byte_fallback to "&lt;0xXX&gt;" tokens (for a
 * whole piece, as the JS port does); ignore_merges (a word in the vocabulary is one token); end_of_word_suffix on
 * the last character; continuing_subword_prefix on non-first characters (Rust's meaning; the JS port ignores it);
 * dropout is ignored (encoding is deterministic).
 */
final class BpeModel extends Model {
    private final Map<String, Integer> ranks;
    private final boolean byteFallback;
    private final boolean ignoreMerges;
    private final String endOfWordSuffix;
    private final String continuingPrefix;
    private final Map<String, List<String>> cache = new HashMap<>();

    private BpeModel(Map<String, Integer> vocab, String unk, Map<String, Integer> ranks, boolean byteFallback,
                     boolean ignoreMerges, String suffix, String prefix, boolean fuseUnk) {
        super(vocab, unk, unk == null ? null : vocab.get(unk), fuseUnk);
        this.ranks = ranks;
        this.byteFallback = byteFallback;
        this.ignoreMerges = ignoreMerges;
        this.endOfWordSuffix = suffix;
        this.continuingPrefix = prefix;
    }

    static BpeModel read(JsonObject config) {
        Map<String, Integer> vocab = readVocab(config);
        List<Object> merges = config.array("merges");
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            Object m = merges.get(i);
            String a, b;
            if (m instanceof String) {
                String[] parts = ((String) m).split(" ", -1);
                if (parts.length < 2) {
                    throw new TokenizerException(config.path() + ".merges[" + i + "]: expected \"a b\", found \"" + m + "\"");
                }
                a = parts[0];
                b = parts[1];
            } else if (m instanceof List && ((List<?>) m).size() == 2 && ((List<?>) m).get(0) instanceof String
                    && ((List<?>) m).get(1) instanceof String) {
                a = (String) ((List<?>) m).get(0);
                b = (String) ((List<?>) m).get(1);
            } else {
                throw new TokenizerException(config.path() + ".merges[" + i + "]: expected \"a b\" or [\"a\", \"b\"], found "
                        + JsonObject.kind(m));
            }
            ranks.put(pairKey(a, b), i); // a repeated merge keeps its last rank, as in the JS port
        }
        return new BpeModel(vocab, config.string("unk_token", null), ranks, config.bool("byte_fallback", false),
                config.bool("ignore_merges", false), config.string("end_of_word_suffix", ""),
                config.string("continuing_subword_prefix", ""), config.bool("fuse_unk", false));
    }

    private static String pairKey(String a, String b) { return a.length() + ":" + a + b; }

    @Override String endOfWordSuffix() { return endOfWordSuffix.isEmpty() ? null : endOfWordSuffix; }

    @Override
    List<String> tokenize(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            if (ignoreMerges && tokenToId.containsKey(word)) { out.add(word); continue; }
            for (String t : bpe(word)) {
                if (tokenToId.containsKey(t)) {
                    out.add(t);
                } else if (byteFallback) {
                    byte[] bytes = Text.utf8(t);
                    List<String> byteTokens = new ArrayList<>();
                    boolean all = true;
                    for (byte b : bytes) {
                        String bt = "<0x" + hex2(b & 0xFF) + ">";
                        all &= tokenToId.containsKey(bt);
                        byteTokens.add(bt);
                    }
                    if (all) out.addAll(byteTokens);
                    else if (unkToken != null) out.add(unkToken);
                } else if (unkToken != null) {
                    out.add(unkToken);
                }
            }
        }
        return out;
    }

    private static String hex2(int b) {
        String digits = "0123456789ABCDEF";
        return "" + digits.charAt(b >> 4) + digits.charAt(b & 15);
    }

    private static final class Symbol {
        String token;
        final int index;
        Symbol prev, next;
        boolean deleted;
        int rank;
        Symbol(String token, int index) { this.token = token; this.index = index; }
    }

    List<String> bpe(String word) {
        if (word.isEmpty()) return List.of();
        List<String> cached = cache.get(word);
        if (cached != null) return cached;
        int[] cps = Text.codePoints(word);
        List<String> chars = new ArrayList<>(cps.length);
        for (int i = 0; i < cps.length; i++) {
            String c = new String(cps, i, 1);
            if (i > 0 && !continuingPrefix.isEmpty()) c = continuingPrefix + c;
            chars.add(c);
        }
        if (!endOfWordSuffix.isEmpty()) chars.set(chars.size() - 1, chars.get(chars.size() - 1) + endOfWordSuffix);
        List<String> result = new ArrayList<>();
        if (chars.size() > 1) {
            // Queue entries are symbols standing for the pair (symbol, symbol.next); a merged or re-linked symbol is
            // replaced by a fresh object, so stale entries are recognised by their deleted flag.
            PriorityQueue<Symbol> queue = new PriorityQueue<>((x, y) ->
                    x.rank != y.rank ? Integer.compare(x.rank, y.rank) : Integer.compare(x.index, y.index));
            Symbol first = new Symbol(chars.get(0), 0);
            Symbol prev = first;
            for (int i = 1; i < chars.size(); i++) {
                Symbol s = new Symbol(chars.get(i), i);
                s.prev = prev;
                prev.next = s;
                offer(queue, prev);
                prev = s;
            }
            while (!queue.isEmpty()) {
                Symbol s = queue.poll();
                if (s.deleted || s.next == null || s.next.deleted) continue;
                s.deleted = true;
                s.next.deleted = true;
                Symbol left = s.prev;
                if (left != null) {
                    Symbol copy = new Symbol(left.token, left.index);
                    copy.prev = left.prev;
                    left.deleted = true;
                    left = copy;
                    if (copy.prev != null) copy.prev.next = copy; else first = copy;
                }
                Symbol merged = new Symbol(s.token + s.next.token, s.index);
                merged.prev = left;
                merged.next = s.next.next;
                if (left != null) { left.next = merged; offer(queue, left); } else first = merged;
                if (merged.next != null) { merged.next.prev = merged; offer(queue, merged); }
            }
            for (Symbol s = first; s != null; s = s.next) result.add(s.token);
        } else {
            result = chars;
        }
        if (word.length() < 256) {
            if (cache.size() > 10000) cache.clear();
            cache.put(word, result);
        }
        return result;
    }

    private void offer(PriorityQueue<Symbol> queue, Symbol s) {
        Integer rank = ranks.get(pairKey(s.token, s.next.token));
        if (rank != null) {
            s.rank = rank;
            queue.add(s);
        }
    }
}
