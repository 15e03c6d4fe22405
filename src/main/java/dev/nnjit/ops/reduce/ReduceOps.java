package dev.nnjit.ops.reduce;

import dev.nnjit.ops.OpDef;
import java.util.List;

/** The reduce op family, registered explicitly (no reflection under TeaVM). */
public final class ReduceOps {
    private ReduceOps() {}

    public static List<OpDef> all() {
        return List.of(
                // ReduceSum took its axes as an input from opset 13, the others from opset 18.
                new ReduceOp("ReduceSum", ReduceOp.Kind.SUM, 13),
                new ReduceOp("ReduceMean", ReduceOp.Kind.MEAN, 18),
                new ReduceOp("ReduceMax", ReduceOp.Kind.MAX, 18),
                new ReduceOp("ReduceMin", ReduceOp.Kind.MIN, 18),
                new ReduceOp("ReduceProd", ReduceOp.Kind.PROD, 18),
                new ReduceOp("ReduceL1", ReduceOp.Kind.L1, 18),
                new ReduceOp("ReduceL2", ReduceOp.Kind.L2, 18),
                new ReduceOp("ReduceSumSquare", ReduceOp.Kind.SUM_SQUARE, 18),
                new ReduceOp("ReduceLogSum", ReduceOp.Kind.LOG_SUM, 18),
                new ReduceOp("ReduceLogSumExp", ReduceOp.Kind.LOG_SUM_EXP, 18),
                new ArgReduceOp(true),
                new ArgReduceOp(false));
    }
}
