package dev.nnjit.ops.math;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Einsum with numpy semantics: letter labels (a-z, A-Z), one "..." per term whose dims broadcast across operands,
 * repeated labels within a term (diagonals), explicit ("->") or implicit output (the "..." dims, then the labels
 * used exactly once, in character order). Every label not in the output is summed.
 *
 * <p>A plain reference: it walks every combination of label values (cost = product of all label sizes) and sums
 * products in double (long for integers), rounding once. Exporters use Einsum for small contractions; large
 * matrix products should be MatMul.
 */
public final class EinsumOp implements OpDef {
    /** Labels 0..51 are letters; 52+ are the broadcast ellipsis dims, right-aligned. */
    private static final int ELLIPSIS = 52;

    @Override public String opType() { return "Einsum"; }
    @Override public int minOpset() { return 12; }

    /** A parsed equation: per input term its labels (ellipsis expanded for the given ranks), and output labels. */
    private static final class Equation {
        int[][] inputs;
        int[] output;
        int ellipsisRank;
    }

    private static int label(OpContext ctx, char c) {
        if (c >= 'a' && c <= 'z') return c - 'a';
        if (c >= 'A' && c <= 'Z') return 26 + c - 'A';
        throw ctx.error("invalid character '" + c + "' in equation");
    }

    private static char labelChar(int l) { return (char) (l < 26 ? 'a' + l : 'A' + l - 26); }

