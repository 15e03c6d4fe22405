package dev.nnjit.passes;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Subgraphs;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpRegistry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every {@code If} whose condition is a constant by the nodes of the branch it takes, so a backend without
 * control flow (WebGPU, wasm-simd) compiles the branch like any other part of the graph. This is how merged decoders
 * (Optimum's {@code decoder_model_merged.onnx}, an If on the input {@code use_cache_branch}) run there: the session
 * makes such a condition input a compile-time constant, one plan per value (see {@code dev.nnjit.api.Session}).
 *
 * <p>The branch's values are copied into this graph under fresh names (its inputs are the node's captured inputs, in
 * order: {@link Subgraphs}); the node's outputs are rewired to the branch's outputs. Nested Ifs come along as nodes and
 * are inlined in turn when their own conditions are constant. Types are re-inferred and folded afterwards, since the
 * branch was typed with the model's symbolic shapes. An If with a non-constant condition is left alone (the CPU
 * executor runs it; a backend without a lowering for it says so when it compiles).
 */
public final class IfInlining implements GraphPass {
    private final OpRegistry registry;

    public IfInlining(OpRegistry registry) { this.registry = registry; }

    @Override public String name() { return "if-inlining"; }

    @Override public void apply(Graph graph) {
        boolean inlined = false;
        boolean again = true;
        while (again) {
            again = false;
            for (Node n : new ArrayList<>(graph.nodes())) {
                if (!"If".equals(n.opType()) || !n.domain().isEmpty() || !(n.payload() instanceof Subgraphs)) continue;
                Value cond = n.input(0);
                if (cond == null || !cond.isConstant() || cond.constant().size() != 1) continue;
                String branch = cond.constant().getDouble(0) != 0 ? "then_branch" : "else_branch";
                inline(graph, n, ((Subgraphs) n.payload()).body(branch));
                inlined = true;
                again = true;
            }
        }
        if (inlined) {
            graph.sortTopologically();
            new InferAndFold(registry, true).apply(graph);
            new DeadCodeElimination().apply(graph);
        }
    }

    private static void inline(Graph graph, Node node, Graph body) {
        Subgraphs s = (Subgraphs) node.payload();
        int capturedFrom = node.inputs().size() - s.captured().size();
        Map<Value, Value> map = new IdentityHashMap<>();
        List<Value> bodyInputs = body.inputs();
        for (int i = 0; i < bodyInputs.size(); i++) map.put(bodyInputs.get(i), node.input(capturedFrom + i));
        String prefix = node.name().isEmpty() ? "if" : node.name();
        for (Value v : body.values()) {
            if (map.containsKey(v)) continue;
            Value copy = graph.newValue(graph.uniqueName(prefix + "/" + v.name()), v.type());
            if (v.isConstant()) copy.setConstant(v.constant());
            map.put(v, copy);
        }
        graph.removeNode(node);
        for (Node b : body.nodes()) {
            List<Value> ins = new ArrayList<>();
            for (Value v : b.inputs()) ins.add(v == null ? null : map.get(v));
            List<Value> outs = new ArrayList<>();
            for (Value v : b.outputs()) outs.add(map.get(v));
            graph.addNode(prefix + "/" + b.name(), b.opType(), b.domain(), b.opset(), b.attributes(), ins, outs,
                    b.payload());
        }
        // the node's outputs keep their values (and names: some are graph outputs), now made by an Identity of the
        // branch's output; identity elimination removes those that are not graph outputs
        for (int i = 0; i < node.outputs().size(); i++) {
            Value branchOut = map.get(body.outputs().get(i));
            graph.addNode(prefix + "/output" + i, "Identity", "", graph.opsets().getOrDefault("", 13), Map.of(), List.of(branchOut),
                    List.of(node.output(i)));
        }
    }
}
