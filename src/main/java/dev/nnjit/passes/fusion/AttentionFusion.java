package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Recognizes scaled dot-product attention on 4-D heads and replaces it with {@code nnjit.Attention}:
 * <pre>
 * s = MatMul(Q [B,H,Sq,D], Kt [B,H,D,Skv])          Q and Kt may each be Mul(., c) (torch SDPA: c = sqrt(scale))
 * s = Mul(s, c) | Mul(c, s) | Div(s, c)              optional; scale = c or 1/c (T5 has none: scale 1)
 * s = Add(s, m1) [then Add(s, m2)]                   optional, either order; the masks are summed (T5: bias + mask)
 * Y = MatMul(Softmax(s, last axis), V [B,H,Skv,Dv])
 * </pre>
 * Kt becomes K [B,H,Skv,D]: a Transpose producing Kt (read only here) is rewritten to produce K directly, or removed
 * when that is the identity; any other Kt gets a Transpose(0,1,3,2). Grouped-query attention: when K or V is the
 * export's repeat_kv ({@code Reshape(Expand(Unsqueeze(kv, 2)))} from Hkv to H heads), Attention reads kv directly.
 *
 * <p>Conservative: static shapes, the scores chain read only inside the pattern, masks float and broadcasting to the
 * scores without changing their shape, and exactly one side of each Add leading back to the QK product.
 */
public final class AttentionFusion extends FusionPass {
    public AttentionFusion(OpRegistry registry) { super(registry); }

    @Override public String name() { return "attention-fusion"; }

    @Override protected boolean rewriteAt(Graph g, Node softmax) {
        if (!Match.is(softmax, "Softmax")) return false;
        Value s = softmax.input(0);
        int[] sd = Match.dims(s);
        if (sd == null || sd.length != 4 || !Match.isFloat(s)) return false;
        long axis = Match.intAttr(softmax, "axis", softmax.opset() < 13 ? 1 : -1);
        if (axis != -1 && axis != 3) return false;
        Node pv = Match.onlyConsumer(g, softmax.output(0));
        if (!Match.is(pv, "MatMul") || pv.input(0) != softmax.output(0)) return false;
        List<Node> matched = new ArrayList<>(Arrays.asList(softmax, pv));

        List<Value> masks = new ArrayList<>();
        Value cur = s;
        while (masks.size() < 2 && Match.singleUse(g, cur) && Match.is(cur.producer(), "Add")) {
            Node add = cur.producer();
            boolean left = reachesScores(add.input(0), 3), right = reachesScores(add.input(1), 3);
            if (left == right) return false;
            masks.add(0, add.input(left ? 1 : 0));
            matched.add(add);
            cur = add.input(left ? 0 : 1);
        }
        float scale = 1f;
        Node scaleNode = cur.producer();
        if (Match.singleUse(g, cur) && (Match.is(scaleNode, "Mul") || Match.is(scaleNode, "Div"))) {
            Float c0 = Match.scalar(scaleNode.input(0)), c1 = Match.scalar(scaleNode.input(1));
            if (Match.is(scaleNode, "Div") && c1 != null && c0 == null) {
                scale = (float) (1.0 / c1);
                cur = scaleNode.input(0);
            } else if (Match.is(scaleNode, "Mul") && (c0 == null) != (c1 == null)) {
                scale = c0 != null ? c0 : c1;
                cur = scaleNode.input(c0 != null ? 1 : 0);
            } else {
                return false;
            }
            matched.add(scaleNode);
        }
        Node qk = Match.producer(cur, "MatMul");
        if (qk == null || !Match.singleUse(g, cur)) return false;
        matched.add(qk);

        Value q = qk.input(0), kt = qk.input(1), v = pv.input(1);
        // torch's scaled_dot_product_attention decomposition scales both operands by sqrt(scale) instead
        Node qScale = scaledBy(g, q), kScale = scaledBy(g, kt);
        if (qScale != null) {
            scale *= scaleFactor(qScale);
            q = unscaled(qScale);
            matched.add(qScale);
        }
        if (kScale != null) {
            scale *= scaleFactor(kScale);
            kt = unscaled(kScale);
            matched.add(kScale);
        }
        int[] qd = Match.dims(q), ktd = Match.dims(kt), vd = Match.dims(v);
        if (qd == null || ktd == null || vd == null || qd.length != 4 || ktd.length != 4 || vd.length != 4) return false;
        int b = qd[0], h = qd[1], sq = qd[2], d = qd[3], skv = ktd[3];
        if (!Arrays.equals(ktd, new int[] {b, h, d, skv}) || vd[0] != b || vd[1] != h || vd[2] != skv
                || !Arrays.equals(sd, new int[] {b, h, sq, skv})) {
            return false;
        }
        for (Value m : masks) {
            int[] md = Match.dims(m);
            if (md == null || md.length > 4 || !Match.isFloat(m) || !broadcastsTo(md, sd)) return false;
        }

        Rewrite r = rewrite(g);
        Value k = keys(g, r, kt, matched, qk.name());
        Value kIn = stripRepeatKv(g, k, b, h, matched);
        Value vIn = stripRepeatKv(g, v, b, h, matched);
        List<Value> ins = new ArrayList<>(List.of(q, kIn == null ? k : kIn, vIn == null ? v : vIn));
        if (!masks.isEmpty()) ins.add(mask(r, masks, qk.name()));
        r.remove(matched.toArray(new Node[0]));
        r.add(pv.name() + "/Attention", FusedOps.DOMAIN, "Attention", FusedOps.OPSET,
                Map.of("scale", Attribute.ofFloat("scale", scale)), ins, pv.output(0));
        return r.commit();
    }

