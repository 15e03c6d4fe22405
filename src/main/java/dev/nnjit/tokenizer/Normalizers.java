package dev.nnjit.tokenizer;

import dev.nnjit.json.JsonObject;
import dev.nnjit.tokenizer.regex.Regex;
import dev.nnjit.tokenizer.unicode.Normalization;
import dev.nnjit.tokenizer.unicode.Unicode;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizers of tokenizer.json ("normalizer"), with the semantics of Hugging Face's JS port: BertNormalizer,
 * Lowercase, NFC/NFD/NFKC/NFKD, StripAccents, Strip, Replace, Prepend, Precompiled, Sequence.
 *
 * <p>Precompiled (SentencePiece's charsmap, T5/mT5/XLM-R): like the JS port, the charsmap itself is not decoded;
 * control characters are dropped, the SentencePiece whitespace set becomes " ", then NFKC (except around U+FF5E).
 * That is the charsmap of the common "nmt_nfkc" rule set, not of custom ones.
 */
final class Normalizers {
    private Normalizers() {}

    interface Normalizer { String normalize(String text); }

    private static final Regex PRECOMPILED_DROP =
            Regex.compile("[\\u0001-\\u0008\\u000B\\u000E-\\u001F\\u007F\\u008F\\u009F]", Regex.Syntax.JAVASCRIPT);
    private static final Regex PRECOMPILED_SPACE = Regex.compile(
            "[\\u0009\\u000A\\u000C\\u000D\\u00A0\\u1680\\u2000-\\u200F\\u2028\\u2029\\u202F\\u205F\\u2581\\u3000"
                    + "\\uFEFF\\uFFFD]", Regex.Syntax.JAVASCRIPT);
    private static final Regex MARKS = Regex.compile("\\p{M}", Regex.Syntax.JAVASCRIPT);

    /** The normalizer at {@code path}, or null for a JSON null. */
    static Normalizer read(JsonObject config) {
        if (config == null) return null;
        String type = config.string("type");
        switch (type) {
            case "BertNormalizer": {
                boolean clean = config.bool("clean_text", true);
                boolean chinese = config.bool("handle_chinese_chars", true);
                boolean lower = config.bool("lowercase", true);
                Object strip = config.get("strip_accents");
                if (strip != null && !(strip instanceof Boolean)) {
                    throw new TokenizerException(config.path() + ".strip_accents: expected true, false or null");
                }
                // As the JS port: strip accents when lowercasing unless strip_accents is false, else only when true.
                boolean stripAccents = lower ? !Boolean.FALSE.equals(strip) : Boolean.TRUE.equals(strip);
                return text -> bert(text, clean, chinese, lower, stripAccents);
            }
            case "Lowercase": return Unicode::toLowerCase;
            case "NFC": return text -> Normalization.normalize(text, Normalization.Form.NFC);
            case "NFD": return text -> Normalization.normalize(text, Normalization.Form.NFD);
            case "NFKC": return text -> Normalization.normalize(text, Normalization.Form.NFKC);
            case "NFKD": return text -> Normalization.normalize(text, Normalization.Form.NFKD);
            case "StripAccents": return text -> Text.replaceAll(MARKS, text, "");
            case "Strip": {
                boolean left = config.bool("strip_left", false);
                boolean right = config.bool("strip_right", false);
                return text -> {
                    if (left) text = Unicode.jsTrimStart(text);
                    if (right) text = Unicode.jsTrimEnd(text);
                    return text;
                };
            }
            case "Replace": {
                Regex pattern = Patterns.read(config.object("pattern"));
                String content = config.string("content", "");
                return text -> Text.replaceAll(pattern, text, content);
            }
            case "Prepend": {
                String prepend = config.string("prepend");
                return text -> prepend + text;
            }
            case "Precompiled":
                return Normalizers::precompiled;
            case "Sequence": {
                List<Object> items = config.array("normalizers");
                List<Normalizer> list = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Normalizer n = items.get(i) == null ? null
                            : read(JsonObject.element(items, i, config.path() + ".normalizers"));
                    if (n != null) list.add(n);
                }
                return text -> {
                    for (Normalizer n : list) text = n.normalize(text);
                    return text;
                };
            }
            default:
                throw new TokenizerException(config.path() + ".type: unknown normalizer type \"" + type + "\"");
        }
    }

    static String bert(String text, boolean clean, boolean chinese, boolean lower, boolean stripAccents) {
        if (clean) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int n = Character.charCount(cp);
                char unit = text.charAt(i);
                i += n;
                if (unit == 0 || unit == 0xFFFD || isControl(cp)) continue;
                if (n == 1 && Unicode.isJsWhitespace(cp)) out.append(' ');
                else out.appendCodePoint(cp);
            }
            text = out.toString();
        }
        if (chinese) {
            // Per UTF-16 unit, as the JS port: ideographs outside the BMP are not spaced.
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isChinese(c)) out.append(' ').append(c).append(' ');
                else out.append(c);
            }
            text = out.toString();
        }
        if (lower) text = Unicode.toLowerCase(text);
        if (stripAccents) {
            text = Normalization.normalize(text, Normalization.Form.NFD);
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (Unicode.category(cp) != Unicode.MN) out.appendCodePoint(cp);
            }
            text = out.toString();
        }
        return text;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        int c = Unicode.category(cp);
        return c == Unicode.CC || c == Unicode.CF || c == Unicode.CO || c == Unicode.CS;
    }

    private static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2CEAF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    static String precompiled(String text) {
        text = Text.replaceAll(PRECOMPILED_DROP, text, "");
        text = Text.replaceAll(PRECOMPILED_SPACE, text, " ");
        if (text.indexOf('\uFF5E') >= 0) {
            StringBuilder out = new StringBuilder();
            int start = 0;
            while (true) {
                int at = text.indexOf('\uFF5E', start);
                String part = text.substring(start, at < 0 ? text.length() : at);
                out.append(Normalization.normalize(part, Normalization.Form.NFKC));
                if (at < 0) break;
                out.append('\uFF5E');
                start = at + 1;
            }
            return out.toString();
        }
        return Normalization.normalize(text, Normalization.Form.NFKC);
    }
}
