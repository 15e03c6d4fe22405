package dev.nnjit.codegen;

/**
 * ONNX Pad: out coordinate c reads x at c - begin per dim (begin may be negative: cropping). Where that falls
 * outside x, the mode decides: CONSTANT gives the pad value (a literal, or the one-element {@code value} binding
 * when {@code valueBound}), EDGE clamps, REFLECT mirrors without repeating the edge, WRAP wraps around.
 */
public record PadProblem(ScalarType type, int[] inShape, int[] begin, int[] outShape, Mode mode, double value,
                         boolean valueBound) implements KernelProblem {
    public enum Mode { CONSTANT, EDGE, REFLECT, WRAP }

    public PadProblem {
        inShape = inShape.clone();
        begin = begin.clone();
        outShape = outShape.clone();
        if (inShape.length != begin.length || inShape.length != outShape.length || Wgsl.product(inShape) <= 0) {
            throw new IllegalArgumentException("Pad: input " + Wgsl.shape(inShape) + ", begin " + Wgsl.shape(begin)
                    + ", output " + Wgsl.shape(outShape));
        }
    }

    @Override public String key() {
        return type.name().toLowerCase() + "_" + Wgsl.dims(inShape) + "_b" + Wgsl.dims(begin) + "_o" + Wgsl.dims(outShape)
                + "_" + mode.name().toLowerCase() + (mode != Mode.CONSTANT ? "" : valueBound ? "_vbound" : "_v" + value);
    }
}
