package dev.nnjit.runtime.webgpu;

import java.util.Arrays;

/**
 * The runs of one model check in progress ({@code tune.ModelCheck}): the two programs as per-step config keys and
 * the wall times of their runs so far. Turns go tuned, untuned, untuned, tuned, tuned, untuned, ... (ABBA), so a
 * slow drift of the device's speed hits both programs alike.
 */
final class ModelCheckRuns {
    final String[] untuned;
    final String[] tuned;
    private final double[] untunedMs;
    private final double[] tunedMs;
    private int untunedDone;
    private int tunedDone;

    ModelCheckRuns(String[] untuned, String[] tuned, int pairs) {
        if (pairs < 1) throw new IllegalArgumentException("a model check needs at least one pair of runs");
        this.untuned = untuned.clone();
        this.tuned = tuned.clone();
        this.untunedMs = new double[pairs];
        this.tunedMs = new double[pairs];
    }

    /** Whose turn the next run is: ABBA order over the runs made so far. */
    boolean nextIsTuned() {
        int run = untunedDone + tunedDone;
        return ((run + 1) / 2) % 2 == 0;
    }

    void record(boolean tunedRun, double ms) {
        if (tunedRun) tunedMs[tunedDone++] = ms;
        else untunedMs[untunedDone++] = ms;
    }

    boolean done() { return untunedDone == untunedMs.length && tunedDone == tunedMs.length; }

    double[] untunedMs() { return Arrays.copyOf(untunedMs, untunedDone); }

    double[] tunedMs() { return Arrays.copyOf(tunedMs, tunedDone); }
}
