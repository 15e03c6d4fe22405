package dev.nnjit.runtime.webgpu;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Tensor;

/**
 * Ops whose outputs are known at compile time once shapes are static: Constant, ConstantOfShape, Shape, Size and
 * Range. Type inference folds them before lowering in almost every graph; these lowerings cover the rest (a fold
 * skipped, fusion disabled) by computing the value with the op's reference at compile time, uploading it once as a
 * constant and defining the output as a view of it. That is compile-time folding, not a per-run CPU fallback: a
 * node whose value depends on run-time inputs is rejected. NonZero is rejected with its reason: its output shape
 * depends on the input's values.
 */
final class ConstantLowerings {
    private ConstantLowerings() {}

    static void register(LoweringTable t) {
        for (String op : new String[] {"Constant", "ConstantOfShape", "Shape", "Size", "Range"}) {
            t.add(op, ConstantLowerings::fold);
        }
        t.add("NonZero", n -> {
            throw n.unsupported("its output shape is the number of non-zero input elements, known only at run time;"
                    + " the webgpu backend compiles kernels for static shapes");
        });
    }

    private static void fold(NodeLowering n) {
        OpDef def = n.registry().find(n.node().domain(), n.opType());
        if (def == null) throw n.error("internal error: no op definition");
        Tensor[] values = def.computeFromTypes(n.op());
        if (values == null) {
            Tensor[] inputs = new Tensor[n.inputCount()];
            for (int i = 0; i < inputs.length; i++) {
                if (!n.hasInput(i)) continue;
                inputs[i] = n.constant(i);
                if (inputs[i] == null) {
                    throw n.unsupported("input " + i + " is computed at run time, and the output's shape or value"
                            + " depends on it (the webgpu backend compiles for static shapes)");
                }
            }
            values = def.compute(OpContext.forTensors(n.node(), inputs), inputs);
        }
        for (int k = 0; k < n.outputCount(); k++) {
            if (n.outputUsed(k)) n.view(k, n.constantTensor("value" + k, values[k]));
        }
    }
}