    /** The Mul producing {@code v} from a value and a one-element constant, when only the pattern reads v; else null. */
    private static Node scaledBy(Graph g, Value v) {
        Node m = Match.producer(v, "Mul");
        if (m == null || !Match.singleUse(g, v)) return null;
        return (Match.scalar(m.input(0)) == null) != (Match.scalar(m.input(1)) == null) ? m : null;
    }

    private static float scaleFactor(Node mul) {
        Float c = Match.scalar(mul.input(0));
        return c != null ? c : Match.scalar(mul.input(1));
    }

    private static Value unscaled(Node mul) {
        return Match.scalar(mul.input(0)) != null ? mul.input(1) : mul.input(0);
    }

    /** v leads back, through Mul/Div by scalars and Adds (at most {@code depth} steps), to a MatMul. */
    private static boolean reachesScores(Value v, int depth) {
        Node p = v.producer();
        if (Match.is(p, "MatMul")) return true;
        if (depth == 0 || p == null) return false;
        if (Match.is(p, "Mul") || Match.is(p, "Div")) {
            if (Match.scalar(p.input(1)) != null) return reachesScores(p.input(0), depth - 1);
            if (Match.is(p, "Mul") && Match.scalar(p.input(0)) != null) return reachesScores(p.input(1), depth - 1);
            return false;
        }
        if (Match.is(p, "Add")) return reachesScores(p.input(0), depth - 1) || reachesScores(p.input(1), depth - 1);
        return false;
    }

    private static boolean broadcastsTo(int[] m, int[] s) {
        for (int i = 0; i < m.length; i++) {
            int sdim = s[s.length - m.length + i];
            if (m[i] != 1 && m[i] != sdim) return false;
        }
        return true;
    }

    /** K [B,H,Skv,D] from Kt [B,H,D,Skv]: rewrites Kt's Transpose when only this pattern reads it. */
    private Value keys(Graph g, Rewrite r, Value kt, List<Node> matched, String name) {
        Node t = Match.producer(kt, "Transpose");
        long[] perm = t == null ? null : Match.ints(t, "perm");
        if (t != null && perm == null) perm = new long[] {3, 2, 1, 0};
        if (t != null && perm.length == 4 && Match.singleUse(g, kt)) {
            long[] swapped = perm.clone();
            swapped[2] = perm[3];
            swapped[3] = perm[2];
            matched.add(t);
            if (Arrays.equals(swapped, new long[] {0, 1, 2, 3})) return t.input(0);
            Value k = r.fresh(name + "_k");
            r.add(t.name() + "/K", "", "Transpose", t.opset(), Map.of("perm", Attribute.ofInts("perm", swapped)),
                    List.of(t.input(0)), k);
            return k;
        }
        Value k = r.fresh(name + "_k");
        r.add(name + "/K", "", "Transpose", 13, Map.of("perm", Attribute.ofInts("perm", new long[] {0, 1, 3, 2})),
                List.of(kt), k);
        return k;
    }

    /**
     * When {@code x} [B,H,S,D] is {@code Reshape(Expand(Unsqueeze(kv, axis 2) to [B,Hkv,n,S,D]))} with Hkv * n = H
     * and nothing else reads the chain (Llama's repeat_kv), returns kv [B,Hkv,S,D] and adds the chain to
     * {@code matched}; else null.
     */
    private static Value stripRepeatKv(Graph g, Value x, int b, int h, List<Node> matched) {
        Node reshape = Match.producer(x, "Reshape");
        if (reshape == null || !usedOnlyByMatched(g, x, matched)) return null;
        Value e = reshape.input(0);
        Node expand = Match.producer(e, "Expand");
        if (expand == null || !Match.singleUse(g, e)) return null;
        Value u = expand.input(0);
        Node unsqueeze = Match.producer(u, "Unsqueeze");
        long[] axes = unsqueeze == null ? null : Match.unsqueezeAxes(unsqueeze);
        if (axes == null || axes.length != 1 || axes[0] != 2 || !Match.singleUse(g, u)) return null;
        Value kv = unsqueeze.input(0);
        int[] kd = Match.dims(kv), ed = Match.dims(e), xd = Match.dims(x);
        if (kd == null || ed == null || xd == null || kd.length != 4 || ed.length != 5) return null;
        int hkv = kd[1];
        if (kd[0] != b || !Arrays.equals(ed, new int[] {b, hkv, h / hkv, kd[2], kd[3]}) || hkv * (h / hkv) != h
                || !Arrays.equals(xd, new int[] {b, h, kd[2], kd[3]})) {
            return null;
        }
        matched.add(reshape);
        matched.add(expand);
        matched.add(unsqueeze);
        return kv;
    }

    private static boolean usedOnlyByMatched(Graph g, Value x, List<Node> matched) {
        return Match.usedOnlyBy(g, x, matched.toArray(new Node[0]));
    }

    /** One additive mask: the single mask, or the sum of two (folded when both are constants). */
    private Value mask(Rewrite r, List<Value> masks, String name) {
        if (masks.size() == 1) return masks.get(0);
        Value a = masks.get(0), c = masks.get(1);
        if (a.isConstant() && c.isConstant()) {
            Tensor[] ins = {a.constant(), c.constant()};
            Tensor sum = registry.find("", "Add").compute(OpContext.standalone("Add", 14, Map.of(), ins, 1), ins)[0];
            return r.constant(name + "_mask", sum);
        }
        Value sum = r.fresh(name + "_mask");
        r.add(name + "/mask", "", "Add", 14, Map.of(), List.of(a, c), sum);
        return sum;
    }
}
