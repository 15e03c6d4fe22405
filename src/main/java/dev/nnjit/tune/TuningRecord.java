package dev.nnjit.tune;

import java.util.List;

/**
 * One stored decision: which candidate to run for a workload on an adapter. It stores the decision and the evidence,
 * never code: the winner's code (WGSL, or a Wasm module on wasm-simd) is regenerated from its key when the record is
 * used, and must hash to
 * {@code winnerWgslHash}, so a changed generator invalidates old records by itself (as a changed space does through
 * the key's checksum).
 *
 * @param winnerKey the candidate to run (may be the default: tuning found nothing clearly faster)
 * @param winnerWgslHash {@link ScheduleCandidate#codeChecksum} of the winner's code when it was measured (the name
 *     predates Wasm sites and is kept: it is the persisted field's)
 * @param defaultKey the site's candidate 0 at the time
 * @param results every candidate's result, in the site's candidate order
 * @param timing how samples were timed ("timestamp-query", "submit", "fake"...)
 * @param epochMs when the decision was made (ms since 1970)
 */
public record TuningRecord(AdapterKey adapter, TuningKey key, String winnerKey, String winnerWgslHash,
                           String defaultKey, List<CandidateResult> results, String timing, long epochMs) {

    public TuningRecord {
        if (adapter == null || key == null || winnerKey == null || winnerWgslHash == null || defaultKey == null) {
            throw new IllegalArgumentException("adapter, key, winner, winner hash and default are required");
        }
        results = List.copyOf(results);
        timing = timing == null ? "" : timing;
    }

    /**
     * Why this record must not answer for {@code site}, or null when it may: the candidate set changed (checksum),
     * the winner is no longer a candidate, or the winner's regenerated code differs from what was measured.
     */
    public String staleReason(TuningSite<?> site) {
        if (!key.family().equals(site.family()) || !key.problemKey().equals(site.problemKey())) {
            return "record is for " + key.workload() + ", not " + site.family() + "|" + site.problemKey();
        }
        if (!key.spaceChecksum().equals(site.spaceChecksum())) return "candidate set changed (space checksum)";
        if (site.indexOf(winnerKey) < 0) return "winner " + winnerKey + " is no longer a candidate";
        if (!winnerWgslHash.equals(site.codeChecksum(winnerKey))) {
            return "generator output changed for " + winnerKey + (site.wasm() ? " (Wasm hash)" : " (WGSL hash)");
        }
        return null;
    }

    /** The result of the candidate with this key, or null. */
    public CandidateResult result(String candidateKey) {
        for (CandidateResult r : results) if (r.key().equals(candidateKey)) return r;
        return null;
    }
}
