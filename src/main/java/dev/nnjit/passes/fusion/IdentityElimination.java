package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.passes.GraphPass;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;

/**
 * Removes nodes that return their input unchanged, so patterns need not spell them out: Identity, Cast to the dtype
 * the input already has (T5's norms), Reshape / Expand to the shape the input already has, inference-mode Dropout,
 * and Mul or Div by a constant of ones that does not change the shape (T5's unit attention scale, BART's unit
 * embedding scale: x * 1 == x exactly for every float, NaN and signed zero included).
 *
 * <p>A node whose output is a graph output is kept, so output names survive.
 */
public final class IdentityElimination implements GraphPass {
    private int removed;

    @Override public String name() { return "identity-elimination"; }

    /** Nodes removed by the last {@link #apply}. */
    public int removed() { return removed; }

    @Override public void apply(Graph graph) {
        removed = 0;
        for (Node n : new ArrayList<>(graph.nodes())) {
            Value in = identityInput(n);
            if (in == null || n.outputs().size() < 1) continue;
            Value out = n.output(0);
            if (graph.outputs().contains(out)) continue;
            for (int i = 1; i < n.outputs().size(); i++) {
                if (!n.output(i).consumers().isEmpty() || graph.outputs().contains(n.output(i))) { in = null; break; }
            }
            if (in == null) continue;
            graph.replaceAllUses(out, in);
            graph.removeNode(n);
            removed++;
        }
        if (removed > 0) graph.pruneValues();
    }

    /** The input {@code n} passes through unchanged, or null. */
    private static Value identityInput(Node n) {
        if (!n.domain().isEmpty() || n.inputs().isEmpty() || n.input(0) == null) return null;
        Value x = n.input(0), y = n.output(0);
        switch (n.opType()) {
            case "Identity":
                return x;
            case "Cast":
            case "Reshape":
            case "Expand":
                return Match.sameType(x, y) ? x : null;
            case "Dropout": {
                Value training = n.input(2);
                if (training == null) return Match.sameType(x, y) ? x : null;
                if (!training.isConstant() || training.constant().getDouble(0) != 0) return null;
                return Match.sameType(x, y) ? x : null;
            }
            case "Mul":
                if (allOnes(n.input(1)) && Match.sameType(x, y)) return x;
                if (allOnes(n.input(0)) && Match.sameType(n.input(1), y)) return n.input(1);
                return null;
            case "Div":
                return allOnes(n.input(1)) && Match.sameType(x, y) ? x : null;
            default:
                return null;
        }
    }

    private static boolean allOnes(Value v) {
        if (v == null || !v.isConstant()) return false;
        Tensor t = v.constant();
        if (!t.dtype().isFloating() || t.size() == 0) return false;
        float[] f = t.floats();
        for (float x : f) if (x != 1f) return false;
        return true;
    }
}
