package dev.nnjit.ops.controlflow;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Subgraphs;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.ControlFlowOp;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.SubgraphRunner;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX If (opset 1+; tensor outputs only, not the sequence and optional outputs opsets 16+ allow): runs
 * {@code then_branch} when the single element of {@code cond} is true, else {@code else_branch}; the outputs are the
 * branch's. The branches take no inputs of their own and read outer values, which the importer made extra inputs
 * of the node ({@link Subgraphs}). Output types: the branches' declared types where they agree; where they differ,
 * the dtype with only the rank kept (or not even that), since ONNX lets the branches' shapes differ.
 */
public final class If implements ControlFlowOp {
    static final String THEN = "then_branch";
    static final String ELSE = "else_branch";

    @Override public String opType() { return "If"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        Subgraphs s = subgraphs(ctx);
        Graph thenBody = s.body(THEN), elseBody = s.body(ELSE);
        for (Graph body : List.of(thenBody, elseBody)) {
            if (body.inputs().size() != s.captured().size()) {
                throw ctx.error("a branch declares inputs of its own; If's branches take none");
            }
            if (body.outputs().size() != ctx.outputCount()) {
                throw ctx.error("the node has " + ctx.outputCount() + " outputs but a branch has " + body.outputs().size());
            }
        }
        DType condType = ctx.inputDType(0);
        if (condType != null && condType != DType.BOOL) throw ctx.error("cond must be bool, is " + condType);
        TensorType[] out = new TensorType[ctx.outputCount()];
        for (int i = 0; i < out.length; i++) out[i] = merge(ctx, thenBody.outputs().get(i), elseBody.outputs().get(i));
        return out;
    }

    private static TensorType merge(OpContext ctx, Value a, Value b) {
        TensorType ta = a.type(), tb = b.type();
        if (ta.equals(tb)) return ta;
        DType dtype = ta.dtype() != null ? ta.dtype() : tb.dtype();
        if (ta.dtype() != null && tb.dtype() != null && ta.dtype() != tb.dtype()) {
            throw ctx.error("the branches' output '" + a.name() + "' / '" + b.name() + "' differ in dtype: " + ta.dtype()
                    + " vs " + tb.dtype());
        }
        Shape sa = ta.shape(), sb = tb.shape();
        boolean sameRank = sa.hasRank() && sb.hasRank() && sa.rank() == sb.rank();
        return new TensorType(dtype, sameRank ? Shape.unknownDims(sa.rank()) : Shape.unknownRank());
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs, SubgraphRunner runner) {
        Subgraphs s = subgraphs(ctx);
        Tensor cond = inputs[0];
        if (cond.size() != 1) throw ctx.error("cond must hold one element, has shape " + Arrays.toString(cond.shape()));
        Graph body = s.body(cond.getDouble(0) != 0 ? THEN : ELSE);
        Tensor[] captured = Arrays.copyOfRange(inputs, inputs.length - s.captured().size(), inputs.length);
        Tensor[] outs = runner.run(body, captured);
        if (outs.length != ctx.outputCount()) {
            throw ctx.error("the branch produced " + outs.length + " outputs, the node has " + ctx.outputCount());
        }
        return outs;
    }

    private static Subgraphs subgraphs(OpContext ctx) {
        if (!(ctx.payload() instanceof Subgraphs)) throw ctx.error("has no imported then_branch/else_branch subgraphs");
        return (Subgraphs) ctx.payload();
    }
}
