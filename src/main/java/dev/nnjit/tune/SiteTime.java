package dev.nnjit.tune;

/**
 * One kernel step of a profiled run: its site and what its default kernel took (ms, from the run's profile; NaN
 * when unknown). The input of {@link TaskPlanner}.
 */
public record SiteTime(TuningSite<?> site, double defaultMs) {
    public SiteTime {
        if (site == null) throw new IllegalArgumentException("site is required");
    }
}
