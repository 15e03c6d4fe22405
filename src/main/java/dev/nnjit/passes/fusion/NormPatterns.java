package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.tensor.Tensor;
import java.util.List;

/** Pieces shared by the LayerNorm and RMSNorm patterns. */
final class NormPatterns {
    private NormPatterns() {}

    /**
     * How a normalization divides {@code num} by sqrt(e): {@code Div(num, Sqrt(e))}, or {@code Mul(num, r)} /
     * {@code Mul(r, num)} with r = {@code Reciprocal(Sqrt(e))}, {@code Div(1, Sqrt(e))} or {@code Pow(e, -0.5)}.
     *
     * @param nodes the matched nodes (the final Div/Mul first), every intermediate read only by the next
     * @param variance e, the value under the root
     */
    record Scaling(List<Node> nodes, Value variance) {}

    /** Matches {@code out = num / sqrt(e)} in one of the spellings above, or returns null. */
    static Scaling divideByRoot(Graph g, Node out, Value num) {
        if (Match.is(out, "Div") && out.input(0) == num && out.input(1) != num) {
            Node sqrt = Match.producer(out.input(1), "Sqrt");
            if (sqrt == null || !Match.singleUse(g, out.input(1))) return null;
            return new Scaling(List.of(out, sqrt), sqrt.input(0));
        }
        if (!Match.is(out, "Mul")) return null;
        Value r = Match.other(out, num);
        if (r == null || r == num || !Match.singleUse(g, r)) return null;
        Node rn = r.producer();
        if (rn == null) return null;
        if (Match.is(rn, "Reciprocal") || (Match.is(rn, "Div") && Match.scalarIs(rn.input(0), 1.0))) {
            Value root = Match.is(rn, "Reciprocal") ? rn.input(0) : rn.input(1);
            Node sqrt = Match.producer(root, "Sqrt");
            if (sqrt == null || !Match.singleUse(g, root)) return null;
            return new Scaling(List.of(out, rn, sqrt), sqrt.input(0));
        }
        if (Match.is(rn, "Pow") && Match.scalarIs(rn.input(1), -0.5)) {
            return new Scaling(List.of(out, rn), rn.input(0));
        }
        return null;
    }

    /** {@code e = Add(v, eps)} (either order) with eps a one-element float constant: eps, or null. */
    static Float epsilonOf(Node add, Value v) {
        if (!Match.is(add, "Add")) return null;
        Value eps = Match.other(add, v);
        if (eps == v) return null;
        Float f = Match.scalar(eps);
        return f != null && f >= 0 && !Float.isInfinite(f) ? f : null;
    }

    /** {@code Pow(x, 2)} or {@code Mul(x, x)}: the squared value x, or null. */
    static Value squared(Node n) {
        if (Match.is(n, "Pow") && Match.scalarIs(n.input(1), 2.0)) return n.input(0);
        if (Match.is(n, "Mul") && n.input(0) == n.input(1)) return n.input(0);
        return null;
    }

    /**
     * A per-channel parameter for a normalization over the last dim C: a float constant with C elements whose shape
     * is [C] or [1, ..., 1, C] (rank at most {@code maxRank}). Returned as shape [C]; null if it is anything else.
     */
    static Tensor channelVector(Value p, int channels, int maxRank) {
        if (p == null || !p.isConstant() || !Match.isFloat(p)) return null;
        Tensor t = p.constant();
        int[] s = t.shape();
        if (s.length == 0 || s.length > maxRank || s[s.length - 1] != channels || t.size() != channels) return null;
        return s.length == 1 ? t : t.reshape(new int[] {channels});
    }
}
