package dev.nnjit.tune;

/**
 * The one seam where a schedule is chosen: every lowering asks the chooser for the candidate of a {@link TuningSite}
 * (by key), and nothing else picks configs. {@link #DEFAULT} picks candidate 0; a tuning cache answers with a stored
 * winner where it has one and falls back to the default otherwise.
 */
public interface ScheduleChooser {

    /** The key of the candidate to run at {@code site}; must be one of {@code site.keys()}. */
    String choose(TuningSite<?> site);

    /** Candidate 0 everywhere: the untuned program. */
    ScheduleChooser DEFAULT = TuningSite::defaultKey;

    /**
     * A chooser that takes {@code key} at every site of {@code family} that has it, and defers to {@code base}
     * elsewhere (tests and the debug ladder force one algorithm or config this way).
     */
    static ScheduleChooser forcing(String family, String key, ScheduleChooser base) {
        return site -> site.family().equals(family) && site.indexOf(key) >= 0 ? key : base.choose(site);
    }
}
