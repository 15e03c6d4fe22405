package dev.nnjit.tune;

/** Told after every tuner step, so a page can draw a progress bar. */
public interface TuningListener {
    void progress(TuningProgress progress);
}
