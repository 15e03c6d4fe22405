package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import dev.nnjit.tokenizer.regex.Regex;
import dev.nnjit.tokenizer.unicode.Unicode;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-tokenizers of tokenizer.json ("pre_tokenizer"): text to words, with the semantics of Hugging Face's JS port
 * (the reference the tests check): BertPreTokenizer, Whitespace, WhitespaceSplit, ByteLevel, Split, Metaspace,
 * Digits, Punctuation, Replace, Sequence. Where the port differs from the Rust library it is followed, and said:
 * Metaspace does not split on its replacement, Punctuation ignores its behavior, and Split knows "removed" and
 * otherwise isolates matches; here the merged_with_previous/next and contiguous behaviors follow Rust's meaning.
 */
final class PreTokenizers {
    private PreTokenizers() {}

    interface PreTokenizer { List<String> split(String text, int sectionIndex); }

    private static final String PUNCTUATION = "\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E";
    static final Regex GPT2 = js("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    private static final Regex WHITESPACE = js("\\w+|[^\\w\\s]+");
    private static final Regex NON_SPACE = js("\\S+");
    private static final Regex BERT = js("[^\\s" + PUNCTUATION + "]+|[" + PUNCTUATION + "]");
    private static final Regex PUNCT_RUNS = js("[^" + PUNCTUATION + "]+|[" + PUNCTUATION + "]+");
    private static final Regex DIGIT_RUNS = js("[^\\d]+|\\d+");
    private static final Regex DIGITS_ONE = js("[^\\d]+|\\d");

    private static Regex js(String pattern) { return Regex.compile(pattern, Regex.Syntax.JAVASCRIPT); }

    static PreTokenizer read(JsonObject config) {
        if (config == null) return null;
        String type = config.string("type");
        switch (type) {
            case "BertPreTokenizer": return (text, s) -> Text.matchAll(BERT, Unicode.jsTrim(text));
            case "Whitespace": return (text, s) -> Text.matchAll(WHITESPACE, text);
            case "WhitespaceSplit": return (text, s) -> Text.matchAll(NON_SPACE, text);
            case "Punctuation": return (text, s) -> Text.matchAll(PUNCT_RUNS, text);
            case "Digits": {
                Regex r = config.bool("individual_digits", false) ? DIGITS_ONE : DIGIT_RUNS;
                return (text, s) -> Text.matchAll(r, text);
            }
            case "ByteLevel": {
                boolean prefix = config.bool("add_prefix_space", false);
                boolean useRegex = config.bool("use_regex", true);
                return (text, s) -> {
                    if (prefix && !text.startsWith(" ")) text = " " + text;
                    List<String> words = useRegex ? Text.matchAll(GPT2, text) : List.of(text);
                    List<String> out = new ArrayList<>(words.size());
                    for (String w : words) out.add(ByteLevel.encode(w));
                    return out;
                };
            }
            case "Metaspace": {
                String replacement = config.string("replacement", "\u2581");
                String scheme = config.string("prepend_scheme", null);
                if (scheme == null) scheme = config.bool("add_prefix_space", true) ? "always" : "never";
                String prepend = scheme;
                if (!prepend.equals("always") && !prepend.equals("first") && !prepend.equals("never")) {
                    throw new TokenizerException(config.path() + ".prepend_scheme: expected always, first or never, found \""
                            + prepend + "\"");
                }
                return (text, section) -> {
                    String normalized = text.replace(" ", replacement);
                    if (!normalized.startsWith(replacement)
                            && (prepend.equals("always") || (prepend.equals("first") && section == 0))) {
                        normalized = replacement + normalized;
                    }
                    return List.of(normalized);
                };
            }
            case "Split": {
                Regex pattern = Patterns.read(config.object("pattern"));
                String behavior = config.string("behavior", "Isolated").toLowerCase();
                boolean invert = config.bool("invert", false);
                switch (behavior) {
                    case "isolated": case "removed": case "mergedwithprevious": case "mergedwithnext": case "contiguous":
                        break;
                    default:
                        throw new TokenizerException(config.path() + ".behavior: unknown split behavior \""
                                + config.string("behavior") + "\"");
                }
                return (text, s) -> split(pattern, behavior, invert, text);
            }
            case "Replace": {
                Regex pattern = Patterns.read(config.object("pattern"));
                String content = config.string("content", "");
                return (text, s) -> List.of(Text.replaceAll(pattern, text, content));
            }
            case "Sequence": {
                List<Object> items = config.array("pretokenizers");
                List<PreTokenizer> list = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    PreTokenizer p = items.get(i) == null ? null
                            : read(JsonObject.element(items, i, config.path() + ".pretokenizers"));
                    if (p != null) list.add(p);
                }
                return (text, section) -> {
                    List<String> words = List.of(text);
                    for (PreTokenizer p : list) {
                        List<String> next = new ArrayList<>();
                        for (String w : words) next.addAll(p.split(w, section));
                        words = next;
                    }
                    return words;
                };
            }
            default:
                throw new TokenizerException(config.path() + ".type: unknown pre-tokenizer type \"" + type + "\"");
        }
    }

    static List<String> split(Regex pattern, String behavior, boolean invert, String text) {
        List<int[]> matches = Text.matches(pattern, text);
        List<String> out = new ArrayList<>();
        if (invert) {
            for (int[] m : matches) if (m[1] > m[0]) out.add(text.substring(m[0], m[1]));
            return out;
        }
        // Pieces: alternate non-matching gaps and matches, empty ones dropped.
        List<String> pieces = new ArrayList<>();
        List<Boolean> isMatch = new ArrayList<>();
        int last = 0;
        for (int[] m : matches) {
            if (m[0] > last) { pieces.add(text.substring(last, m[0])); isMatch.add(false); }
            if (m[1] > m[0]) { pieces.add(text.substring(m[0], m[1])); isMatch.add(true); }
            last = Math.max(last, m[1]);
        }
        if (last < text.length()) { pieces.add(text.substring(last)); isMatch.add(false); }
        switch (behavior) {
            case "removed":
                for (int i = 0; i < pieces.size(); i++) if (!isMatch.get(i)) out.add(pieces.get(i));
                return out;
            case "mergedwithprevious":
                for (int i = 0; i < pieces.size(); i++) {
                    if (isMatch.get(i) && !out.isEmpty() && !isMatch.get(i - 1)) {
                        out.set(out.size() - 1, out.get(out.size() - 1) + pieces.get(i));
                    } else out.add(pieces.get(i));
                }
                return out;
            case "mergedwithnext": {
                String carry = "";
                for (int i = 0; i < pieces.size(); i++) {
                    if (isMatch.get(i)) { carry += pieces.get(i); continue; }
                    out.add(carry + pieces.get(i));
                    carry = "";
                }
                if (!carry.isEmpty()) out.add(carry);
                return out;
            }
            case "contiguous":
                for (int i = 0; i < pieces.size(); i++) {
                    if (isMatch.get(i) && i > 0 && isMatch.get(i - 1)) {
                        out.set(out.size() - 1, out.get(out.size() - 1) + pieces.get(i));
                    } else out.add(pieces.get(i));
                }
                return out;
            default:
                return pieces;
        }
    }
}
