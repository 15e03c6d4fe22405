package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpDef;
import java.util.List;

/** The nn op family, registered explicitly (no reflection under TeaVM). */
public final class NnOps {
    private NnOps() {}

    public static List<OpDef> all() {
        return List.of(
                new SoftmaxOp(SoftmaxOp.Kind.SOFTMAX),
                new SoftmaxOp(SoftmaxOp.Kind.LOG_SOFTMAX),
                new SoftmaxOp(SoftmaxOp.Kind.HARDMAX),
                new LayerNormOp(),
                new BatchNormOp(),
                new InstanceNormOp(),
                new GroupNormOp(),
                new MeanVarianceNormOp(),
                new LpNormOp(),
                new LrnOp(),
                new ConvOp(),
                new ConvTransposeOp(),
                new PoolOp(PoolOp.Kind.MAX),
                new PoolOp(PoolOp.Kind.AVERAGE),
                new PoolOp(PoolOp.Kind.LP),
                new GlobalPoolOp(PoolOp.Kind.AVERAGE),
                new GlobalPoolOp(PoolOp.Kind.MAX),
                new GlobalPoolOp(PoolOp.Kind.LP));
    }
}
