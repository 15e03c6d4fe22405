package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpDef;
import java.util.List;

/** The tensor op family, registered explicitly (no reflection under TeaVM). */
public final class TensorOps {
    private TensorOps() {}

    public static List<OpDef> all() {
        return List.of();
    }
}
