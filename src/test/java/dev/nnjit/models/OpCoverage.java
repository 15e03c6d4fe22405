package dev.nnjit.models;

import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.ops.OpRegistry;
import java.util.Map;
import java.util.TreeMap;

/** Lists every op type of a model that the registry lacks (SupportCheck stops at the first), for failure messages. */
final class OpCoverage {
    private OpCoverage() {}

    static String missing(OnnxModel model, OpRegistry registry) {
        Map<String, String> missing = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (OnnxNode n : model.graph().nodes()) {
            String key = (n.domain() == null || n.domain().isEmpty() ? "" : n.domain() + ".") + n.opType();
            Integer opset = model.opsetImports().get(n.domain() == null ? "" : n.domain());
            if (!registry.supports(n.domain(), n.opType(), opset == null ? -1 : opset)) {
                missing.putIfAbsent(key, n.name());
                counts.merge(key, 1, Integer::sum);
            }
        }
        if (missing.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : missing.entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey()).append(" x").append(counts.get(e.getKey())).append(" (e.g. node '").append(e.getValue()).append("')");
        }
        return sb.toString();
    }
}
