package dev.nnjit.tokenizer.unicode;

import java.util.HashMap;
import java.util.Map;

/**
 * Unicode normalization forms NFC, NFD, NFKC and NFKD (UAX #15) over nnjit's own tables, since TeaVM's class
 * library has no {@code java.text.Normalizer}: full decomposition (Hangul algorithmically), canonical ordering by
 * combining class, then canonical composition with the composition exclusions.
 */
public final class Normalization {
    private Normalization() {}

    public enum Form { NFC, NFD, NFKC, NFKD }

    private static final int S_BASE = 0xAC00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11A7;
    private static final int L_COUNT = 19, V_COUNT = 21, T_COUNT = 28, N_COUNT = V_COUNT * T_COUNT, S_COUNT = 11172;

    private static Map<Integer, int[]> canonical;
    private static Map<Integer, int[]> compatibility;
    private static Map<Long, Integer> compositions;

    public static String normalize(String s, Form form) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (ascii) return s;
        if (canonical == null) load();
        boolean compat = form == Form.NFKC || form == Form.NFKD;
        int[] cps = new int[s.length() * 4 + 4];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (n + 32 > cps.length) cps = java.util.Arrays.copyOf(cps, cps.length * 2 + 32);
            n = decompose(cp, compat, cps, n);
        }
        reorder(cps, n);
        if (form == Form.NFC || form == Form.NFKC) n = compose(cps, n);
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) out.appendCodePoint(cps[i]);
        return out.toString();
    }

    private static int decompose(int cp, boolean compat, int[] out, int n) {
        if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
            int s = cp - S_BASE;
            out[n++] = L_BASE + s / N_COUNT;
            out[n++] = V_BASE + (s % N_COUNT) / T_COUNT;
            if (s % T_COUNT != 0) out[n++] = T_BASE + s % T_COUNT;
            return n;
        }
        int[] d = canonical.get(cp);
        if (d == null && compat) d = compatibility.get(cp);
        if (d == null) { out[n++] = cp; return n; }
        for (int c : d) n = decompose(c, compat, out, n);
        return n;
    }

    /** Canonical ordering: a stable sort of each run of non-starters by combining class. */
    private static void reorder(int[] cps, int n) {
        for (int i = 1; i < n; i++) {
            int ccc = Unicode.combiningClass(cps[i]);
            if (ccc == 0) continue;
            int j = i;
            while (j > 0) {
                int prev = Unicode.combiningClass(cps[j - 1]);
                if (prev <= ccc) break;
                int t = cps[j]; cps[j] = cps[j - 1]; cps[j - 1] = t;
                j--;
            }
        }
    }

    /** Canonical composition (the algorithm of UAX #15's sample code); returns the new length. */
    private static int compose(int[] cps, int n) {
        if (n == 0) return 0;
        int starterIndex = 0;
        int starter = cps[0];
        int lastClass = Unicode.combiningClass(starter) == 0 ? 0 : 256;
        int w = 1;
        for (int r = 1; r < n; r++) {
            int cp = cps[r];
            int ccc = Unicode.combiningClass(cp);
            int composite = composePair(starter, cp);
            if (composite >= 0 && (lastClass < ccc || lastClass == 0)) {
                cps[starterIndex] = composite;
                starter = composite;
                continue;
            }
            if (ccc == 0) { starterIndex = w; starter = cp; }
            lastClass = ccc;
            cps[w++] = cp;
        }
        return w;
    }

    private static int composePair(int a, int b) {
        if (a >= L_BASE && a < L_BASE + L_COUNT && b >= V_BASE && b < V_BASE + V_COUNT) {
            return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
        }
        if (a >= S_BASE && a < S_BASE + S_COUNT && (a - S_BASE) % T_COUNT == 0 && b > T_BASE && b < T_BASE + T_COUNT) {
            return a + (b - T_BASE);
        }
        Integer c = compositions.get(((long) a << 21) | b);
        return c == null ? -1 : c;
    }

    private static void load() {
        Map<Integer, int[]> can = new HashMap<>();
        Map<Integer, int[]> compat = new HashMap<>();
        Map<Long, Integer> comp = new HashMap<>();
        java.util.Set<Integer> excluded = new java.util.HashSet<>();
        for (int cp : Unicode.parse(String.join("", UnicodeTables.COMPOSITION_EXCLUSIONS))) excluded.add(cp);
        int[] d = Unicode.parse(String.join("", UnicodeTables.DECOMPOSITIONS));
        int cp = 0;
        for (int i = 0; i < d.length; ) {
            cp += d[i];
            boolean isCompat = d[i + 1] == 1;
            int len = d[i + 2];
            int[] mapping = new int[len];
            System.arraycopy(d, i + 3, mapping, 0, len);
            i += 3 + len;
            (isCompat ? compat : can).put(cp, mapping);
            if (!isCompat && len == 2 && !excluded.contains(cp) && Unicode.combiningClass(cp) == 0
                    && Unicode.combiningClass(mapping[0]) == 0) {
                comp.put(((long) mapping[0] << 21) | mapping[1], cp);
            }
        }
        compositions = comp;
        compatibility = compat;
        canonical = can;
    }
}
