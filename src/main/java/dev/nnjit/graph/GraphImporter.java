package dev.nnjit.graph;

import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the graph IR from a decoded ONNX model: initializers become constants, declared types become the starting
 * types of inputs and outputs, and nodes are sorted topologically. Op support is checked later, by the compiler.
 */
public final class GraphImporter {
    private GraphImporter() {}

    public static Graph importModel(OnnxModel model) {
        OnnxGraph og = model.graph();
        Graph g = new Graph(model.opsetImports());
        for (Map.Entry<String, Tensor> e : og.initializers().entrySet()) g.newConstant(e.getKey(), e.getValue());
        for (ValueInfo vi : og.inputs()) {
            if (g.value(vi.name()) != null) continue; // IR < 4 lists initializers as inputs too: they stay constants
            g.addInput(g.newValue(vi.name(), vi.type()));
        }
        for (OnnxNode n : og.nodes()) {
            for (String out : n.outputs()) {
                if (out.isEmpty()) continue;
                if (g.value(out) != null) throw new GraphException("value '" + out + "' is defined twice (again by node '"
                        + n.name() + "' (" + n.opType() + "))");
                g.newValue(out, new TensorType(null, null));
            }
        }
        for (ValueInfo vi : og.valueInfos()) {
            Value v = g.value(vi.name());
            if (v != null && !v.isConstant()) v.setType(vi.type());
        }
        int nodeIndex = 0;
        for (OnnxNode n : og.nodes()) {
            String name = n.name().isEmpty() ? n.opType() + "_" + nodeIndex : n.name();
            nodeIndex++;
            Integer opset = model.opsetImports().get(n.domain());
            if (opset == null) throw new GraphException("node '" + name + "' (" + n.opType() + ") uses domain '"
                    + n.domain() + "', which the model does not import");
            List<Value> ins = new ArrayList<>();
            for (String in : n.inputs()) {
                if (in.isEmpty()) { ins.add(null); continue; }
                Value v = g.value(in);
                if (v == null) throw new GraphException("node '" + name + "' (" + n.opType() + ") reads '" + in
                        + "', which no node, input or initializer defines");
                ins.add(v);
            }
            List<Value> outs = new ArrayList<>();
            for (String out : n.outputs()) {
                // an omitted optional output gets a private name so the node keeps its output positions
                outs.add(out.isEmpty() ? g.newValue(g.uniqueName(name + "_unused"), new TensorType(null, null)) : g.value(out));
            }
            g.addNode(name, n.opType(), n.domain(), opset, n.attributes(), ins, outs);
        }
        for (ValueInfo vi : og.outputs()) {
            Value v = g.value(vi.name());
            if (v == null) throw new GraphException("graph output '" + vi.name() + "' is not produced by any node");
            if (!v.isConstant() && vi.dtype() != null && v.type().dtype() == null) v.setType(vi.type());
            g.addOutput(v);
        }
        g.sortTopologically();
        return g;
    }
}
