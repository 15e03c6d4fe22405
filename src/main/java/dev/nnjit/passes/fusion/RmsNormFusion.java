package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Recognizes RMS normalization over the last axis (Llama, T5):
 * <pre>
 * v = ReduceMean(Pow(x, 2) | Mul(x, x), [-1]);  n = x / sqrt(Add(v, eps));  y = Mul(n, gamma)   (either order)
 * </pre>
 * where the division is any spelling of {@link NormPatterns#divideByRoot} (Div by Sqrt; Mul by Reciprocal(Sqrt),
 * by Div(1, Sqrt), by Pow(-0.5)), and replaces it with {@code nnjit.RMSNormalization(x, gamma; axis=-1, epsilon)}.
 * T5's Cast of x to float32 is an identity on float32 models and is removed beforehand by
 * {@link IdentityElimination}. Same conservative conditions as {@link LayerNormFusion}; gamma is required.
 */
public final class RmsNormFusion extends FusionPass {
    public RmsNormFusion(OpRegistry registry) { super(registry); }

    @Override public String name() { return "rms-norm-fusion"; }

    @Override protected boolean rewriteAt(Graph g, Node mean) {
        if (!Match.isLastAxisMean(mean)) return false;
        Value p = mean.input(0);
        Node square = p.producer();
        Value x = square == null ? null : NormPatterns.squared(square);
        int[] xd = Match.dims(x);
        if (x == null || xd == null || !Match.isFloat(x) || !Match.singleUse(g, p)) return false;
        Node addEps = Match.onlyConsumer(g, mean.output(0));
        Float eps = NormPatterns.epsilonOf(addEps, mean.output(0));
        if (eps == null) return false;
        Value e = addEps.output(0);
        Node divide = divideNode(g, e);
        if (divide == null) return false;
        NormPatterns.Scaling scaling = NormPatterns.divideByRoot(g, divide, x);
        if (scaling == null || scaling.variance() != e || !Match.sameType(divide.output(0), x)) return false;
        Node mul = Match.onlyConsumer(g, divide.output(0));
        if (!Match.is(mul, "Mul")) return false;
        Tensor gamma = NormPatterns.channelVector(Match.other(mul, divide.output(0)), xd[xd.length - 1], xd.length);
        Value result = mul.output(0);
        if (gamma == null || !Match.sameType(result, x)) return false;

        List<Node> matched = new ArrayList<>(Arrays.asList(square, mean, addEps, mul));
        matched.addAll(scaling.nodes());
        Rewrite r = rewrite(g);
        Value scale = r.constant(mean.name() + "_rms_scale", gamma);
        r.remove(matched.toArray(new Node[0]));
        r.add(mul.name() + "/RMSNormalization", FusedOps.DOMAIN, "RMSNormalization", FusedOps.OPSET,
                Map.of("axis", Attribute.ofInt("axis", -1), "epsilon", Attribute.ofFloat("epsilon", eps)),
                List.of(x, scale), result);
        return r.commit();
    }

    /** The node dividing x by the root of {@code e}: found by following e's only reader(s) downstream. */
    private static Node divideNode(Graph g, Value e) {
        Node c = Match.onlyConsumer(g, e);
        if (c == null) return null;
        if (Match.is(c, "Pow")) return Match.onlyConsumer(g, c.output(0));
        if (!Match.is(c, "Sqrt")) return null;
        Node next = Match.onlyConsumer(g, c.output(0));
        if (Match.is(next, "Div") && next.input(1) == c.output(0) && !Match.scalarIs(next.input(0), 1.0)) return next;
        if (Match.is(next, "Reciprocal") || Match.is(next, "Div")) return Match.onlyConsumer(g, next.output(0));
        return null;
    }
}
