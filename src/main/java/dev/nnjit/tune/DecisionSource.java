package dev.nnjit.tune;

/** Where a site's schedule came from, as reported to the user. */
public enum DecisionSource {
    /** Measured in this tuning session. */
    TUNED("tuned"),
    /** A record this device stored earlier. */
    CACHE("cache"),
    /** A record shipped with nnjit (kernels/records), measured on the same kind of adapter. */
    SHIPPED("shipped"),
    /** Candidate 0: no valid record and not tuned (budget spent, nothing to tune, or no candidate beat it). */
    DEFAULT("default");

    public final String id;

    DecisionSource(String id) { this.id = id; }

    public static DecisionSource parse(String id) {
        for (DecisionSource s : values()) if (s.id.equals(id)) return s;
        throw new IllegalArgumentException("unknown decision source '" + id + "' (expected tuned, cache, shipped or default)");
    }
}
