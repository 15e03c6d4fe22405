package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unigram (T5, mT5, XLM-R, ALBERT): the segmentation of each word into vocabulary pieces with the highest total
 * score (Viterbi over a lattice of the pieces found by a trie); a character no piece covers is the unknown token,
 * scored 10 below the lowest piece, and runs of unknowns are fused. byte_fallback is read but, as in the JS port,
 * unknown characters stay unknown.
 */
final class UnigramModel extends Model {
    private final String[] pieces;
    private final double[] scores;
    private final Trie trie = new Trie();
    private final double unkScore;

    private UnigramModel(Map<String, Integer> vocab, String[] pieces, double[] scores, int unkId) {
        super(vocab, pieces[unkId], unkId, true);
        this.pieces = pieces;
        this.scores = scores;
        double min = Double.POSITIVE_INFINITY;
        for (double s : scores) min = Math.min(min, s);
        this.unkScore = min - 10;
        scores[unkId] = unkScore;
        for (String p : pieces) trie.add(p);
    }

    static UnigramModel read(JsonObject config) {
        List<Object> vocab = config.array("vocab");
        if (vocab.isEmpty()) throw new TokenizerException(config.path() + ".vocab: is empty");
        String[] pieces = new String[vocab.size()];
        double[] scores = new double[vocab.size()];
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            Object e = vocab.get(i);
            if (!(e instanceof List) || ((List<?>) e).size() != 2 || !(((List<?>) e).get(0) instanceof String)
                    || !(((List<?>) e).get(1) instanceof Number)) {
                throw new TokenizerException(config.path() + ".vocab[" + i + "]: expected [piece, score], found "
                        + JsonObject.kind(e));
            }
            pieces[i] = (String) ((List<?>) e).get(0);
            scores[i] = ((Number) ((List<?>) e).get(1)).doubleValue();
            ids.put(pieces[i], i);
        }
        int unk = config.integer("unk_id", 0);
        if (unk < 0 || unk >= pieces.length) {
            throw new TokenizerException(config.path() + ".unk_id: " + unk + " is outside the vocabulary");
        }
        return new UnigramModel(ids, pieces, scores, unk);
    }

    @Override
    List<String> tokenize(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) viterbi(w, out);
        return out;
    }

    private static final class Node {
        final int tokenId, pos, length;
        final double score;
        Node prev;
        double backtraceScore;
        Node(int tokenId, int pos, int length, double score) {
            this.tokenId = tokenId; this.pos = pos; this.length = length; this.score = score;
        }
    }

    private void viterbi(String word, List<String> out) {
        int[] cps = Text.codePoints(word);
        int n = cps.length;
        int[] at = Text.utf16Offsets(word, n);
        List<List<Node>> begins = new ArrayList<>(n + 1);
        List<List<Node>> ends = new ArrayList<>(n + 1);
        for (int i = 0; i <= n; i++) { begins.add(new ArrayList<>()); ends.add(new ArrayList<>()); }
        Node bos = new Node(-1, 0, 0, 0);
        Node eos = new Node(-1, n, 0, 0);
        begins.get(n).add(eos);
        ends.get(0).add(bos);
        for (int pos = 0; pos < n; pos++) {
            boolean single = false;
            Trie.NodeT t = trie.root;
            for (int j = pos; j < n; j++) {
                t = t.children.get(cps[j]);
                if (t == null) break;
                if (t.leaf) {
                    String piece = word.substring(at[pos], at[j + 1]);
                    int id = tokenToId.get(piece);
                    Node node = new Node(id, pos, j + 1 - pos, scores[id]);
                    begins.get(pos).add(node);
                    ends.get(j + 1).add(node);
                    if (j == pos) single = true;
                }
            }
            if (!single) {
                Node node = new Node(unkId, pos, 1, unkScore);
                begins.get(pos).add(node);
                ends.get(pos + 1).add(node);
            }
        }
        for (int pos = 0; pos <= n; pos++) {
            for (Node r : begins.get(pos)) {
                Node best = null;
                double bestScore = 0;
                for (Node l : ends.get(pos)) {
                    double s = l.backtraceScore + r.score;
                    if (best == null || s > bestScore) { best = l; bestScore = s; }
                }
                r.prev = best;
                r.backtraceScore = bestScore;
            }
        }
        List<String> path = new ArrayList<>();
        for (Node node = eos.prev; node != null && node.prev != null; node = node.prev) {
            path.add(word.substring(at[node.pos], at[node.pos + node.length]));
        }
        for (int i = path.size() - 1; i >= 0; i--) out.add(path.get(i));
    }

    /** Pieces by code point, to find every vocabulary piece starting at a position. */
    private static final class Trie {
        static final class NodeT {
            final Map<Integer, NodeT> children = new HashMap<>();
            boolean leaf;
        }
        final NodeT root = new NodeT();
        void add(String piece) {
            NodeT t = root;
            for (int i = 0; i < piece.length(); ) {
                int cp = piece.codePointAt(i);
                i += Character.charCount(cp);
                t = t.children.computeIfAbsent(cp, k -> new NodeT());
            }
            t.leaf = true;
        }
    }
}
