package dev.nnjit.runtime.webgpu;

import dev.nnjit.tune.CachedScheduleChooser;
import dev.nnjit.tune.DecisionSource;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tune.TuningSite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Why did this kernel get this config?": one row per GPU step of a lowered program (index, node, op, site family,
 * problem key, chosen config key, candidate count, where the decision came from). {@code nnjit kernels} prints these
 * rows on the JVM; the page logs the same rows at compile time at debug level {@link dev.nnjit.runtime.Flags#LOG_SCHEDULES}.
 */
public final class StepLog {
    /** Column names of {@link #cells}. */
    public static final List<String> COLUMNS = List.of("#", "node", "op", "family", "problem", "config", "candidates",
            "source");

    private StepLog() {}

    /**
     * Where {@code site}'s schedule came from under {@code chooser}: the cache layer that answered when the chooser is
     * a {@link CachedScheduleChooser}, else "default" (candidate 0, or one the chooser forced).
     */
    public static String source(ScheduleChooser chooser, TuningSite<?> site) {
        if (chooser instanceof CachedScheduleChooser) {
            DecisionSource s = ((CachedScheduleChooser) chooser).source(site);
            if (s != null) return s.id;
        }
        return DecisionSource.DEFAULT.id;
    }

    /** The row of step {@code index}, in {@link #COLUMNS} order. */
    public static List<String> cells(int index, GpuStep step, String source) {
        List<String> c = new ArrayList<>();
        c.add(String.valueOf(index));
        c.add(step.node());
        c.add(step.opType());
        c.add(step.site().family());
        c.add(step.site().problemKey());
        c.add(step.configKey());
        c.add(String.valueOf(step.site().size()));
        c.add(source);
        return c;
    }

    /** Every step's row, in program order. */
    public static List<List<String>> rows(GpuProgram program, ScheduleChooser chooser) {
        List<List<String>> rows = new ArrayList<>();
        List<GpuStep> steps = program.steps();
        for (int i = 0; i < steps.size(); i++) rows.add(cells(i, steps.get(i), source(chooser, steps.get(i).site())));
        return rows;
    }

    /** Each distinct kernel (by cache key) of the program with its WGSL, in first-use order. */
    public static Map<String, String> kernels(GpuProgram program) {
        Map<String, String> out = new LinkedHashMap<>();
        for (GpuStep s : program.steps()) out.putIfAbsent(s.kernel().cacheKey(), s.kernel().wgsl());
        return out;
    }

    /** The compile-time log at {@code level}: nothing below 2, the rows at 2, the rows and WGSL at 4 and above. */
    public static String text(GpuProgram program, ScheduleChooser chooser, int level) {
        if (level < dev.nnjit.runtime.Flags.LOG_SCHEDULES) return "";
        StringBuilder sb = new StringBuilder();
        sb.append("[nnjit] ").append(program.steps().size()).append(" GPU steps: ").append(String.join(" | ", COLUMNS))
                .append('\n');
        for (List<String> row : rows(program, chooser)) sb.append("[nnjit] ").append(String.join(" | ", row)).append('\n');
        if (level >= dev.nnjit.runtime.Flags.DUMP_WGSL) {
            for (Map.Entry<String, String> k : kernels(program).entrySet()) {
                sb.append("[nnjit] // kernel ").append(k.getKey()).append('\n').append(k.getValue()).append('\n');
            }
        }
        return sb.toString();
    }
}
