package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import dev.nnjit.tokenizer.regex.Regex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decoders ("decoder"): token strings back to text, as a chain over the token list (JS port semantics): ByteLevel,
 * WordPiece, Metaspace, BPEDecoder, ByteFallback, Fuse, Strip, Replace, CTC, Sequence.
 */
final class Decoders {
    private Decoders() {}

    interface Decoder { List<String> decodeChain(List<String> tokens); }

    static Decoder read(JsonObject config, Set<String> addedTokens) {
        if (config == null) return null;
        String type = config.string("type");
        switch (type) {
            case "ByteLevel":
                return tokens -> {
                    List<String> out = new ArrayList<>();
                    StringBuilder run = new StringBuilder();
                    for (String t : tokens) {
                        if (addedTokens.contains(t)) {
                            if (run.length() > 0) { out.add(ByteLevel.decode(run.toString())); run.setLength(0); }
                            out.add(t);
                        } else run.append(t);
                    }
                    if (run.length() > 0) out.add(ByteLevel.decode(run.toString()));
                    return out;
                };
            case "WordPiece": {
                String prefix = config.string("prefix", "##");
                boolean cleanup = config.bool("cleanup", true);
                return tokens -> {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < tokens.size(); i++) {
                        String t = tokens.get(i);
                        if (i != 0) t = !prefix.isEmpty() && t.startsWith(prefix) ? t.substring(prefix.length()) : " " + t;
                        out.add(cleanup ? cleanUp(t) : t);
                    }
                    return out;
                };
            }
            case "Metaspace": {
                String replacement = config.string("replacement", "\u2581");
                return tokens -> {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < tokens.size(); i++) {
                        String t = tokens.get(i).replace(replacement, " ");
                        if (i == 0 && t.startsWith(" ")) t = t.substring(1);
                        out.add(t);
                    }
                    return out;
                };
            }
            case "BPEDecoder": {
                String suffix = config.string("suffix", "</w>");
                return tokens -> {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < tokens.size(); i++) {
                        out.add(suffix.isEmpty() ? tokens.get(i)
                                : tokens.get(i).replace(suffix, i == tokens.size() - 1 ? "" : " "));
                    }
                    return out;
                };
            }
            case "ByteFallback":
                return Decoders::byteFallback;
            case "Fuse":
                return tokens -> List.of(String.join("", tokens));
            case "Strip": {
                String content = config.string("content", " ");
                int start = config.integer("start", 0);
                int stop = config.integer("stop", 0);
                return tokens -> {
                    List<String> out = new ArrayList<>();
                    for (String t : tokens) {
                        int from = 0;
                        for (int i = 0; i < start && i < t.length() && t.substring(i, i + 1).equals(content); i++) from = i + 1;
                        int to = t.length();
                        for (int i = 0; i < stop; i++) {
                            int index = t.length() - i - 1;
                            if (index >= 0 && t.substring(index, index + 1).equals(content)) to = index; else break;
                        }
                        out.add(from <= to ? t.substring(from, to) : "");
                    }
                    return out;
                };
            }
            case "Replace": {
                Regex pattern = Patterns.read(config.object("pattern"));
                String content = config.string("content", "");
                return tokens -> {
                    List<String> out = new ArrayList<>();
                    for (String t : tokens) out.add(Text.replaceAll(pattern, t, content));
                    return out;
                };
            }
            case "CTC": {
                String pad = config.string("pad_token", "<pad>");
                String delimiter = config.string("word_delimiter_token", "|");
                boolean cleanup = config.bool("cleanup", true);
                return tokens -> {
                    StringBuilder text = new StringBuilder();
                    String prev = null;
                    for (String t : tokens) {
                        if (!t.equals(prev) && !t.equals(pad)) text.append(t);
                        prev = t;
                    }
                    String s = text.toString();
                    if (cleanup) s = cleanUp(s).replace(delimiter, " ").trim();
                    return List.of(s);
                };
            }
            case "Sequence": {
                List<Object> items = config.array("decoders");
                List<Decoder> list = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    list.add(read(JsonObject.element(items, i, config.path() + ".decoders"), addedTokens));
                }
                return tokens -> {
                    for (Decoder d : list) tokens = d.decodeChain(tokens);
                    return tokens;
                };
            }
            default:
                throw new TokenizerException(config.path() + ".type: unknown decoder type \"" + type + "\"");
        }
    }

    /** Runs of "&lt;0xXX&gt;" tokens become the text their bytes spell (invalid UTF-8 as U+FFFD). */
    static List<String> byteFallback(List<String> tokens) {
        List<String> out = new ArrayList<>();
        byte[] bytes = new byte[16];
        int n = 0;
        for (String t : tokens) {
            int b = -1;
            if (t.length() == 6 && t.startsWith("<0x") && t.endsWith(">")) {
                int hi = Character.digit(t.charAt(3), 16), lo = Character.digit(t.charAt(4), 16);
                if (hi >= 0 && lo >= 0) b = hi * 16 + lo;
            }
            if (b >= 0) {
                if (n == bytes.length) bytes = java.util.Arrays.copyOf(bytes, n * 2);
                bytes[n++] = (byte) b;
            } else {
                if (n > 0) { out.add(Text.fromUtf8(bytes, n)); n = 0; }
                out.add(t);
            }
        }
        if (n > 0) out.add(Text.fromUtf8(bytes, n));
        return out;
    }

    /** The cleanup of WordPiece and CTC decoders: no space before . ? ! , and English contractions. */
    static String cleanUp(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                .replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s").replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
