package dev.nnjit.schedule;

/**
 * A kernel schedule: an immutable record whose {@link #key()} text is built from all of its components (tests check
 * that changing any component changes the key), so the pipeline-cache key and the generated code cannot drift.
 */
public interface ScheduleConfig {
    String key();
}
