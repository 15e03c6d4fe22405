package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.ops.fused.ElementwiseProgram;
import dev.nnjit.ops.fused.ElementwiseProgram.Instr;
import java.util.ArrayList;
import java.util.List;

/**
 * From an {@code nnjit.FusedElementwise} node (made by {@code dev.nnjit.passes.fusion.ElementwiseFusion}) to the
 * elementwise kernel's problem: the node's {@link ElementwiseProgram} becomes an {@link ElementwiseExpr} instruction by
 * instruction (the two share one operator enum, {@link dev.nnjit.ops.fused.ElementwiseOp}), ONNX dtypes become
 * {@link ScalarType}s, and every input is read broadcast to the output shape. A value shared by several instructions
 * stays one shared expression node, so it is computed once.
 */
final class FusedElementwiseLowering {
    private FusedElementwiseLowering() {}

    public static ElementwiseExpr expr(ElementwiseProgram program) {
        List<Instr> instrs = program.instrs();
        ElementwiseExpr[] v = new ElementwiseExpr[instrs.size()];
        for (int i = 0; i < v.length; i++) {
            Instr in = instrs.get(i);
            ScalarType t = ScalarType.of(in.type());
            switch (in.op()) {
                case INPUT: v[i] = ElementwiseExpr.input(in.input(), t); break;
                case CONST: v[i] = ElementwiseExpr.constant(in.constant(), t); break;
                case CAST: v[i] = ElementwiseExpr.cast(v[in.arg(0)], t); break;
                default: {
                    ElementwiseExpr[] args = new ElementwiseExpr[in.args().size()];
                    for (int a = 0; a < args.length; a++) args[a] = v[in.arg(a)];
                    v[i] = ElementwiseExpr.of(in.op(), args);
                }
            }
        }
        return v[v.length - 1];
    }

    /** The kernel problem for a node reading inputs of {@code inputShapes} and writing {@code outShape}. */
    public static ElementwiseProblem problem(String label, ElementwiseProgram program, List<int[]> inputShapes,
                                             int[] outShape) {
        if (inputShapes.size() != program.inputCount()) {
            throw new IllegalArgumentException(label + ": " + inputShapes.size() + " input shapes for a program of "
                    + program.inputCount() + " inputs");
        }
        List<ElementwiseInput> inputs = new ArrayList<>();
        for (int i = 0; i < inputShapes.size(); i++) {
            inputs.add(ElementwiseInput.broadcast(ScalarType.of(program.inputTypes().get(i)), inputShapes.get(i), outShape));
        }
        return ElementwiseProblem.broadcast(label, outShape, inputs, expr(program));
    }
}
