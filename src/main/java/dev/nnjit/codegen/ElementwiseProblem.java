package dev.nnjit.codegen;

import dev.nnjit.ops.fused.ElementwiseOp;
import java.util.List;

/**
 * A fused elementwise kernel's static facts: the output shape, how each input is read, and the expression that
 * computes one output element. Validated on construction: every input used, types consistent, every read in range.
 *
 * @param label op names for the shape comment (e.g. "Add" or "Mul+Add+Erf"); part of the key, since the comment is
 *     part of the WGSL (equal keys must mean identical source, and tuning records are stored by key)
 */
public record ElementwiseProblem(String label, int[] outShape, List<ElementwiseInput> inputs, ElementwiseExpr expr)
        implements KernelProblem {

    public ElementwiseProblem {
        outShape = outShape.clone();
        inputs = List.copyOf(inputs);
        for (int d : outShape) if (d <= 0) throw new IllegalArgumentException(label + ": output dims must be positive, got "
                + Wgsl.shape(outShape));
        boolean[] used = new boolean[inputs.size()];
        for (ElementwiseExpr e : expr.topologicalOrder()) {
            if (e.op() != ElementwiseOp.INPUT) continue;
            if (e.inputIndex() >= inputs.size()) {
                throw new IllegalArgumentException(label + ": expression reads in" + e.inputIndex() + " but only "
                        + inputs.size() + " inputs are given");
            }
            if (inputs.get(e.inputIndex()).type() != e.type()) {
                throw new IllegalArgumentException(label + ": in" + e.inputIndex() + " is " + inputs.get(e.inputIndex())
                        .type() + " but the expression reads it as " + e.type());
            }
            used[e.inputIndex()] = true;
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (!used[i]) throw new IllegalArgumentException(label + ": input " + i + " is not used by the expression");
            checkRange(label, i, inputs.get(i), outShape);
        }
    }

    private static void checkRange(String label, int i, ElementwiseInput in, int[] out) {
        if (in.strides().length != out.length) {
            throw new IllegalArgumentException(label + ": input " + i + " has " + in.strides().length
                    + " strides for an output of rank " + out.length);
        }
        long lo = in.offset();
        long hi = in.offset();
        for (int d = 0; d < out.length; d++) {
            long span = (long) (out[d] - 1) * in.strides()[d];
            if (span < 0) lo += span; else hi += span;
        }
        if (lo < 0 || hi >= in.elements()) {
            throw new IllegalArgumentException(label + ": input " + i + " " + Wgsl.shape(in.shape()) + " read at offsets "
                    + lo + ".." + hi + ", outside its " + in.elements() + " elements");
        }
    }

    /** A problem computing {@code expr} over inputs broadcast to {@code outShape}. */
    public static ElementwiseProblem broadcast(String label, int[] outShape, List<ElementwiseInput> inputs,
                                               ElementwiseExpr expr) {
        return new ElementwiseProblem(label, outShape, inputs, expr);
    }

    public ScalarType outType() { return expr.type(); }

    public long elements() { return Wgsl.product(outShape); }

    /** Four consecutive innermost elements can be processed together. */
    public boolean vec4Allowed() { return outShape.length > 0 && outShape[outShape.length - 1] % 4 == 0; }

    @Override public String key() {
        StringBuilder sb = new StringBuilder(label).append(";o").append(Wgsl.dims(outShape));
        for (ElementwiseInput in : inputs) sb.append(";").append(in.key());
        return sb.append(";").append(expr.key()).toString();
    }
}
