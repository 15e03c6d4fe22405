package dev.nnjit.passes;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Type inference and constant folding in one topological walk: each node gets its output types from its op's
 * rule, and a node whose inputs are all constants is evaluated by its reference implementation and removed.
 *
 * <p>Once input shapes are specialized, this folds the shape arithmetic PyTorch exports contain (Shape, Gather,
 * Unsqueeze, Concat, Range, ConstantOfShape, Where, Equal, Cast, Expand ...) into constants. Folding is bounded by
 * output size so a constant-only subgraph never materializes a huge tensor at compile time.
 */
public final class InferAndFold implements GraphPass {
    /** Folded outputs larger than this many elements are left to run time. */
    public static final long MAX_FOLDED_ELEMENTS = 1L << 22;

    private final OpRegistry registry;
    private final boolean fold;

    public InferAndFold(OpRegistry registry, boolean fold) {
        this.registry = registry;
        this.fold = fold;
    }

    @Override public String name() { return fold ? "infer-and-fold" : "infer"; }

    @Override public void apply(Graph graph) {
        for (Node n : new ArrayList<>(graph.nodes())) {
            OpDef def = registry.find(n.domain(), n.opType());
            if (def == null) throw new GraphException("unsupported op '" + n.opType() + "' at " + n.describe());
            OpContext ctx = OpContext.forNode(n);
            TensorType[] types = def.inferTypes(ctx);
            if (types.length < n.outputs().size()) {
                throw new GraphException(n.describe() + ": op rule produced " + types.length + " output types for "
                        + n.outputs().size() + " outputs");
            }
            for (int i = 0; i < n.outputs().size(); i++) n.output(i).setType(merge(n, n.output(i), types[i]));
            Tensor[] outs = null;
            if (fold && def.foldable() && allInputsConstant(n) && smallOutputs(types)) {
                Tensor[] ins = new Tensor[n.inputs().size()];
                for (int i = 0; i < ins.length; i++) ins[i] = n.input(i) == null ? null : n.input(i).constant();
                outs = def.compute(OpContext.forTensors(n, ins), ins);
            } else if (fold && def.foldable()) {
                outs = def.computeFromTypes(ctx); // e.g. Shape of a runtime tensor whose shape is static
            }
            if (outs != null) {
                List<Value> outputs = new ArrayList<>(n.outputs());
                graph.removeNode(n);
                for (int i = 0; i < outputs.size(); i++) outputs.get(i).setConstant(outs[i]);
            }
        }
    }

    /** Keeps a declared type's symbolic names when inference knows no better; rejects contradictions. */
    private static TensorType merge(Node n, Value v, TensorType inferred) {
        TensorType declared = v.type();
        if (declared == null || declared.dtype() == null) return inferred;
        if (inferred.dtype() != null && inferred.dtype() != declared.dtype()) {
            throw new GraphException(n.describe() + ": output '" + v.name() + "' is declared " + declared
                    + " but the op produces " + inferred.dtype());
        }
        Shape s = inferred.shape();
        if (!s.hasRank() && declared.shape().hasRank()) s = declared.shape();
        return new TensorType(inferred.dtype() != null ? inferred.dtype() : declared.dtype(), s);
    }

    private static boolean allInputsConstant(Node n) {
        for (Value v : n.inputs()) if (v != null && !v.isConstant()) return false;
        return true;
    }

    private static boolean smallOutputs(TensorType[] types) {
        for (TensorType t : types) {
            if (!t.shape().isStatic() || t.shape().elementCount() > MAX_FOLDED_ELEMENTS) return false;
        }
        return true;
    }
}
