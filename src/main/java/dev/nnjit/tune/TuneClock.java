package dev.nnjit.tune;

/**
 * The tuner's clock. In the browser {@code nowMs} is performance.now() and {@code epochMs} Date.now(); in tests a
 * fake that the fake bench advances.
 */
public interface TuneClock {
    /** Monotonic milliseconds (any origin): budgets and compile times are differences of these. */
    double nowMs();

    /** Milliseconds since 1970, stamped on records. */
    long epochMs();
}
