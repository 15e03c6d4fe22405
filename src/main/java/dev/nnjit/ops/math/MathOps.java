package dev.nnjit.ops.math;

import dev.nnjit.ops.OpDef;
import java.util.List;

/** The math op family, registered explicitly (no reflection under TeaVM). */
public final class MathOps {
    private MathOps() {}

    public static List<OpDef> all() {
        return List.of();
    }
}
