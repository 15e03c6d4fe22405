package dev.nnjit.conformance;

import dev.nnjit.api.Session;
import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.runtime.Backend;
import dev.nnjit.runtime.Executable;
import dev.nnjit.runtime.webgpu.GpuProgram;
import dev.nnjit.runtime.webgpu.GraphLowering;
import dev.nnjit.runtime.webgpu.LoweringTable;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lowers a model for the webgpu backend on the JVM, without a GPU: the same passes and {@link GraphLowering} that
 * {@link dev.nnjit.runtime.webgpu.WebGpuBackend#compile} runs, against the WebGPU spec's minimum
 * {@link AdapterLimits#defaults()} (every adapter meets them). Tells, before a browser is involved, whether a graph
 * lowers, which of its ops have no lowering at all, or the backend's own rejection (naming the node).
 */
final class WebGpuLoweringProbe {
    private WebGpuLoweringProbe() {}

    /**
     * @param program the lowered program, or null
     * @param missingOps op types of the specialized graph with no entry in the lowering table ("domain.Op")
     * @param error the lowering's error message when it failed (a rejection or an internal error), else null
     */
    record Outcome(GpuProgram program, Set<String> missingOps, String error) {
        boolean lowered() { return program != null; }

        /** Whether the backend declined the node ("not supported on the webgpu backend", static shapes, dtypes). */
        boolean rejected() {
            return error != null && (error.contains("not supported on the webgpu backend")
                    || error.contains("needs static shapes") || error.contains("has no WebGPU representation")
                    || error.contains("outside the int32 range"));
        }
    }

    private static final class Stop extends RuntimeException {
        final Outcome outcome;

        Stop(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    static Outcome lower(OnnxModel model, Map<String, Tensor> feeds, boolean fusion) {
        OpRegistry registry = OpRegistry.defaults();
        LoweringTable table = LoweringTable.defaults();
        Backend probe = new Backend() {
            @Override public String name() { return "webgpu-probe"; }

            @Override public Executable compile(Graph g) {
                if (fusion) PassPipeline.gpu(registry).apply(g);
                Set<String> missing = new TreeSet<>();
                for (Node n : g.nodes()) {
                    if (table.find(n.domain(), n.opType()) == null) {
                        missing.add((n.domain().isEmpty() ? "" : n.domain() + ".") + n.opType());
                    }
                }
                if (!missing.isEmpty()) throw new Stop(new Outcome(null, missing, "no lowering for " + missing));
                GpuProgram p;
                try {
                    p = GraphLowering.lower(g, table, registry, AdapterLimits.defaults(),
                            dev.nnjit.schedule.AdapterFeatures.NONE, ScheduleChooser.DEFAULT);
                } catch (RuntimeException e) {
                    throw new Stop(new Outcome(null, missing, String.valueOf(e.getMessage())));
                }
                throw new Stop(new Outcome(p, missing, null));
            }
        };
        try {
            Session.create(model, registry, probe).run(feeds);
        } catch (Stop s) {
            return s.outcome;
        } catch (RuntimeException e) { // import, type inference or folding on the way to the backend
            return new Outcome(null, new TreeSet<>(), "before lowering: " + e);
        }
        throw new IllegalStateException("the probe backend was never asked to compile");
    }

    /** Op types of a program's kernels, for reports. */
    static List<String> kernelOps(GpuProgram p) {
        return new ArrayList<>(p.kernelHistogram().keySet());
    }
}
