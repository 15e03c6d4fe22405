package dev.nnjit.codegen;

import java.util.ArrayList;
import java.util.List;

/** ONNX Concat of same-typed inputs along {@code axis} (all other dims equal). */
public record ConcatProblem(ScalarType type, List<int[]> inputShapes, int axis) implements KernelProblem {

    public ConcatProblem {
        List<int[]> copy = new ArrayList<>();
        for (int[] s : inputShapes) copy.add(s.clone());
        inputShapes = List.copyOf(copy);
        if (inputShapes.isEmpty()) throw new IllegalArgumentException("Concat needs inputs");
        int r = inputShapes.get(0).length;
        if (axis < 0) axis += r;
        if (axis < 0 || axis >= r) throw new IllegalArgumentException("Concat axis out of range for rank " + r);
        for (int[] s : inputShapes) {
            if (s.length != r) throw new IllegalArgumentException("Concat inputs differ in rank");
            for (int d = 0; d < r; d++) {
                if (d != axis && s[d] != inputShapes.get(0)[d]) {
                    throw new IllegalArgumentException("Concat inputs " + Wgsl.shape(inputShapes.get(0)) + " and "
                            + Wgsl.shape(s) + " differ outside axis " + axis);
                }
            }
        }
    }

    public int[] outShape() {
        int[] out = inputShapes.get(0).clone();
        out[axis] = 0;
        for (int[] s : inputShapes) out[axis] += s[axis];
        return out;
    }

    public int inner() { return (int) Wgsl.product(inputShapes.get(0), axis + 1, inputShapes.get(0).length); }

    public boolean vec4Allowed() { return inner() % 4 == 0; }

    @Override public String key() {
        StringBuilder sb = new StringBuilder(type.name().toLowerCase()).append("_ax").append(axis);
        for (int[] s : inputShapes) sb.append('_').append(Wgsl.dims(s));
        return sb.toString();
    }
}
