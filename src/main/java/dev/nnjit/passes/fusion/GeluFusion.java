package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recognizes GELU written out with elementary ops and replaces it with ONNX {@code Gelu} (opset 20):
 * <pre>
 * exact:  x * 0.5 * (1 + Erf(x / sqrt(2)))                                  (Div by sqrt 2 or Mul by 1/sqrt 2)
 * tanh:   x * 0.5 * (1 + Tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))           -> Gelu(approximate="tanh")
 * </pre>
 * The outer product of x, 0.5 and (1 + ...) may be grouped and ordered in any way with two Muls (BERT:
 * (x * a) * 0.5; GPT-2: (x * 0.5) * a). x^3 is Pow(x, 3) or x * x * x. Constants must match to 1e-6 relative
 * (they are float32 roundings of the exact values), and every intermediate must be read only inside the pattern.
 */
public final class GeluFusion extends FusionPass {
    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double TOL = 1e-6;

    public GeluFusion(OpRegistry registry) { super(registry); }

    @Override public String name() { return "gelu-fusion"; }

    /** Anchored at the outer Mul of the product x * 0.5 * (1 + f(x)). */
    @Override protected boolean rewriteAt(Graph g, Node top) {
        if (!Match.is(top, "Mul") || !Match.isFloat(top.output(0))) return false;
        List<Node> muls = new ArrayList<>();
        List<Value> factors = new ArrayList<>();
        muls.add(top);
        for (Value v : top.inputs()) {
            Node inner = Match.producer(v, "Mul");
            if (inner != null && Match.singleUse(g, v) && muls.size() == 1 && !isOnePlus(g, v)) {
                muls.add(inner);
                factors.add(inner.input(0));
                factors.add(inner.input(1));
            } else {
                factors.add(v);
            }
        }
        if (factors.size() != 3) return false;
        Value half = null, onePlus = null;
        for (Value f : factors) {
            if (half == null && Match.scalarNear(f, 0.5, TOL)) half = f;
            else if (onePlus == null && isOnePlus(g, f)) onePlus = f;
        }
        if (half == null || onePlus == null) return false;
        Value x = null;
        for (Value f : factors) if (f != half && f != onePlus) x = f;
        if (x == null || !Match.sameType(x, top.output(0))) return false;

        Node add = onePlus.producer();
        Value fx = Match.other(add, Match.scalarIs(add.input(0), 1.0) ? add.input(0) : add.input(1));
        List<Node> matched = new ArrayList<>(muls);
        matched.add(add);
        String approximate;
        if (Match.singleUse(g, fx) && erfBranch(g, fx, x, matched)) approximate = "none";
        else if (Match.singleUse(g, fx) && tanhBranch(g, fx, x, matched)) approximate = "tanh";
        else return false;

        Rewrite r = rewrite(g);
        r.remove(matched.toArray(new Node[0]));
        r.add(top.name() + "/Gelu", "", "Gelu", 20, Map.of("approximate", Attribute.ofString("approximate", approximate)),
                List.of(x), top.output(0));
        return r.commit();
    }

    /** v = Add(1, f) or Add(f, 1), read once. */
    private static boolean isOnePlus(Graph g, Value v) {
        Node add = Match.producer(v, "Add");
        return add != null && Match.singleUse(g, v)
                && (Match.scalarIs(add.input(0), 1.0) ^ Match.scalarIs(add.input(1), 1.0));
    }

    /** fx = Erf(x / sqrt 2) (Div by sqrt 2, or Mul by 1/sqrt 2 in either order). */
    private static boolean erfBranch(Graph g, Value fx, Value x, List<Node> matched) {
        Node erf = Match.producer(fx, "Erf");
        if (erf == null || !Match.singleUse(g, erf.input(0))) return false;
        Node scale = erf.input(0).producer();
        boolean ok = Match.is(scale, "Div") && scale.input(0) == x && Match.scalarNear(scale.input(1), SQRT_2, TOL)
                || Match.is(scale, "Mul") && Match.scalarNear(Match.other(scale, x), 1 / SQRT_2, TOL);
        if (!ok) return false;
        matched.add(erf);
        matched.add(scale);
        return true;
    }

    /** fx = Tanh(sqrt(2/pi) * (x + 0.044715 * x^3)), products and the sum in either order. */
    private static boolean tanhBranch(Graph g, Value fx, Value x, List<Node> matched) {
        Node tanh = Match.producer(fx, "Tanh");
        if (tanh == null || !Match.singleUse(g, tanh.input(0))) return false;
        Node outer = Match.producer(tanh.input(0), "Mul");
        if (outer == null) return false;
        Value sum = Match.scalarNear(outer.input(0), SQRT_2_OVER_PI, TOL) ? outer.input(1)
                : Match.scalarNear(outer.input(1), SQRT_2_OVER_PI, TOL) ? outer.input(0) : null;
        Node add = Match.producer(sum, "Add");
        if (add == null || !Match.singleUse(g, sum)) return false;
        Value cubic = Match.other(add, x);
        Node cubicMul = Match.producer(cubic, "Mul");
        if (cubicMul == null || cubic == x || !Match.singleUse(g, cubic)) return false;
        Value cube = Match.scalarNear(cubicMul.input(0), 0.044715, TOL) ? cubicMul.input(1)
                : Match.scalarNear(cubicMul.input(1), 0.044715, TOL) ? cubicMul.input(0) : null;
        if (cube == null || !Match.singleUse(g, cube)) return false;
        List<Node> cubeNodes = cubeOf(g, cube, x);
        if (cubeNodes == null) return false;
        matched.add(tanh);
        matched.add(outer);
        matched.add(add);
        matched.add(cubicMul);
        matched.addAll(cubeNodes);
        return true;
    }

    /** v = Pow(x, 3), Mul(x, Mul(x, x)) or Mul(Mul(x, x), x): the nodes, or null. */
    private static List<Node> cubeOf(Graph g, Value v, Value x) {
        Node p = v.producer();
        if (Match.is(p, "Pow") && p.input(0) == x && Match.scalarIs(p.input(1), 3.0)) return List.of(p);
        if (!Match.is(p, "Mul")) return null;
        Value sq = Match.other(p, x);
        Node sqn = Match.producer(sq, "Mul");
        if (sqn == null || sq == x || !Match.singleUse(g, sq) || sqn.input(0) != x || sqn.input(1) != x) return null;
        return List.of(p, sqn);
    }
}
