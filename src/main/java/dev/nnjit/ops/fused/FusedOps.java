package dev.nnjit.ops.fused;

import dev.nnjit.ops.OpDef;
import java.util.List;

/**
 * nnjit's internal ops (domain {@value #DOMAIN}), made by the fusion passes, never read from a model file. Each has a
 * type rule and a plain-Java reference, so the CPU backend runs fused graphs and every GPU kernel has ground truth.
 */
public final class FusedOps {
    private FusedOps() {}

    /** The domain of every op here. */
    public static final String DOMAIN = "nnjit";
    /** The opset version nodes of this domain carry. */
    public static final int OPSET = 1;

    public static List<OpDef> all() {
        return List.of(
                new SiluOp(),
                new RmsNormOp(),
                new FusedMatMulOp(),
                new AttentionOp(),
                new FusedElementwiseOp());
    }
}
