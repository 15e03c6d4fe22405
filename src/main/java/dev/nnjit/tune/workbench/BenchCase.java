package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.KernelGenerator;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ScheduleConfig;
import dev.nnjit.tune.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * One op at one shape, ready to measure: the kernel problem, its schedule candidates (in the order of the family's
 * space, index 0 the default), random inputs from a fixed seed, the Java reference output and the tolerance the
 * kernels' outputs are held to.
 *
 * <p>Every candidate of a case has the same bindings in the same order: the inputs of {@link #inputs()}, then one
 * f32 output of {@link #outputElements()} elements; so one set of buffers serves them all.
 */
public abstract class BenchCase {
    /** One schedule: its index in the family's candidate list, the config's cache-key text, the generated kernel. */
    public record Candidate(int index, String configKey, KernelInstance kernel) {}

    private float[] reference;
    private double referenceMs;

    public abstract Family family();

    /** The problem in words, with shapes: "A (128,1536) @ B (1536,384) -> C (128,384)". */
    public abstract String describe();

    /** Every candidate of the family's space for this problem on an adapter with these limits and features. */
    public abstract List<Candidate> candidates(AdapterLimits limits, AdapterFeatures features);

    /** Kernel inputs in binding order (all f32). */
    public abstract List<float[]> inputs();

    public abstract long outputElements();

    /** Accepted error of the kernels' outputs against {@link #reference()}. */
    public abstract Tolerance tolerance();

    /** Floating-point operations of the op (0 where a flop rate means little: memory-bound ops). */
    public double flops() { return 0; }

    /** Bytes the op must move at least: every input read once, the output written once. */
    public double bytes() {
        double b = 4.0 * outputElements();
        for (float[] in : inputs()) b += 4.0 * in.length;
        return b;
    }

    /** The rate that says how good a time is: "GFLOP/s" for compute-bound ops, "GB/s" for the others. */
    public String metric() { return "GB/s"; }

    protected abstract float[] computeReference();

    /** The reference output (computed once, with the engine's Java reference op). */
    public final float[] reference() {
        if (reference == null) {
            long t0 = System.nanoTime();
            reference = computeReference();
            referenceMs = (System.nanoTime() - t0) / 1e6;
            if (reference.length != checkedElements()) {
                throw new IllegalStateException(family().id + ": reference has " + reference.length
                        + " elements, the check compares " + checkedElements());
            }
        }
        return reference;
    }

    /**
     * The elements of a kernel's output that {@link #reference()} covers, in its order: all of them, unless a case
     * checks a sample (a matmul too large for the reference op in a page: see {@code MatmulCase}).
     */
    public float[] checked(float[] output) { return output; }

    /** How many elements {@link #checked} returns (and {@link #reference()} holds). */
    public long checkedElements() { return outputElements(); }

    /** Milliseconds the reference took (0 before {@link #reference()}). */
    public final double referenceMs() { return referenceMs; }

    /** Kernels of {@code generator} for each config, numbered in list order. */
    protected static <C extends ScheduleConfig, P extends KernelProblem> List<Candidate> instances(
            KernelGenerator<C, P> generator, List<C> configs, P problem) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            C c = configs.get(i);
            out.add(new Candidate(i, c.key(), generator.instance(c, problem)));
        }
        return out;
    }

    /** Largest |v|. */
    static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }
}
