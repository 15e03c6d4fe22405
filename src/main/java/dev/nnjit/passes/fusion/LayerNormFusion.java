package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognizes layer normalization over the last axis as exporters before opset 17 spell it (BERT, MiniLM, BART):
 * <pre>
 * m = ReduceMean(x, [-1]);  d = Sub(x, m);  v = ReduceMean(Pow(d, 2) | Mul(d, d), [-1])
 * n = d / sqrt(Add(v, eps))                     (any spelling of {@link NormPatterns#divideByRoot})
 * y = Add(Mul(n, gamma), beta)                  (either operand order; Mul and Add optional)
 * </pre>
 * and replaces it with {@code LayerNormalization(x, gamma, beta; axis=-1, epsilon=eps)} (opset 17; gamma = ones when
 * absent). Conservative: float x of static shape, both means over exactly the last axis with keepdims, exponent
 * exactly 2, eps a one-element constant, gamma/beta constants of C = last-dim elements that do not change the
 * shape, and every intermediate read only inside the pattern.
 */
public final class LayerNormFusion extends FusionPass {
    public LayerNormFusion(OpRegistry registry) { super(registry); }

    @Override public String name() { return "layer-norm-fusion"; }

    @Override protected boolean rewriteAt(Graph g, Node mean) {
        if (!Match.isLastAxisMean(mean)) return false;
        Value x = mean.input(0);
        int[] xd = Match.dims(x);
        if (!Match.isFloat(x) || xd == null) return false;
        int channels = xd[xd.length - 1];
        Node sub = Match.onlyConsumer(g, mean.output(0));
        if (!Match.is(sub, "Sub") || sub.input(0) != x || sub.input(1) != mean.output(0)) return false;
        Value d = sub.output(0);
        if (!Match.sameType(d, x)) return false;

        Node square = null, divide = null;
        for (Node c : d.consumers()) {
            if (NormPatterns.squared(c) == d) square = c; else divide = c;
        }
        if (square == null || divide == null || !Match.usedOnlyBy(g, d, square, divide)) return false;
        int reads = 0;
        for (Node c : d.consumers()) if (c == divide) reads++;
        if (reads != 1) return false;

        Node var = Match.onlyConsumer(g, square.output(0));
        if (!Match.isLastAxisMean(var)) return false;
        Node addEps = Match.onlyConsumer(g, var.output(0));
        Float eps = NormPatterns.epsilonOf(addEps, var.output(0));
        if (eps == null || !Match.singleUse(g, addEps.output(0))) return false;
        NormPatterns.Scaling scaling = NormPatterns.divideByRoot(g, divide, d);
        if (scaling == null || scaling.variance() != addEps.output(0)) return false;

        List<Node> matched = new ArrayList<>(Arrays.asList(mean, sub, square, var, addEps));
        matched.addAll(scaling.nodes());
        Value result = divide.output(0);
        if (!Match.sameType(result, x)) return false;

        Tensor gamma = null, beta = null;
        Node mul = Match.onlyConsumer(g, result);
        if (Match.is(mul, "Mul")) {
            gamma = NormPatterns.channelVector(Match.other(mul, result), channels, xd.length);
            if (gamma != null && Match.sameType(mul.output(0), x)) {
                matched.add(mul);
                result = mul.output(0);
                Node add = Match.onlyConsumer(g, result);
                if (Match.is(add, "Add")) {
                    beta = NormPatterns.channelVector(Match.other(add, result), channels, xd.length);
                    if (beta != null && Match.sameType(add.output(0), x)) {
                        matched.add(add);
                        result = add.output(0);
                    } else {
                        beta = null;
                    }
                }
            } else {
                gamma = null;
            }
        }
        Rewrite r = rewrite(g);
        if (gamma == null) {
            float[] ones = new float[channels];
            Arrays.fill(ones, 1f);
            gamma = Tensor.ofFloats(new int[] {channels}, ones);
        }
        List<Value> ins = new ArrayList<>();
        ins.add(x);
        ins.add(r.constant(mean.name() + "_ln_scale", gamma));
        if (beta != null) ins.add(r.constant(mean.name() + "_ln_bias", beta));
        Map<String, Attribute> attrs = new HashMap<>();
        attrs.put("axis", Attribute.ofInt("axis", -1));
        attrs.put("epsilon", Attribute.ofFloat("epsilon", eps));
        r.remove(matched.toArray(new Node[0]));
        r.add(result.producer().name() + "/LayerNormalization", "", "LayerNormalization", Math.max(17, mean.opset()),
                attrs, ins, result);
        return r.commit();
    }
}
