package dev.nnjit.runtime;

import dev.nnjit.tune.TuningBudget;
import dev.nnjit.tune.TuningProgress;
import dev.nnjit.tune.TuningReport;
import java.util.List;

/**
 * An executable whose kernel schedules can be tuned on its device, as an explicit operation between runs (never
 * inside one): {@link #startTuning} plans the work, each {@link #tuneStep} performs one bench action, and winners
 * take effect at the start of the next run. Implemented by the WebGPU executable; {@code api.Session} exposes the
 * one it ran last.
 */
public interface Tunable {

    /**
     * Starts a tuning session over this program's workloads (replacing an earlier one): the sites of its steps with
     * more than one candidate, one workload per site key, weighted by a profiled run of the last feeds (made here,
     * when one is needed and none was made). Workloads with a valid stored decision cost nothing.
     *
     * @throws IllegalStateException when the program never ran and a profile is needed (run it once first)
     */
    void startTuning(TuningBudget budget);

    /** Whether a session was started. */
    boolean tuningStarted();

    /** One bench action of the session; false once it is done. Throws IllegalStateException before {@link #startTuning}. */
    boolean tuneStep();

    /** Where the session stands (a finished, empty one before {@link #startTuning}). */
    TuningProgress tuningProgress();

    /** The session's report so far (empty before {@link #startTuning}). */
    TuningReport tuningReport();

    /** The schedule each kernel step runs now, in program order. */
    List<KernelChoice> kernelChoices();
}
