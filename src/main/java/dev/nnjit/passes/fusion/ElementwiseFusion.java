package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.ops.fused.ElementwiseProgram;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.passes.GraphPass;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges maximal groups of elementwise ops into single {@code nnjit.FusedElementwise} nodes whose payload is the
 * group's {@link ElementwiseProgram}.
 *
 * <p>Groups grow upstream from a root (walking nodes in reverse topological order): a producer joins when it is
 * elementwise (see {@link #opOf}), statically shaped, and every reader of its output is already in the group (so
 * nothing outside needs the intermediate, and the group has one output). Inputs may be read several times; a
 * one-element constant is inlined when it does not set the shape of the op reading it, larger constants stay inputs.
 * Groups of one op are left alone. Dtypes are limited to float32, int32, int64 and bool, the ones a GPU kernel
 * carries natively.
 */
public final class ElementwiseFusion implements GraphPass {
    private final OpRegistry registry;
    private int groups;
    private int fusedOps;

    public ElementwiseFusion(OpRegistry registry) { this.registry = registry; }

    @Override public String name() { return "elementwise-fusion"; }

    /** Fused nodes made by the last {@link #apply}. */
    public int groups() { return groups; }
    /** Original ops they replaced. */
    public int fusedOps() { return fusedOps; }

    @Override public void apply(Graph graph) {
        groups = 0;
        fusedOps = 0;
        List<Node> order = new ArrayList<>(graph.nodes());
        Map<Node, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) position.put(order.get(i), i);
        Set<Node> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = order.size() - 1; i >= 0; i--) {
            Node root = order.get(i);
            if (taken.contains(root) || !fusable(root)) continue;
            List<Node> group = grow(graph, root, taken);
            if (group.size() < 2) continue;
            group.sort((a, b) -> Integer.compare(position.get(a), position.get(b)));
            if (replace(graph, group, root)) {
                taken.addAll(group);
                groups++;
                fusedOps += group.size();
            }
        }
        if (groups > 0) {
            graph.sortTopologically();
            graph.pruneValues();
        }
    }

    private static List<Node> grow(Graph g, Node root, Set<Node> taken) {
        List<Node> group = new ArrayList<>(List.of(root));
        Set<Node> members = Collections.newSetFromMap(new IdentityHashMap<>());
        members.add(root);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 0; k < group.size(); k++) {
                for (Value v : group.get(k).inputs()) {
                    Node p = v == null ? null : v.producer();
                    if (p == null || members.contains(p) || taken.contains(p) || !fusable(p)) continue;
                    if (g.outputs().contains(v)) continue;
                    boolean inside = true;
                    for (Node c : v.consumers()) if (!members.contains(c)) { inside = false; break; }
                    if (!inside) continue;
                    group.add(p);
                    members.add(p);
                    changed = true;
                }
            }
        }
        return group;
    }

    private boolean replace(Graph g, List<Node> group, Node root) {
        ElementwiseProgram.Builder b = new ElementwiseProgram.Builder();
        Map<Value, Integer> ids = new IdentityHashMap<>();
        List<Value> inputs = new ArrayList<>();
        for (Node n : group) {
            int[] args = new int[n.inputs().size()];
            for (int a = 0; a < args.length; a++) {
                Value v = n.input(a);
                Integer id = ids.get(v);
                if (id == null && inlinable(n, a)) {
                    id = b.constant(v.constant().getDouble(0), v.type().dtype());
                } else if (id == null) {
                    id = b.input(v.type().dtype());
                    ids.put(v, id);
                    inputs.add(v);
                }
                args[a] = id;
            }
            ids.put(n.output(0), b.op(opOf(n), n.output(0).type().dtype(), args));
        }
        if (inputs.isEmpty()) return false;
        ElementwiseProgram program = b.build();
        Rewrite r = new Rewrite(g, registry);
        r.remove(group.toArray(new Node[0]));
        r.add(root.name() + "/FusedElementwise", FusedOps.DOMAIN, "FusedElementwise", FusedOps.OPSET,
                Map.of(), inputs, List.of(root.output(0)), program);
        return r.commit();
    }

    /**
     * Input {@code a} of {@code n} is a one-element constant that can become an inline scalar: representable
     * exactly (integers below 2^31) and not what gives the op its output shape.
     */
    private static boolean inlinable(Node n, int a) {
        Value v = n.input(a);
        if (!v.isConstant() || v.constant().size() != 1) return false;
        Tensor t = v.constant();
        if (t.dtype().isInteger() && Math.abs(t.getLong(0)) >= (1L << 31)) return false;
        List<int[]> others = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) if (i != a) others.add(Match.dims(n.input(i)));
        if (others.isEmpty()) return false;
        int[] shape = Broadcasting.shape(others.toArray(new int[0][]));
        return java.util.Arrays.equals(shape, Match.dims(n.output(0)));
    }

    private static final Set<DType> CARRIED = Set.of(DType.FLOAT, DType.INT32, DType.INT64, DType.BOOL);

    /** Elementwise, one output, every input and the output statically shaped in a carried dtype. */
    private static boolean fusable(Node n) {
        if (n.outputs().size() != 1 || opOf(n) == null) return false;
        if (!carried(n.output(0))) return false;
        for (Value v : n.inputs()) if (v == null || !carried(v)) return false;
        return true;
    }

    private static boolean carried(Value v) {
        return v.type() != null && CARRIED.contains(v.type().dtype()) && Match.dims(v) != null;
    }

    /** The program op for an elementwise node, or null when it is not one (or has a form this pass leaves alone). */
    static ElementwiseOp opOf(Node n) {
        ElementwiseOp op = ElementwiseOp.ofOnnx(n.domain(), n.opType());
        if (op == null) return null;
        int inputs = n.inputs().size();
        DType t0 = inputs > 0 && n.input(0) != null ? n.input(0).type().dtype() : null;
        boolean floats = t0 == DType.FLOAT;
        switch (op) {
            case POW: return floats && n.input(1).type().dtype() == DType.FLOAT ? op : null;
            case MIN: case MAX: return inputs == 2 ? op : null;
            case GELU: {
                String approx = Match.stringAttr(n, "approximate", "none");
                return approx.equals("none") ? op : approx.equals("tanh") ? ElementwiseOp.GELU_TANH : null;
            }
            default: return op.floatOnly && !floats ? null : op;
        }
    }
}
