package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpDef;
import java.util.List;

/** The nn op family, registered explicitly (no reflection under TeaVM). */
public final class NnOps {
    private NnOps() {}

    public static List<OpDef> all() {
        return List.of();
    }
}
