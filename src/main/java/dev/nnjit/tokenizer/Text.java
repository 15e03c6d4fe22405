package dev.nnjit.tokenizer;

import dev.nnjit.tokenizer.regex.Regex;
import java.util.ArrayList;
import java.util.List;

/** String helpers with JavaScript's semantics where the reference port relies on them (UTF-8 with U+FFFD). */
final class Text {
    private Text() {}

    static int[] codePoints(String s) { return s.codePoints().toArray(); }

    /** UTF-16 index of each code-point index (length cps + 1). */
    static int[] utf16Offsets(String s, int count) {
        int[] at = new int[count + 1];
        int u = 0;
        for (int i = 0; i < count; i++) {
            at[i] = u;
            u += Character.charCount(s.codePointAt(u));
        }
        at[count] = u;
        return at;
    }

    /** The matches of a regex in s, as {start, end} UTF-16 index pairs. */
    static List<int[]> matches(Regex regex, String s) {
        int[] cps = codePoints(s);
        int[] at = utf16Offsets(s, cps.length);
        List<int[]> out = new ArrayList<>();
        for (int[] m : regex.findAll(cps)) out.add(new int[] {at[m[0]], at[m[1]]});
        return out;
    }

    /** JavaScript's {@code s.match(/.../g) || []}: every match, empty ones included. */
    static List<String> matchAll(Regex regex, String s) {
        List<String> out = new ArrayList<>();
        for (int[] m : matches(regex, s)) out.add(s.substring(m[0], m[1]));
        return out;
    }

    /** UTF-8 as TextEncoder writes it: a lone surrogate becomes U+FFFD. */
    static byte[] utf8(String s) {
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
            if (cp < 0x80) out[n++] = (byte) cp;
            else if (cp < 0x800) { out[n++] = (byte) (0xC0 | cp >> 6); out[n++] = (byte) (0x80 | cp & 0x3F); }
            else if (cp < 0x10000) {
                out[n++] = (byte) (0xE0 | cp >> 12); out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else {
                out[n++] = (byte) (0xF0 | cp >> 18); out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F); out[n++] = (byte) (0x80 | cp & 0x3F);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** UTF-8 decoding as TextDecoder (not fatal) does it: each maximal invalid subpart becomes U+FFFD. */
    static String fromUtf8(byte[] b, int len) {
        StringBuilder out = new StringBuilder(len);
        int i = 0;
        while (i < len) {
            int c = b[i] & 0xFF;
            if (c < 0x80) { out.append((char) c); i++; continue; }
            int need, cp, lower = 0x80, upper = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
            else if (c >= 0xE0 && c <= 0xEF) {
                need = 2; cp = c & 0x0F;
                if (c == 0xE0) lower = 0xA0;
                if (c == 0xED) upper = 0x9F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3; cp = c & 0x07;
                if (c == 0xF0) lower = 0x90;
                if (c == 0xF4) upper = 0x8F;
            } else { out.append('\uFFFD'); i++; continue; }
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                int d = j < len ? b[j] & 0xFF : -1;
                if (d < lower || d > upper) { ok = false; break; }
                lower = 0x80; upper = 0xBF;
                cp = cp << 6 | (d & 0x3F);
            }
            if (!ok) { out.append('\uFFFD'); i = j; continue; }
            out.appendCodePoint(cp);
            i = j;
        }
        return out.toString();
    }

    /** JavaScript's {@code s.replaceAll(regex, content)} (content taken literally). */
    static String replaceAll(Regex regex, String s, String content) {
        StringBuilder out = new StringBuilder();
        int last = 0;
        for (int[] m : matches(regex, s)) {
            out.append(s, last, m[0]).append(content);
            last = m[1];
        }
        return out.append(s, last, s.length()).toString();
    }
}
