package dev.nnjit.tune;

/** What became of one candidate in a tuning search. */
public enum CandidateStatus {
    /** Compiled and timed through every round (it may or may not have won). */
    OK("ok"),
    /** Stopped before the last round: clearly slower than the best so far, or its compile went over the cap. */
    DROPPED_EARLY("dropped-early"),
    /** Did not compile, or a dispatch failed. */
    FAILED("failed"),
    /** Fast enough to win, but its output differs from the default kernel's beyond the family's tolerance. */
    REJECTED("rejected"),
    /** Not reached: beyond the per-workload candidate cap, or the budget ran out first. */
    NOT_TRIED("not-tried");

    public final String id;

    CandidateStatus(String id) { this.id = id; }

    public static CandidateStatus parse(String id) {
        for (CandidateStatus s : values()) if (s.id.equals(id)) return s;
        throw new IllegalArgumentException("unknown candidate status '" + id + "'");
    }
}
