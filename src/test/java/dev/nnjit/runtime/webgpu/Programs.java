package dev.nnjit.runtime.webgpu;

import dev.nnjit.api.Session;
import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Value;
import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.model.ProtoWriter;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.TensorType;
import java.nio.ByteBuffer;
import java.util.Map;

/** Lowers models on the JVM (no GPU needed) for tests of the lowering and the buffer planner. */
final class Programs {
    private Programs() {}

    static OnnxModel read(ProtoWriter model) {
        return OnnxModelReader.read(ByteBuffer.wrap(model.toByteArray()), ExternalDataResolver.NONE);
    }

    /**
     * The graph of {@code model} specialized to concrete input shapes (symbolic dims from {@code dims} by name, else
     * batch 2 / sequence 12 by position), run through the standard passes and, when {@code fuse}, the GPU fusions.
     */
    static Graph specialize(OnnxModel model, Map<String, Integer> dims, boolean fuse) {
        OpRegistry r = OpRegistry.defaults();
        Graph g = Session.create(model).graph().copy();
        for (Value in : g.inputs()) {
            Shape s = in.type().shape();
            int[] d = new int[s.rank()];
            for (int i = 0; i < d.length; i++) {
                if (s.dim(i).isKnown()) d[i] = (int) s.dim(i).value();
                else if (s.dim(i).isSymbol() && dims.containsKey(s.dim(i).symbolName())) d[i] = dims.get(s.dim(i).symbolName());
                else d[i] = i == 0 ? 2 : 12;
            }
            in.setType(new TensorType(in.type().dtype(), Shape.of(d)));
        }
        PassPipeline.standard(r).apply(g);
        if (fuse) PassPipeline.gpu(r).apply(g);
        return g;
    }

    static GpuProgram lower(Graph g, AdapterLimits limits) { return lower(g, limits, ScheduleChooser.DEFAULT); }

    static GpuProgram lower(Graph g, AdapterLimits limits, ScheduleChooser chooser) {
        return GraphLowering.lower(g, LoweringTable.defaults(), OpRegistry.defaults(), limits,
                dev.nnjit.schedule.AdapterFeatures.NONE, chooser);
    }
}
