package dev.nnjit.ops;

import dev.nnjit.ops.controlflow.ControlFlowOps;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.ops.math.MathOps;
import dev.nnjit.ops.nn.NnOps;
import dev.nnjit.ops.reduce.ReduceOps;
import dev.nnjit.ops.tensor.TensorOps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Op definitions by (domain, op type). Registration is an explicit list per op family: nothing is discovered by
 * reflection, so the same registry works under TeaVM.
 */
public final class OpRegistry {
    private static OpRegistry defaults;
    private final Map<String, OpDef> ops = new HashMap<>();

    public OpRegistry(List<OpDef> definitions) {
        for (OpDef d : definitions) {
            String key = key(d.domain(), d.opType());
            if (ops.containsKey(key)) throw new IllegalStateException("op " + key + " registered twice");
            ops.put(key, d);
        }
    }

    /** Every op nnjit implements. */
    public static synchronized OpRegistry defaults() {
        if (defaults == null) {
            List<OpDef> all = new ArrayList<>();
            all.addAll(MathOps.all());
            all.addAll(ReduceOps.all());
            all.addAll(NnOps.all());
            all.addAll(TensorOps.all());
            all.addAll(ControlFlowOps.all());
            all.addAll(FusedOps.all());
            defaults = new OpRegistry(all);
        }
        return defaults;
    }

    /** The definition for an op, or null when nnjit does not implement it. */
    public OpDef find(String domain, String opType) {
        return ops.get(key(domain, opType));
    }

    public boolean supports(String domain, String opType, int opset) {
        OpDef d = find(domain, opType);
        return d != null && opset >= d.minOpset();
    }

    /** Sorted "Op" names (default domain) and "domain.Op" names (others). */
    public List<String> names() {
        List<String> n = new ArrayList<>(ops.keySet());
        Collections.sort(n);
        return n;
    }

    private static String key(String domain, String opType) {
        return domain == null || domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + "." + opType;
    }
}
