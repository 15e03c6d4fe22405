package dev.nnjit.runtime.webgpu;

import static dev.nnjit.model.OnnxBuilder.attrFloat;
import static dev.nnjit.model.OnnxBuilder.attrInt;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.tensorFloats;
import static dev.nnjit.model.OnnxBuilder.valueInfo;

import dev.nnjit.model.OnnxBuilder;
import dev.nnjit.model.ProtoWriter;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tensor.DType;
import java.util.List;
import java.util.Random;

/**
 * A model whose weights exceed a 4096-byte storage-binding limit while every activation fits: table [100,16]
 * (Gather), W [16,100] (MatMul), W2 [100,16] with Gemm transB and C [100]. ids: int64 [2,5], x: float32 [10,16].
 */
final class SplitWeights {
    private SplitWeights() {}

    static final AdapterLimits LIMITS = withBindingLimit(4096);

    static AdapterLimits withBindingLimit(long bytes) {
        return AdapterLimits.defaults().with("maxStorageBufferBindingSize", bytes);
    }

    static ProtoWriter model() {
        Random rnd = new Random(5);
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("split")
                .input(valueInfo("ids", DType.INT64, 2, 5))
                .input(valueInfo("x", DType.FLOAT, 10, 16))
                .initializer(tensorFloats("table", new long[] {100, 16}, true, randn(rnd, 1600)))
                .initializer(tensorFloats("W", new long[] {16, 100}, true, randn(rnd, 1600)))
                .initializer(tensorFloats("W2", new long[] {100, 16}, true, randn(rnd, 1600)))
                .initializer(tensorFloats("C", new long[] {100}, true, randn(rnd, 100)))
                .node(node("Gather", List.of("table", "ids"), List.of("emb"), attrInt("axis", 0)))
                .node(node("MatMul", List.of("emb", "W"), List.of("logits")))
                .node(node("Gemm", List.of("x", "W2", "C"), List.of("y"), attrInt("transB", 1),
                        attrFloat("alpha", 0.5f)))
                .output(valueInfo("emb", DType.FLOAT, 2, 5, 16))
                .output(valueInfo("logits", DType.FLOAT, 2, 5, 100))
                .output(valueInfo("y", DType.FLOAT, 10, 100));
        return dev.nnjit.model.OnnxBuilder.model(8, g.build(), "", 13);
    }

    private static float[] randn(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }
}
