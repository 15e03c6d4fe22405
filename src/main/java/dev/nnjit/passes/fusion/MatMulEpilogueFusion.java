package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.fused.Activation;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a linear layer's epilogue into {@code nnjit.FusedMatMul(A, B, bias?; transB, activation)}:
 * <pre>
 * MatMul(A, B) | Gemm(A, B, C; transA=0, alpha=1, beta=1)
 *   -> Add(., bias) (either order; bias a constant of N elements shaped [N] or [1,...,1,N]; Gemm: its C)
 *   -> activation: Relu, Gelu (none / tanh) or nnjit.SiLU (the matmul kernels' set), optionally behind a Reshape
 *      (GPT-2's Gemm -> Reshape -> gelu: FusedMatMul then Reshape, since an elementwise op commutes with it)
 * </pre>
 * A Transpose of a constant B swapping its last two dims becomes transB=1 on the constant itself (no copy), and a
 * Gemm's transB carries over. A MatMul with nothing to fold stays a MatMul. Every folded value must be read only by
 * the next step of the pattern.
 */
public final class MatMulEpilogueFusion extends FusionPass {
    public MatMulEpilogueFusion(OpRegistry registry) { super(registry); }

    @Override public String name() { return "matmul-epilogue-fusion"; }

    /** The folded tail of a product: bias, activation, and what they replace. */
    private static final class Epilogue {
        Tensor bias;
        Value biasValue;
        Activation activation = Activation.NONE;
        Node reshape;
        final List<Node> nodes = new ArrayList<>();
        Value result;
    }

    @Override protected boolean rewriteAt(Graph g, Node n) {
        if (Match.is(n, "MatMul")) return matmul(g, n);
        if (Match.is(n, "Gemm")) return gemm(g, n);
        return false;
    }

    private boolean matmul(Graph g, Node mm) {
        Value a = mm.input(0), b = mm.input(1);
        int[] ad = Match.dims(a), bd = Match.dims(b);
        if (ad == null || bd == null || ad.length < 2 || bd.length < 2 || !Match.isFloat(a)) return false;
        List<Node> matched = new ArrayList<>(List.of(mm));
        boolean transB = false;
        Node t = Match.producer(b, "Transpose");
        if (t != null && t.input(0).isConstant() && Match.singleUse(g, b) && swapsLastTwo(t, bd.length)) {
            b = t.input(0);
            transB = true;
            matched.add(t);
        }
        Epilogue ep = epilogue(g, mm.output(0), bd[bd.length - 1], true);
        if (!transB && ep.bias == null && ep.activation == Activation.NONE) return false;
        return commit(g, mm, a, b, transB, ep, matched);
    }

    private boolean gemm(Graph g, Node gm) {
        if (Match.intAttr(gm, "transA", 0) != 0 || Match.floatAttr(gm, "alpha", 1f) != 1f) return false;
        Value a = gm.input(0), b = gm.input(1), c = gm.input(2);
        int[] ad = Match.dims(a), bd = Match.dims(b);
        if (ad == null || bd == null || ad.length != 2 || bd.length != 2 || !Match.isFloat(a)) return false;
        boolean transB = Match.intAttr(gm, "transB", 0) != 0;
        int n = bd[transB ? 0 : 1];
        Epilogue ep = epilogue(g, gm.output(0), n, c == null);
        if (c != null) {
            if (Match.floatAttr(gm, "beta", 1f) != 1f) return false;
            int[] cd = Match.dims(c);
            Tensor vec = NormPatterns.channelVector(c, n, 2);
            if (vec != null) {
                ep.bias = vec;
                ep.biasValue = c;
            } else if (cd != null && cd.length == 1 && cd[0] == n && Match.isFloat(c)) {
                ep.biasValue = c; // a runtime vector of N: passed through as is
            } else {
                return false;
            }
        }
        return commit(g, gm, a, b, transB, ep, new ArrayList<>(List.of(gm)));
    }

    /** Perm swaps exactly the last two of {@code rank} dims (the default perm reverses, which is that for rank 2). */
    private static boolean swapsLastTwo(Node t, int rank) {
        long[] perm = Match.ints(t, "perm");
        if (perm == null) return rank == 2;
        if (perm.length != rank) return false;
        for (int i = 0; i < rank - 2; i++) if (perm[i] != i) return false;
        return perm[rank - 2] == rank - 1 && perm[rank - 1] == rank - 2;
    }

    private static Epilogue epilogue(Graph g, Value y, int n, boolean allowBias) {
        Epilogue ep = new Epilogue();
        Value cur = y;
        int rank = Match.dims(y) == null ? 0 : Match.dims(y).length;
        Node add = Match.onlyConsumer(g, cur);
        if (allowBias && Match.is(add, "Add")) {
            Value other = Match.other(add, cur);
            Tensor vec = other == cur ? null : NormPatterns.channelVector(other, n, rank);
            if (vec != null && Match.sameType(add.output(0), cur)) {
                ep.bias = vec;
                ep.biasValue = other;
                ep.nodes.add(add);
                cur = add.output(0);
            }
        }
        Node next = Match.onlyConsumer(g, cur);
        Node reshape = null;
        if (Match.is(next, "Reshape") && next.input(1) != null && next.input(1).isConstant()) {
            reshape = next;
            next = Match.onlyConsumer(g, next.output(0));
        }
        Activation act = activationOf(next);
        if (act != Activation.NONE && Match.sameType(next.input(0), next.output(0))) {
            ep.activation = act;
            if (reshape != null) ep.nodes.add(reshape);
            ep.reshape = reshape;
            ep.nodes.add(next);
            cur = next.output(0);
        }
        ep.result = cur;
        return ep;
    }

    private static Activation activationOf(Node n) {
        if (n == null) return Activation.NONE;
        if (n.domain().equals(FusedOps.DOMAIN)) return n.opType().equals("SiLU") ? Activation.SILU : Activation.NONE;
        if (!n.domain().isEmpty()) return Activation.NONE;
        switch (n.opType()) {
            case "Relu": return Activation.RELU;
            case "Gelu": {
                String approx = Match.stringAttr(n, "approximate", "none");
                return approx.equals("none") ? Activation.GELU : approx.equals("tanh") ? Activation.GELU_TANH
                        : Activation.NONE;
            }
            default: return Activation.NONE;
        }
    }

    private boolean commit(Graph g, Node product, Value a, Value b, boolean transB, Epilogue ep, List<Node> matched) {
        Rewrite r = rewrite(g);
        List<Value> ins = new ArrayList<>(List.of(a, b));
        if (ep.biasValue != null) {
            boolean vector = Match.dims(ep.biasValue) != null && Match.dims(ep.biasValue).length == 1;
            ins.add(vector ? ep.biasValue : r.constant(product.name() + "_bias", ep.bias));
        }
        Map<String, Attribute> attrs = new HashMap<>();
        if (transB) attrs.put("transB", Attribute.ofInt("transB", 1));
        if (ep.activation != Activation.NONE) attrs.put("activation", Attribute.ofString("activation", ep.activation.attr));
        matched.addAll(ep.nodes);
        r.remove(matched.toArray(new Node[0]));
        String name = product.name() + "/FusedMatMul";
        if (ep.reshape == null) {
            r.add(name, FusedOps.DOMAIN, "FusedMatMul", FusedOps.OPSET, attrs, ins, ep.result);
        } else {
            Value fused = r.fresh(product.name() + "_fused");
            r.add(name, FusedOps.DOMAIN, "FusedMatMul", FusedOps.OPSET, attrs, ins, fused);
            r.add(ep.reshape.name(), "", "Reshape", ep.reshape.opset(), ep.reshape.attributes(),
                    List.of(fused, ep.reshape.input(1)), ep.result);
        }
        return r.commit();
    }
}
