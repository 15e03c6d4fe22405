package dev.nnjit.tokenizer;

import dev.nnjit.tokenizer.unicode.Unicode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits text around added tokens ("added_tokens"): scanning left to right, the longest added token starting at
 * each position (by UTF-16 units, as the JS port) is cut out; lstrip/rstrip trim the whitespace next to it.
 * single_word is read but, as in the JS port, not enforced.
 */
final class AddedTokens {
    record Token(int id, String content, boolean special, boolean lstrip, boolean rstrip, boolean normalized) {}

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        String end;
    }

    private final Node root = new Node();

    AddedTokens(List<String> contents) {
        for (String c : contents) {
            Node n = root;
            for (int i = 0; i < c.length(); i++) n = n.next.computeIfAbsent(c.charAt(i), k -> new Node());
            n.end = c;
        }
    }

    List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length(), start = 0, i = 0;
        while (i < n) {
            Node node = root;
            String match = null;
            for (int j = i; j < n; j++) {
                node = node.next.get(text.charAt(j));
                if (node == null) break;
                if (node.end != null) match = node.end;
            }
            if (match != null) {
                if (i > start) out.add(text.substring(start, i));
                out.add(match);
                i += match.length();
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) out.add(text.substring(start));
        return out;
    }

    /** Applies lstrip/rstrip of the added tokens among the sections to their neighbours, in place. */
    static void strip(List<String> sections, Map<String, Token> byContent) {
        for (int i = 0; i < sections.size(); i++) {
            Token t = byContent.get(sections.get(i));
            if (t == null) continue;
            if (t.lstrip() && i > 0) sections.set(i - 1, Unicode.jsTrimEnd(sections.get(i - 1)));
            if (t.rstrip() && i < sections.size() - 1) sections.set(i + 1, Unicode.jsTrimStart(sections.get(i + 1)));
        }
    }
}
