package dev.nnjit.tune.workbench;

import java.util.ArrayList;
import java.util.List;

/**
 * What to measure: one op of one family at one shape, over some of its schedule candidates.
 *
 * @param shape the family's shape text (see {@link BenchCases}): matmul/gemv {@code MxNxK[xBATCH]}, softmax, norms
 *     and reduce the input shape, elementwise the input shapes separated by commas
 * @param transB matmul/gemv: B stored (N, K)
 * @param operator elementwise or reduce operator (null: the family's default, add / sum)
 * @param axes reduce axes, softmax axis (first element); null for the family's default (the last axis)
 * @param epsilon layernorm/rmsnorm epsilon
 * @param candidates indices into the candidate list, or null for all of them
 * @param runs timed samples per candidate (the median is reported)
 * @param seed input generator seed
 * @param timing how kernels are timed
 * @param dryRun list the candidates (and the reference) without compiling or running any kernel
 */
public record WorkbenchRequest(Family family, String shape, boolean transB, String operator, int[] axes, float epsilon,
                               int[] candidates, int runs, long seed, Timing timing, boolean dryRun) {

    /** How kernel time is measured. */
    public enum Timing {
        /** GPU timestamps around each sample when the device has timestamp-query, else SUBMIT. */
        AUTO,
        /** Wall time from submit to onSubmittedWorkDone, per batch of dispatches. */
        SUBMIT;

        public static Timing parse(String s) {
            if (s == null || s.isEmpty() || s.equals("auto")) return AUTO;
            if (s.equals("submit")) return SUBMIT;
            throw new IllegalArgumentException("unknown timing '" + s + "' (expected auto or submit)");
        }
    }

    public static final int MAX_RUNS = 1000;

    public WorkbenchRequest {
        if (family == null) throw new IllegalArgumentException("no op family given (expected " + Family.names() + ")");
        if (shape == null || shape.trim().isEmpty()) throw new IllegalArgumentException("no shape given");
        if (runs < 1 || runs > MAX_RUNS) throw new IllegalArgumentException("runs must be 1.." + MAX_RUNS + ", got " + runs);
        if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        if (timing == null) timing = Timing.AUTO;
        axes = axes == null ? null : axes.clone();
        candidates = candidates == null ? null : candidates.clone();
    }

    /** A request with the defaults: all candidates, 10 runs, seed 1, epsilon 1e-5, automatic timing. */
    public static WorkbenchRequest of(Family family, String shape) {
        return new WorkbenchRequest(family, shape, false, null, null, 1e-5f, null, 10, 1, Timing.AUTO, false);
    }

    public WorkbenchRequest withCandidates(int[] c) {
        return new WorkbenchRequest(family, shape, transB, operator, axes, epsilon, c, runs, seed, timing, dryRun);
    }

    public WorkbenchRequest withRuns(int r) {
        return new WorkbenchRequest(family, shape, transB, operator, axes, epsilon, candidates, r, seed, timing, dryRun);
    }

    /**
     * "all" (or empty) for every candidate, else indices and inclusive ranges separated by commas: "0,3,5", "0-7".
     * Returns null for all.
     */
    public static int[] parseCandidates(String text) {
        if (text == null) return null;
        String t = text.trim();
        if (t.isEmpty() || t.equals("all")) return null;
        List<Integer> out = new ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            int lo, hi;
            try {
                if (dash > 0) {
                    lo = Integer.parseInt(p.substring(0, dash).trim());
                    hi = Integer.parseInt(p.substring(dash + 1).trim());
                } else {
                    lo = hi = Integer.parseInt(p);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("candidates '" + text + "': '" + p + "' is not an index or a range"
                        + " (write all, 0,3,5 or 0-7)");
            }
            if (lo < 0 || hi < lo) throw new IllegalArgumentException("candidates '" + text + "': bad index or range '"
                    + p + "'");
            for (int i = lo; i <= hi; i++) if (!out.contains(i)) out.add(i);
        }
        int[] r = new int[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    /** Integers separated by commas (axes): "-1", "0,2". Null or empty gives null. */
    public static int[] parseInts(String text, String what) {
        if (text == null || text.trim().isEmpty()) return null;
        String[] parts = text.split(",");
        int[] r = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                r[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " '" + text + "': '" + parts[i].trim() + "' is not an integer");
            }
        }
        return r;
    }
}
