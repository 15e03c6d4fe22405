package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Dropout at inference: the output is the input, and the optional mask output is all ones (bool from opset 10,
 * the input's dtype before). Training mode (the opset 12 {@code training_mode} input) is random and rejected,
 * except with ratio 0, where it is the identity as well. Opset 1-6's {@code is_test} is ignored, as ONNX Runtime
 * does: an inference engine always runs dropout in inference mode.
 */
final class Dropout implements OpDef {
    @Override public String opType() { return "Dropout"; }

    private static DType maskType(OpContext ctx, DType input) {
        return ctx.opset() >= 10 ? DType.BOOL : input;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 3);
        TensorType in = ctx.inputType(0);
        checkMode(ctx, ctx.constantInput(1), ctx.constantInput(2), false);
        if (ctx.outputCount() < 2) return new TensorType[] {in};
        return new TensorType[] {in, new TensorType(maskType(ctx, in.dtype()), in.shape())};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        checkMode(ctx, inputs.length > 1 ? inputs[1] : null, inputs.length > 2 ? inputs[2] : null, true);
        if (ctx.outputCount() < 2) return new Tensor[] {x};
        DType mt = maskType(ctx, x.dtype());
        Tensor one = Elements.scalarOf(mt, 1);
        return new Tensor[] {x, Elements.filled(one, x.shape())};
    }

    /** Throws when the node asks for training-mode dropout with a non-zero ratio. */
    private static void checkMode(OpContext ctx, Tensor ratioInput, Tensor trainingInput, boolean atRunTime) {
        if (ctx.opset() < 12) return; // no training input; like ONNX Runtime, is_test (opset 1-6) is ignored
        if (!atRunTime && ctx.hasInput(2) && trainingInput == null) return; // training_mode known only at run time
        if (!atRunTime && ctx.hasInput(1) && ratioInput == null) return;
        boolean training = trainingInput != null && trainingInput.getDouble(0) != 0;
        double ratio = ratioInput != null ? ratioInput.getDouble(0) : 0.5;
        if (training && ratio != 0) {
            throw ctx.error("training-mode dropout (ratio " + ratio + ") is random and not supported; export the model in eval mode");
        }
    }
}
