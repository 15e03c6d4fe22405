package dev.nnjit.tokenizer.unicode;

/**
 * Unicode character properties from nnjit's own tables ({@link UnicodeTables}, generated from Unicode 15 data), so
 * that the JVM and both TeaVM builds answer alike: general categories, canonical combining classes, the
 * White_Space property, JavaScript's whitespace set, and lowercasing as JavaScript's {@code toLowerCase} does it.
 */
public final class Unicode {
    private Unicode() {}

    /** General category indexes (the order of {@link #CATEGORY_NAMES}). */
    public static final int LU = 0, LL = 1, LT = 2, LM = 3, LO = 4, MN = 5, MC = 6, ME = 7, ND = 8, NL = 9, NO = 10,
            PC = 11, PD = 12, PS = 13, PE = 14, PI = 15, PF = 16, PO = 17, SM = 18, SC = 19, SK = 20, SO = 21,
            ZS = 22, ZL = 23, ZP = 24, CC = 25, CF = 26, CS = 27, CO = 28, CN = 29;
    public static final String CATEGORY_NAMES =
            "Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co Cn";

    private static int[] categoryStarts;
    private static byte[] categoryValues;
    private static int[] cccStarts;
    private static int[] cccValues;
    private static int[] lowerKeys;
    private static int[] lowerValues;

    /** The general category of a code point, one of the constants above. */
    public static int category(int cp) {
        if (categoryStarts == null) loadCategories();
        return categoryValues[runIndex(categoryStarts, cp)];
    }

    /** A bit set of categories: 1 << category. */
    public static boolean inCategories(int cp, int mask) { return (mask & (1 << category(cp))) != 0; }

    /** The mask of a category name: "L", "Lu", "N", "P", ... (one or two letters); -1 when unknown. */
    public static int categoryMask(String name) {
        int mask = 0;
        String[] names = CATEGORY_NAMES.split(" ");
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name) || (name.length() == 1 && names[i].charAt(0) == name.charAt(0))) mask |= 1 << i;
        }
        if (name.equals("LC")) mask = (1 << LU) | (1 << LL) | (1 << LT);
        return mask == 0 ? -1 : mask;
    }

    public static int combiningClass(int cp) {
        if (cccStarts == null) loadCombiningClasses();
        return cccValues[runIndex(cccStarts, cp)];
    }

    /** The Unicode White_Space property (what Rust's {@code char::is_whitespace} and regex {@code \s} use). */
    public static boolean isWhiteSpace(int cp) {
        return (cp >= 9 && cp <= 13) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** JavaScript's WhiteSpace and LineTerminator (its {@code \s} and {@code trim}): no U+0085, but U+FEFF. */
    public static boolean isJsWhitespace(int cp) {
        return (cp >= 9 && cp <= 13 && cp != 0x85) || cp == 0x20 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000 || cp == 0xFEFF;
    }

    /** JavaScript's {@code trim()}. */
    public static String jsTrim(String s) { return jsTrimEnd(jsTrimStart(s)); }

    public static String jsTrimStart(String s) {
        int i = 0;
        while (i < s.length() && isJsWhitespace(s.charAt(i))) i++;
        return s.substring(i);
    }

    public static String jsTrimEnd(String s) {
        int j = s.length();
        while (j > 0 && isJsWhitespace(s.charAt(j - 1))) j--;
        return s.substring(0, j);
    }

    /** The simple lowercase mapping of a code point. */
    public static int lowerCase(int cp) {
        if (lowerKeys == null) loadLowercase();
        int lo = 0, hi = lowerKeys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (lowerKeys[mid] < cp) lo = mid + 1; else if (lowerKeys[mid] > cp) hi = mid - 1; else return lowerValues[mid];
        }
        return cp;
    }

    /**
     * Lowercases as JavaScript's {@code String.prototype.toLowerCase} (and Java's {@code toLowerCase(Locale.ROOT)}):
     * simple mappings, U+0130 to "i\u0307", and the final-sigma rule for U+03A3.
     */
    public static String toLowerCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == 0x130) out.append("i\u0307");
            else if (cp == 0x3A3) out.append(isFinalSigma(s, i) ? '\u03C2' : '\u03C3');
            else out.appendCodePoint(lowerCase(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Final_Sigma: a cased letter before (skipping case-ignorables) and none after. */
    private static boolean isFinalSigma(String s, int at) {
        boolean before = false;
        for (int i = at; i > 0; ) {
            int cp = s.codePointBefore(i);
            i -= Character.charCount(cp);
            if (isCaseIgnorable(cp)) continue;
            before = isCased(cp);
            break;
        }
        if (!before) return false;
        for (int i = at + 1; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isCaseIgnorable(cp)) continue;
            return !isCased(cp);
        }
        return true;
    }

    private static boolean isCased(int cp) { return inCategories(cp, (1 << LU) | (1 << LL) | (1 << LT)); }

    private static boolean isCaseIgnorable(int cp) {
        return cp == '\'' || cp == '.' || cp == ':' || cp == '^' || cp == '`' || cp == 0xB7 || cp == 0x2019
                || inCategories(cp, (1 << MN) | (1 << ME) | (1 << CF) | (1 << LM) | (1 << SK));
    }

    static int runIndex(int[] starts, int cp) {
        int lo = 0, hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= cp) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private static void loadCategories() {
        int[] runs = parse(String.join("", UnicodeTables.CATEGORY_RUNS));
        int[] starts = new int[runs.length / 2];
        byte[] values = new byte[runs.length / 2];
        int at = 0;
        for (int i = 0; i < starts.length; i++) { at += runs[2 * i]; starts[i] = at; values[i] = (byte) runs[2 * i + 1]; }
        categoryValues = values;
        categoryStarts = starts;
    }

    private static void loadCombiningClasses() {
        int[] runs = parse(String.join("", UnicodeTables.COMBINING_CLASS_RUNS));
        int[] starts = new int[runs.length / 2];
        int[] values = new int[runs.length / 2];
        int at = 0;
        for (int i = 0; i < starts.length; i++) { at += runs[2 * i]; starts[i] = at; values[i] = runs[2 * i + 1]; }
        cccValues = values;
        cccStarts = starts;
    }

    private static void loadLowercase() {
        int[] pairs = parse(String.join("", UnicodeTables.LOWERCASE));
        int[] keys = new int[pairs.length / 2];
        int[] values = new int[pairs.length / 2];
        int at = 0;
        for (int i = 0; i < keys.length; i++) { at += pairs[2 * i]; keys[i] = at; values[i] = at + pairs[2 * i + 1]; }
        lowerValues = values;
        lowerKeys = keys;
    }

    /** Base-36 integers separated by single spaces (the generated tables' format). */
    static int[] parse(String text) {
        if (text.isEmpty()) return new int[0];
        int count = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == ' ') count++;
        int[] values = new int[count];
        int k = 0, v = 0;
        boolean negative = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == ' ') { values[k++] = negative ? -v : v; v = 0; negative = false; }
            else if (c == '-') negative = true;
            else v = v * 36 + (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return values;
    }
}
