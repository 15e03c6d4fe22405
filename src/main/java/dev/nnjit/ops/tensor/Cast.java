package dev.nnjit.ops.tensor;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Cast to the dtype in {@code to}: an ONNX type code from opset 6, a type name ("FLOAT", "INT64") in opset 1.
 * Conversion rules: {@link CastRules}. The opset 19 {@code saturate} attribute only concerns float8 types, which
 * nnjit does not support.
 */
final class Cast implements OpDef {
    @Override public String opType() { return "Cast"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType to = target(ctx);
        checkSource(ctx, ctx.inputDType(0), to);
        return TypeRules.single(to, TypeRules.shape(ctx, 0));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        DType to = target(ctx);
        checkSource(ctx, inputs[0].dtype(), to);
        return new Tensor[] {CastRules.cast(inputs[0], to)};
    }

    private static DType target(OpContext ctx) {
        Attribute a = ctx.attr("to");
        if (a == null) throw ctx.error("attribute 'to' is required");
        DType to;
        String what;
        if (a.type() == Attribute.Type.STRING) {
            what = a.stringValue();
            to = null;
            for (DType d : DType.values()) if (d.name().equalsIgnoreCase(what)) to = d;
        } else {
            long code = ctx.attrIntRequired("to");
            what = "code " + code;
            to = DType.fromOnnx((int) code);
        }
        return supported(ctx, to, what);
    }

    /** Rejects dtypes nnjit cannot compute on (string, double, uint64, complex ...) with a message naming them. */
    static DType supported(OpContext ctx, DType to, String what) {
        if (to == null) throw ctx.error("cast to unknown dtype " + what);
        if (!to.isSupported()) throw ctx.error("cast to " + to + " is not supported");
        return to;
    }

    static void checkSource(OpContext ctx, DType from, DType to) {
        if (from != null && !from.isSupported()) throw ctx.error("cast from " + from + " to " + to + " is not supported");
    }
}
