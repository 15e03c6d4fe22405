package dev.nnjit.graph;

import dev.nnjit.model.Attribute;
import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the graph IR from a decoded ONNX model: initializers become constants, declared types become the starting
 * types of inputs and outputs, and nodes are sorted topologically. Op support is checked later, by the compiler.
 * A node with GRAPH attributes (If) gets its bodies imported into a {@link Subgraphs} payload, with the outer values
 * they read made explicit inputs (see there).
 */
public final class GraphImporter {
    private GraphImporter() {}

    public static Graph importModel(OnnxModel model) {
        return importGraph(model.graph(), model.opsetImports(), List.of());
    }

    /** One graph; {@code captured} are outer names it reads, which become graph inputs after its declared ones. */
    private static Graph importGraph(OnnxGraph og, Map<String, Integer> opsets, List<String> captured) {
        Graph g = new Graph(opsets);
        for (Map.Entry<String, Tensor> e : og.initializers().entrySet()) g.newConstant(e.getKey(), e.getValue());
        for (ValueInfo vi : og.inputs()) {
            if (g.value(vi.name()) != null) continue; // IR < 4 lists initializers as inputs too: they stay constants
            g.addInput(g.newValue(vi.name(), vi.type()));
        }
        for (String name : captured) g.addInput(g.newValue(name, new TensorType(null, null)));
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
            Integer opset = opsets.get(n.domain());
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
            Subgraphs bodies = importBodies(n, opsets);
            if (bodies != null) {
                for (String outer : bodies.captured()) {
                    Value v = g.value(outer);
                    if (v == null) throw new GraphException("a subgraph of node '" + name + "' (" + n.opType()
                            + ") reads '" + outer + "', which no enclosing graph defines");
                    ins.add(v);
                }
            }
            List<Value> outs = new ArrayList<>();
            for (String out : n.outputs()) {
                // an omitted optional output gets a private name so the node keeps its output positions
                outs.add(out.isEmpty() ? g.newValue(g.uniqueName(name + "_unused"), new TensorType(null, null)) : g.value(out));
            }
            g.addNode(name, n.opType(), n.domain(), opset, n.attributes(), ins, outs, bodies);
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

    /** The node's GRAPH attributes imported as bodies that capture every outer name any of them reads; null if none. */
    private static Subgraphs importBodies(OnnxNode n, Map<String, Integer> opsets) {
        Set<String> free = new LinkedHashSet<>();
        for (Attribute a : n.attributes().values()) {
            if (a.type() == Attribute.Type.GRAPH) free.addAll(freeNames(a.graphValue()));
        }
        Map<String, Graph> bodies = new LinkedHashMap<>();
        List<String> captured = new ArrayList<>(free);
        for (Attribute a : n.attributes().values()) {
            if (a.type() == Attribute.Type.GRAPH) bodies.put(a.name(), importGraph(a.graphValue(), opsets, captured));
        }
        return bodies.isEmpty() ? null : new Subgraphs(bodies, captured);
    }

    /** Names a graph (or a graph nested in it) reads but does not define, in first-read order: its outer-scope reads. */
    static List<String> freeNames(OnnxGraph og) {
        Set<String> defined = new HashSet<>(og.initializers().keySet());
        for (ValueInfo vi : og.inputs()) defined.add(vi.name());
        for (OnnxNode n : og.nodes()) defined.addAll(n.outputs());
        Set<String> free = new LinkedHashSet<>();
        for (OnnxNode n : og.nodes()) {
            for (String in : n.inputs()) if (!in.isEmpty() && !defined.contains(in)) free.add(in);
            for (Attribute a : n.attributes().values()) {
                if (a.type() != Attribute.Type.GRAPH) continue;
                for (String in : freeNames(a.graphValue())) if (!defined.contains(in)) free.add(in);
            }
        }
        for (ValueInfo vi : og.outputs()) if (!defined.contains(vi.name())) free.add(vi.name());
        return new ArrayList<>(free);
    }
}
