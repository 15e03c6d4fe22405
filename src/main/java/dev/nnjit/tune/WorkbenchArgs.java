package dev.nnjit.tune;

import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.SoftmaxProblem;

/**
 * The {@code bin/nnjit workbench} arguments that reproduce a site's problem exactly ("--op matmul --shape
 * 128x384x1536"), or null where the workbench cannot: its cases are plain ops (no fused bias or activation, no
 * broadcast batch, last-axis softmax), and an argument string is given only when the workbench case's problem has
 * the same key as the site's. The syntax is the workbench's (tune.workbench.WorkbenchRequest, ShapeText, Family);
 * this class does not import it, so {@code tune} does not depend on its front end (a test checks the strings parse
 * to the same problem).
 */
public final class WorkbenchArgs {
    private WorkbenchArgs() {}

    private static final float DEFAULT_EPSILON = 1e-5f;

    public static String of(TuningSite<?> site) {
        KernelProblem p = site.problem();
        if (p instanceof MatmulProblem m) {
            String op = site.candidates().get(0).generator().family().equals("gemv") && m.m() == 1 ? "gemv" : "matmul";
            return matmul(op, m);
        }
        if (p instanceof SoftmaxProblem s) {
            int rows = s.layout().rows(), cols = s.layout().cols();
            if (!SoftmaxProblem.onAxis(new int[] {rows, cols}, 1, false).key().equals(s.key())) return null;
            return "--op softmax --shape " + rows + "x" + cols;
        }
        if (p instanceof NormProblem n) {
            boolean layer = n.kind() == NormProblem.Kind.LAYER;
            if (n.hasBias() != layer) return null; // the workbench's layernorm has a bias, its rmsnorm none
            String eps = n.epsilon() == DEFAULT_EPSILON ? "" : " --epsilon " + Float.toString(n.epsilon());
            return "--op " + (layer ? "layernorm" : "rmsnorm") + " --shape " + n.rows() + "x" + n.cols() + eps;
        }
        if (p instanceof ReduceProblem r) {
            return "--op reduce:" + reduceName(r.op()) + " --shape " + dims(r.shape(), "x") + " --axes " + dims(r.axes(), ",");
        }
        return null;
    }

    private static String matmul(String op, MatmulProblem m) {
        int batch = m.batch();
        int[] a = batch == 1 ? new int[] {m.m(), m.k()} : new int[] {batch, m.m(), m.k()};
        int[] b = batch == 1 ? new int[] {m.k(), m.n()} : new int[] {batch, m.k(), m.n()};
        MatmulProblem bench = MatmulProblem.matmul(a, b).withTranspose(false, m.transB());
        if (!bench.key().equals(m.key())) return null;
        return "--op " + op + " --shape " + m.m() + "x" + m.n() + "x" + m.k() + (batch == 1 ? "" : "x" + batch)
                + (m.transB() ? " --transB" : "");
    }

    private static String reduceName(ReduceProblem.Op op) {
        switch (op) {
            case SUM_SQUARE: return "sumsquare";
            case LOG_SUM_EXP: return "logsumexp";
            default: return op.name().toLowerCase();
        }
    }

    private static String dims(int[] d, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            if (i > 0) sb.append(sep);
            sb.append(d[i]);
        }
        return sb.toString();
    }
}
