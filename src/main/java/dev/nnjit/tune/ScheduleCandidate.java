package dev.nnjit.tune;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.KernelGenerator;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.schedule.ScheduleConfig;
import java.util.List;

/**
 * One schedule a {@link TuningSite} may run: a generator (the algorithm, e.g. gemv or tiled matmul) and its config.
 * Its identity is {@link #key()}, "generator family:config key", never its index in a candidate list (spaces reorder
 * their candidates when defaults change; persisted decisions must survive that).
 */
public record ScheduleCandidate<C extends ScheduleConfig, P extends KernelProblem>(KernelGenerator<C, P> generator,
                                                                                 C config) {
    public ScheduleCandidate {
        if (generator == null || config == null) throw new IllegalArgumentException("generator and config are required");
    }

    /** "family:configKey", e.g. "gemv:wx64_k4_v4" or "matmul:t64x64x8_r8x8_v4_reg". */
    public String key() { return generator.family() + ":" + config.key(); }

    /** The kernel this schedule generates for {@code problem}. */
    public KernelInstance instance(P problem) { return generator.instance(config, problem); }

    /** The bindings this schedule's kernel would have for {@code problem}, without generating its WGSL. */
    public List<Binding> bindings(P problem) { return generator.bindings(config, problem); }
}
