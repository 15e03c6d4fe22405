package dev.nnjit.runtime;

import dev.nnjit.graph.Graph;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reference backend: runs every op's plain-Java implementation. Works on the JVM and inside TeaVM. */
public final class CpuBackend implements Backend {
    private final OpRegistry registry;

    public CpuBackend(OpRegistry registry) { this.registry = registry; }

    @Override public String name() { return "cpu"; }

    /** Every op is computed (outputs not asked for are dropped at the end); op times are taken on every run. */
    @Override public Executable compile(Graph specialized) {
        CpuExecutor exec = new CpuExecutor(specialized, registry);
        return (feeds, options) -> {
            Map<String, Double> opTimes = new LinkedHashMap<>();
            Map<String, Tensor> all = exec.run(feeds, opTimes);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : all.entrySet()) {
                if (options.wants(e.getKey())) outputs.put(e.getKey(), e.getValue());
            }
            Map<String, Double> timings = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : opTimes.entrySet()) timings.put("op." + e.getKey(), e.getValue());
            return new RunResult(outputs, timings, null);
        };
    }
}
