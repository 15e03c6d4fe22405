package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a search tries a site's candidates when its budget affords only some of them (a pure rule):
 * <ol>
 *   <li>the default (the baseline every other candidate is measured and validated against);
 *   <li>keys that won other workloads of the same family earlier on this adapter (in the order given: a device
 *   that likes one schedule at one shape tends to like it at the next; TVM's transfer of tuning records);
 *   <li>the rest by {@link #distance} from the default, nearest first, ties in the space's order: the default is
 *   already a good schedule, so its neighbours (one tile size up or down, the other workgroup shape, vec4 or
 *   workgroup memory toggled) are likelier to beat it than the space's far corners, and trying them first makes a
 *   search of a few candidates a step of local search rather than the first few entries of an enumeration.
 * </ol>
 */
public final class CandidateOrder {
    private CandidateOrder() {}

    /** A distance no two keys of the same shape reach: keys of different shapes (another generator) sort last. */
    static final double UNLIKE = 1000;

    /** The site's keys in trial order (all of them; callers cap the count). */
    public static List<String> of(TuningSite<?> site, List<String> preferred) {
        List<String> keys = site.keys();
        String def = keys.get(0);
        List<String> out = new ArrayList<>(keys.size());
        out.add(def);
        for (String p : preferred) if (!out.contains(p) && keys.contains(p)) out.add(p);
        List<String> rest = new ArrayList<>();
        for (String k : keys) if (!out.contains(k)) rest.add(k);
        double[] d = new double[rest.size()];
        for (int i = 0; i < d.length; i++) d[i] = distance(def, rest.get(i));
        Integer[] idx = new Integer[rest.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
        for (Integer i : idx) out.add(rest.get(i));
        return out;
    }

    /**
     * How far apart two candidate keys are. Keys are split into runs of digits and runs of other characters
     * ("matmul:t64x64x8_r8x8_v4_reg" -> matmul:t, 64, x, 64, x, 8, _r, 8, ...). When both keys have the same
     * pattern, the distance is the sum over numbers of |log2(a) - log2(b)| (a tile of 32 is one step from 64 and
     * from 16) plus 1 for each differing text run (v1 vs v4 counts as a number, reg vs wgm as text); keys of
     * different patterns are {@link #UNLIKE} apart.
     */
    public static double distance(String a, String b) {
        List<String> x = runs(a);
        List<String> y = runs(b);
        if (x.size() != y.size()) return UNLIKE;
        double d = 0;
        for (int i = 0; i < x.size(); i++) {
            String p = x.get(i);
            String q = y.get(i);
            boolean pn = Character.isDigit(p.charAt(0));
            boolean qn = Character.isDigit(q.charAt(0));
            if (pn != qn) return UNLIKE;
            if (pn) {
                d += Math.abs(log2(Long.parseLong(p)) - log2(Long.parseLong(q)));
            } else if (!p.equals(q)) {
                if (i == 0) return UNLIKE; // another generator family
                d += 1;
            }
        }
        return d;
    }

    private static double log2(long v) { return v <= 0 ? 0 : Math.log(v) / Math.log(2); }

    private static List<String> runs(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            boolean digit = Character.isDigit(s.charAt(i));
            int j = i;
            while (j < s.length() && Character.isDigit(s.charAt(j)) == digit && j - i < 18) j++;
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }
}