    /** Parses the equation for operands of the given ranks. */
    private static Equation parse(OpContext ctx, int[] ranks) {
        String eq = ctx.attrString("equation", null);
        if (eq == null) throw ctx.error("attribute 'equation' is required");
        eq = eq.replace(" ", "");
        int arrow = eq.indexOf("->");
        String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        String[] terms = lhs.split(",", -1);
        if (terms.length != ranks.length) {
            throw ctx.error("equation '" + eq + "' has " + terms.length + " input terms for " + ranks.length + " inputs");
        }
        Equation e = new Equation();
        e.inputs = new int[terms.length][];
        int[] ellipsisRanks = new int[terms.length];
        for (int t = 0; t < terms.length; t++) {
            String term = terms[t];
            int dots = term.indexOf("...");
            int letters = term.length() - (dots >= 0 ? 3 : 0);
            if (dots >= 0 && term.indexOf("...", dots + 1) >= 0) throw ctx.error("term '" + term + "' has two ellipses");
            int er = ranks[t] - letters;
            if (er < 0 || (dots < 0 && er != 0)) {
                throw ctx.error("term '" + term + "' does not match input " + t + " of rank " + ranks[t]);
            }
            ellipsisRanks[t] = dots >= 0 ? er : 0;
            e.ellipsisRank = Math.max(e.ellipsisRank, ellipsisRanks[t]);
        }
        int[] count = new int[ELLIPSIS];
        for (int t = 0; t < terms.length; t++) {
            String term = terms[t];
            int[] labels = new int[ranks[t]];
            int k = 0;
            for (int i = 0; i < term.length(); i++) {
                if (term.startsWith("...", i)) {
                    for (int j = 0; j < ellipsisRanks[t]; j++) labels[k++] = ELLIPSIS + e.ellipsisRank - ellipsisRanks[t] + j;
                    i += 2;
                } else {
                    int l = label(ctx, term.charAt(i));
                    labels[k++] = l;
                    count[l]++;
                }
            }
            e.inputs[t] = labels;
        }
        List<Integer> out = new ArrayList<>();
        if (arrow >= 0) {
            String rhs = eq.substring(arrow + 2);
            for (int i = 0; i < rhs.length(); i++) {
                if (rhs.startsWith("...", i)) {
                    for (int j = 0; j < e.ellipsisRank; j++) out.add(ELLIPSIS + j);
                    i += 2;
                } else {
                    int l = label(ctx, rhs.charAt(i));
                    if (count[l] == 0) throw ctx.error("output label '" + rhs.charAt(i) + "' does not appear in the inputs");
                    if (out.contains(l)) throw ctx.error("output label '" + rhs.charAt(i) + "' is repeated");
                    out.add(l);
                }
            }
        } else {
            for (int j = 0; j < e.ellipsisRank; j++) out.add(ELLIPSIS + j);
            for (int l = 26; l < 52; l++) if (count[l] == 1) out.add(l); // uppercase sorts before lowercase
            for (int l = 0; l < 26; l++) if (count[l] == 1) out.add(l);
        }
        e.output = new int[out.size()];
        for (int i = 0; i < e.output.length; i++) e.output[i] = out.get(i);
        return e;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        int n = ctx.inputCount();
        ctx.requireInputs(1, Integer.MAX_VALUE);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        DType t = TypeChecks.same(ctx, Kinds.NUMERIC, all);
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            Shape s = ctx.inputType(i).shape();
            if (!s.hasRank()) return new TensorType[] {new TensorType(t, Shape.unknownRank())};
            ranks[i] = s.rank();
        }
        Equation e = parse(ctx, ranks);
        Dim[] sizes = new Dim[ELLIPSIS + e.ellipsisRank];
        Shape[] ellipsis = new Shape[n];
        for (int i = 0; i < n; i++) {
            Shape s = ctx.inputType(i).shape();
            List<Dim> ell = new ArrayList<>();
            for (int d = 0; d < ranks[i]; d++) {
                int l = e.inputs[i][d];
                Dim dim = s.dim(d);
                if (l >= ELLIPSIS) { ell.add(dim); continue; }
                Dim prev = sizes[l];
                if (prev != null && prev.isKnown() && dim.isKnown() && prev.value() != dim.value()) {
                    throw ctx.error("label '" + labelChar(l) + "' has sizes " + prev + " and " + dim);
                }
                if (prev == null || (!prev.isKnown() && dim.isKnown())) sizes[l] = dim;
            }
            ellipsis[i] = Shape.of(ell.toArray(new Dim[0]));
        }
        Shape ell = Broadcasting.shape(ellipsis);
        if (ell == null) throw ctx.error("the '...' dims of the inputs cannot be broadcast: " + Arrays.toString(ellipsis));
        for (int j = 0; j < e.ellipsisRank; j++) sizes[ELLIPSIS + j] = ell.dim(j);
        Dim[] out = new Dim[e.output.length];
        for (int i = 0; i < out.length; i++) out[i] = sizes[e.output[i]];
        return new TensorType[] {new TensorType(t, Shape.of(out))};
    }

    /**
     * The reference's loop nest, for other backends: loop labels in order (output labels first, then summed ones)
     * with their sizes, and per operand the offset step of each loop label (0 along broadcast size-1 dims, summed
     * strides for repeated labels).
     *
     * @param outputRank the first outputRank loop labels are the output's dims, in order
     */
    public record Loops(int[] dims, int[][] strides, int outputRank) {}

    /** The loop nest of this node's equation for operands of the given shapes. */
    public static Loops loops(OpContext ctx, int[][] shapes) {
        int n = shapes.length;
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) ranks[i] = shapes[i].length;
        Equation e = parse(ctx, ranks);
        int labels = ELLIPSIS + e.ellipsisRank;
        int[] size = new int[labels];
        Arrays.fill(size, -1);
        for (int i = 0; i < n; i++) {
            int[] s = shapes[i];
            for (int d = 0; d < s.length; d++) {
                int l = e.inputs[i][d];
                if (size[l] < 0 || (l >= ELLIPSIS && size[l] == 1)) size[l] = s[d];
                else if (size[l] != s[d] && !(l >= ELLIPSIS && s[d] == 1)) {
                    throw ctx.error("dimension " + d + " of input " + i + " is " + s[d] + " but label size is " + size[l]);
                }
            }
        }
        // Loop order: output labels, then summed labels (each used label once).
        List<Integer> order = new ArrayList<>();
        for (int l : e.output) order.add(l);
        for (int l = 0; l < labels; l++) if (size[l] >= 0 && !order.contains(l)) order.add(l);
        int depth = order.size();
        int[] dims = new int[depth];
        for (int i = 0; i < depth; i++) dims[i] = size[order.get(i)];
        // strides[i][k]: how far operand i's offset moves when loop label k advances (0 for broadcast size-1 dims).
        int[][] strides = new int[n][depth];
        for (int i = 0; i < n; i++) {
            int[] s = shapes[i];
            int stride = 1;
            for (int d = s.length - 1; d >= 0; d--) {
                int k = order.indexOf(e.inputs[i][d]);
                if (s[d] != 1 || dims[k] == 1) strides[i][k] += stride;
                stride *= s[d];
            }
        }
        return new Loops(dims, strides, e.output.length);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        int n = inputs.length;
        int[][] shapes = new int[n][];
        for (int i = 0; i < n; i++) shapes[i] = inputs[i].shape();
        Loops loops = loops(ctx, shapes);
        int[] dims = loops.dims();
        int[][] strides = loops.strides();
        int depth = dims.length;
        int[] outShape = java.util.Arrays.copyOf(dims, loops.outputRank());
        int outSize = Tensor.checkedSize(outShape, "output");
        long total = 1;
        for (int d : dims) total *= d;
        int inner = 1; // iterations per output element
        for (int k = loops.outputRank(); k < depth; k++) inner *= dims[k];
        boolean floats = inputs[0].dtype().isFloating();
        double[] acc = new double[outSize];
        long[] accL = floats ? null : new long[outSize];
        double[][] vd = new double[n][];
        long[][] vl = new long[n][];
        for (int i = 0; i < n; i++) {
            if (floats) vd[i] = TypeChecks.toDoubles(inputs[i]); else vl[i] = inputs[i].longs();
        }
        int[] idx = new int[depth], off = new int[n];
        for (long it = 0; it < total; it++) {
            int o = (int) (it / inner);
            if (floats) {
                double p = 1;
                for (int i = 0; i < n; i++) p *= vd[i][off[i]];
                acc[o] += p;
            } else {
                long p = 1;
                for (int i = 0; i < n; i++) p *= vl[i][off[i]];
                accL[o] += p;
            }
            for (int k = depth - 1; k >= 0; k--) { // odometer step, updating every operand offset
                idx[k]++;
                for (int i = 0; i < n; i++) off[i] += strides[i][k];
                if (idx[k] < dims[k]) break;
                for (int i = 0; i < n; i++) off[i] -= strides[i][k] * dims[k];
                idx[k] = 0;
            }
        }
        DType t = inputs[0].dtype();
        if (floats) {
            float[] out = new float[outSize];
            for (int i = 0; i < outSize; i++) out[i] = (float) acc[i];
            return new Tensor[] {Tensor.ofFloats(t, outShape, out)};
        }
        for (int i = 0; i < outSize; i++) accL[i] = t.wrap(accL[i]);
        return new Tensor[] {Tensor.ofLongs(t, outShape, accL)};
    }
}
