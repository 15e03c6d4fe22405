package dev.nnjit.tune;

import java.util.List;

/**
 * One workload's line in a {@link TuningReport}.
 *
 * @param candidates the site's candidate count; {@code tried} how many were compiled (or attempted)
 * @param defaultMs the default's median per dispatch as measured (from the record for a cache hit); the profiled
 *     time when it was never measured; NaN when neither is known
 * @param bestConfig the candidate chosen (the default when nothing beat it); {@code bestMs} its median
 * @param speedup defaultMs / bestMs (1 when the default stays)
 * @param maxError the chosen candidate's largest |difference| from the default's output (0 for the default; NaN
 *     when not known)
 * @param workbench {@link WorkbenchArgs} for the site, or null
 * @param rejected "key: reason" for each winner rejected by validation
 * @param note why the workload was not tuned, if so ("budget spent", "default failed to compile: ..."), else null
 */
public record WorkloadReport(String family, String problem, int occurrences, int candidates, int tried,
                             String defaultConfig, double defaultMs, String bestConfig, double bestMs, double speedup,
                             DecisionSource source, double maxError, String workbench, List<String> rejected,
                             String note) {
    public WorkloadReport {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }
}
