package dev.nnjit.cli;

import dev.nnjit.model.Attribute;
import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code nnjit info} tells about a model, read from the decoded file alone (no import, no op support check, no
 * weights touched: initializer sizes come from their shapes).
 *
 * @param opsets opset version by domain ("ai.onnx" for the default domain)
 * @param inputs the graph inputs a caller feeds (inputs that are also initializers are parameters, not inputs)
 * @param nodes nodes in the graph and in its subgraphs (If branches)
 * @param ops node count by op type ("domain.Op" outside the default domain), most frequent first
 * @param parameters elements in all initializers
 * @param parameterBytes their size at their stored dtypes
 */
record ModelInfo(long irVersion, String producer, Map<String, Integer> opsets, List<Port> inputs, List<Port> outputs,
                 int nodes, Map<String, Integer> ops, int initializers, long parameters, long parameterBytes) {

    /**
     * One graph input or output.
     *
     * @param dtype null when the file gives none
     * @param dims sizes (Long) and symbolic dim names (String); "?" for a dim with neither; null when the rank is
     *     unknown
     */
    record Port(String name, String dtype, List<Object> dims) {}

    static ModelInfo of(OnnxModel model) {
        OnnxGraph g = model.graph();
        Map<String, Integer> opsets = new TreeMap<>();
        model.opsetImports().forEach((domain, v) -> opsets.put(domain.isEmpty() ? "ai.onnx" : domain, v));
        List<Port> inputs = new ArrayList<>();
        for (ValueInfo v : g.inputs()) if (!g.initializers().containsKey(v.name())) inputs.add(port(v));
        List<Port> outputs = new ArrayList<>();
        for (ValueInfo v : g.outputs()) outputs.add(port(v));
        Map<String, Integer> counts = new TreeMap<>();
        int nodes = countOps(g, counts);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> ops = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : sorted) ops.put(e.getKey(), e.getValue());
        long parameters = 0, bytes = 0;
        for (Tensor t : g.initializers().values()) {
            parameters += t.size();
            bytes += (long) t.size() * t.dtype().byteSize;
        }
        String producer = (model.producerName() + " " + model.producerVersion()).strip();
        return new ModelInfo(model.irVersion(), producer, opsets, inputs, outputs, nodes, ops,
                g.initializers().size(), parameters, bytes);
    }

    private static Port port(ValueInfo v) {
        List<Object> dims = null;
        if (v.shape().hasRank()) {
            dims = new ArrayList<>();
            for (Dim d : v.shape().dims()) dims.add(d.isKnown() ? (Object) d.value() : d.isSymbol() ? d.symbolName() : "?");
        }
        return new Port(v.name(), v.dtype() == null ? null : v.dtype().jsonName, dims);
    }

    /** Adds the graph's and its subgraphs' op counts; returns their node count. */
    private static int countOps(OnnxGraph g, Map<String, Integer> counts) {
        int nodes = 0;
        for (OnnxNode n : g.nodes()) {
            nodes++;
            counts.merge(n.domain().isEmpty() ? n.opType() : n.domain() + "." + n.opType(), 1, Integer::sum);
            for (Attribute a : n.attributes().values()) {
                if (a.type() == Attribute.Type.GRAPH && a.graphValue() != null) nodes += countOps(a.graphValue(), counts);
            }
        }
        return nodes;
    }
}
