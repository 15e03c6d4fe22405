package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.fused.FusedOps;
import java.util.List;
import java.util.Map;

/**
 * Recognizes SiLU, {@code Mul(x, Sigmoid(x))} in either order with the Sigmoid read only by that Mul, and replaces it
 * with {@code nnjit.SiLU(x)} (bit-identical: see {@link dev.nnjit.ops.fused.Activation#SILU}).
 */
public final class SiluFusion extends FusionPass {
    public SiluFusion(OpRegistry registry) { super(registry); }

    @Override public String name() { return "silu-fusion"; }

    @Override protected boolean rewriteAt(Graph g, Node mul) {
        if (!Match.is(mul, "Mul") || !Match.isFloat(mul.output(0))) return false;
        for (int i = 0; i < 2; i++) {
            Value s = mul.input(i), x = mul.input(1 - i);
            Node sigmoid = Match.producer(s, "Sigmoid");
            if (sigmoid == null || sigmoid.input(0) != x || !Match.singleUse(g, s)) continue;
            if (!Match.sameType(x, mul.output(0))) return false;
            Rewrite r = rewrite(g);
            r.remove(mul, sigmoid);
            r.add(mul.name() + "/SiLU", FusedOps.DOMAIN, "SiLU", FusedOps.OPSET, Map.of(), List.of(x), mul.output(0));
            return r.commit();
        }
        return false;
    }
}
