package dev.nnjit.tune.workbench;

/**
 * The case a request describes. Shape text per family: matmul {@code MxNxK} or {@code MxNxKxBATCH}; gemv the same
 * with M = 1, or {@code NxK}; softmax, layernorm, rmsnorm and reduce the input shape (softmax and norms over the
 * last axis unless axes say otherwise; norms always the last); elementwise one shape per input, separated by
 * commas ({@code 128x384,384} broadcasts the second).
 */
public final class BenchCases {
    private BenchCases() {}

    public static BenchCase create(WorkbenchRequest r) {
        Family f = r.family();
        if (r.operator() != null && f != Family.ELEMENTWISE && f != Family.REDUCE) {
            throw new IllegalArgumentException(f.id + " takes no operator (got '" + r.operator() + "'); only"
                    + " elementwise and reduce do");
        }
        if (r.transB() && f != Family.MATMUL && f != Family.GEMV) {
            throw new IllegalArgumentException("transB applies to matmul and gemv only, not " + f.id);
        }
        if (r.axes() != null && f != Family.SOFTMAX && f != Family.REDUCE) {
            throw new IllegalArgumentException(f.id + " takes no axes" + (f == Family.LAYERNORM || f == Family.RMSNORM
                    ? " (it normalizes the last axis)" : ""));
        }
        switch (f) {
            case MATMUL: case GEMV:
                return new MatmulCase(r.family(), ShapeText.parse(r.shape()), r.transB(), r.seed());
            case SOFTMAX:
                return new SoftmaxCase(ShapeText.parse(r.shape()), r.axes(), r.seed());
            case LAYERNORM: case RMSNORM:
                return new NormCase(r.family(), ShapeText.parse(r.shape()), r.epsilon(), r.seed());
            case REDUCE:
                return new ReduceCase(r.operator(), ShapeText.parse(r.shape()), r.axes(), r.seed());
            case ELEMENTWISE:
                return new ElementwiseCase(r.operator(), ShapeText.parseList(r.shape()), r.seed());
            default:
                throw new IllegalStateException(r.family().id);
        }
    }
}
