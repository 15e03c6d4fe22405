package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Type rules on symbolic shapes (ONNX dim_params such as "batch" and "seq"): symbols pass through where the op
 * keeps the dim, known dims are computed, and dims that depend on unknown values come back unknown, not guessed.
 */
class SymbolicTypeRulesTest {
    private static final Dim B = Dim.symbol("batch"), S = Dim.symbol("seq");

    private static TensorType f(Dim... dims) { return new TensorType(DType.FLOAT, Shape.of(dims)); }

    private static String infer(String op, int opset, Map<String, Attribute> attrs, TensorType... types) {
        return infer(op, opset, attrs, new Tensor[types.length], types);
    }

    private static String infer(String op, int opset, Map<String, Attribute> attrs, Tensor[] consts, TensorType... types) {
        OpContext ctx = new OpContext("n", op, opset, attrs, types, consts, 1);
        return registry().find("", op).inferTypes(ctx)[0].toString();
    }

    @Test
    void symbolsPassThrough() {
        Dim h = Dim.of(384);
        assertEquals("float32[batch, seq, 1536]",
                infer("MatMul", 13, Map.of(), f(B, S, h), f(h, Dim.of(1536))));
        assertEquals("float32[batch, 12, seq, seq]",
                infer("MatMul", 13, Map.of(), f(B, Dim.of(12), S, Dim.of(32)), f(B, Dim.of(12), Dim.of(32), S)));
        assertEquals("float32[batch, seq, 384]", infer("Add", 14, Map.of(), f(B, S, h), f(h)));
        assertEquals("bool[batch, 1, 1, seq]", infer("Equal", 13, Map.of(), f(B, Dim.of(1), Dim.of(1), S), f()));
        assertEquals("float32[batch, seq, 384]", infer("Softmax", 13, Map.of(), f(B, S, h)));
        assertEquals("float32[batch, seq, 1]",
                infer("ReduceMean", 13, attrs(intsAttr("axes", -1)), f(B, S, h)));
        assertEquals("float32[batch, 384]",
                infer("ReduceMean", 13, attrs(intsAttr("axes", 1), intAttr("keepdims", 0)), f(B, S, h)));
        assertEquals("float32[batch, seq, 384]", infer("LayerNormalization", 17, Map.of(), f(B, S, h), f(h), f(h)));
        assertEquals("float32[batch, seq, 384]", infer("Where", 16, Map.of(),
                new TensorType(DType.BOOL, Shape.of(B, Dim.of(1), Dim.of(1))), f(S, Dim.of(1)), f(h)));
    }

    @Test
    void unknownValuesGiveUnknownDims() {
        // Two different symbols broadcast to an unknown dim: either could be 1.
        assertEquals("float32[?]", infer("Add", 14, Map.of(), f(B), f(S)));
        // Axes from a non-constant input: with keepdims the rank is known, the dims are not.
        TensorType axes = new TensorType(DType.INT64, Shape.of(1));
        assertEquals("float32[?, ?, ?]", infer("ReduceSum", 13, Map.of(), f(B, S, Dim.of(4)), axes));
        assertEquals("float32[?, ?]",
                infer("ReduceSum", 13, attrs(intAttr("keepdims", 0)), f(B, S, Dim.of(4)), axes));
        // ... and known once the axes are a constant.
        assertEquals("float32[batch, 1, 4]", infer("ReduceSum", 13, Map.of(),
                new Tensor[] {null, Tensor.vector(1)}, f(B, S, Dim.of(4)), axes));
        // Unknown rank stays unknown.
        assertEquals("float32[?...]", infer("MatMul", 13, Map.of(), new TensorType(DType.FLOAT, Shape.unknownRank()),
                f(Dim.of(4), Dim.of(5))));
    }
}
