package dev.nnjit.codegen;

import java.util.List;

/**
 * One {@link MapFn} applied per element: output of {@code outShape} (every dim positive), operands read through
 * strided views (broadcasting, as {@link ElementwiseInput}), and the function's parameters.
 */
public record MapProblem(MapFn fn, int[] outShape, List<ElementwiseInput> inputs, float[] params)
        implements KernelProblem {

    public MapProblem {
        outShape = outShape.clone();
        inputs = List.copyOf(inputs);
        params = params.clone();
        if (inputs.size() != fn.arity) {
            throw new IllegalArgumentException(fn + " takes " + fn.arity + " operand(s), got " + inputs.size());
        }
        if (params.length != fn.params().length) {
            throw new IllegalArgumentException(fn + " takes parameters " + String.join(", ", fn.params()) + ", got "
                    + params.length);
        }
        for (int d : outShape) if (d <= 0) throw new IllegalArgumentException(fn + ": output dims must be positive, got "
                + Wgsl.shape(outShape));
        for (int i = 0; i < inputs.size(); i++) {
            ElementwiseInput in = inputs.get(i);
            if (in.strides().length != outShape.length) {
                throw new IllegalArgumentException(fn + ": input " + i + " has " + in.strides().length
                        + " strides for an output of rank " + outShape.length);
            }
            long lo = in.offset(), hi = in.offset();
            for (int d = 0; d < outShape.length; d++) {
                long span = (long) (outShape[d] - 1) * in.strides()[d];
                if (span < 0) lo += span; else hi += span;
            }
            if (lo < 0 || hi >= in.elements()) {
                throw new IllegalArgumentException(fn + ": input " + i + " " + Wgsl.shape(in.shape()) + " read at "
                        + lo + ".." + hi + ", outside its " + in.elements() + " elements");
            }
        }
        outType(fn, inputs);
    }

    /** A problem with every operand broadcast (numpy rules) to {@code outShape}. */
    public static MapProblem broadcast(MapFn fn, int[] outShape, List<ScalarType> types, List<int[]> shapes,
                                       float... params) {
        ElementwiseInput[] in = new ElementwiseInput[shapes.size()];
        for (int i = 0; i < in.length; i++) in[i] = ElementwiseInput.broadcast(types.get(i), shapes.get(i), outShape);
        return new MapProblem(fn, outShape, List.of(in), params);
    }

    private static ScalarType outType(MapFn fn, List<ElementwiseInput> inputs) {
        ScalarType[] t = new ScalarType[inputs.size()];
        for (int i = 0; i < t.length; i++) t[i] = inputs.get(i).type();
        return fn.resultType(t);
    }

    public ScalarType outType() { return outType(fn, inputs); }

    public long elements() { return Wgsl.product(outShape); }

    @Override public String key() {
        StringBuilder sb = new StringBuilder(fn.name().toLowerCase()).append("_o").append(Wgsl.dims(outShape));
        for (ElementwiseInput in : inputs) sb.append(';').append(in.key());
        for (float p : params) sb.append(";p").append(Float.toString(p));
        return sb.toString();
    }
}
