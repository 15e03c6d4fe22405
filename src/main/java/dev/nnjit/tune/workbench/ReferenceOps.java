package dev.nnjit.tune.workbench;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one reference op ({@code dev.nnjit.ops}, the engine's ground truth) outside a graph. */
final class ReferenceOps {
    private ReferenceOps() {}

    /** Attributes from name/value pairs: Integer/Long → INT, Float → FLOAT, long[] → INTS. */
    static Map<String, Attribute> attrs(Object... nameValue) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            String name = (String) nameValue[i];
            Object v = nameValue[i + 1];
            if (v instanceof Float) m.put(name, Attribute.ofFloat(name, (Float) v));
            else if (v instanceof Integer) m.put(name, Attribute.ofInt(name, (Integer) v));
            else if (v instanceof Long) m.put(name, Attribute.ofInt(name, (Long) v));
            else if (v instanceof long[]) m.put(name, Attribute.ofInts(name, (long[]) v));
            else throw new IllegalArgumentException("attribute " + name + ": unsupported value " + v);
        }
        return m;
    }

    /** Output 0 of {@code domain.opType} at {@code opset} on {@code inputs}. */
    static Tensor run(String domain, String opType, int opset, Map<String, Attribute> attributes, Tensor... inputs) {
        OpDef def = OpRegistry.defaults().find(domain, opType);
        if (def == null) throw new IllegalStateException("no reference op " + domain + "." + opType);
        return def.compute(OpContext.standalone(opType, opset, attributes, inputs, 1), inputs)[0];
    }
}
