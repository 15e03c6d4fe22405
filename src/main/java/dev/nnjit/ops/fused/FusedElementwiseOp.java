package dev.nnjit.ops.fused;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.fused.ElementwiseProgram.Instr;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * nnjit.FusedElementwise(inputs...): one elementwise kernel for a whole chain or tree of elementwise ops. What it
 * computes is the {@link ElementwiseProgram} in the node's payload; the output has the program's result dtype and the
 * broadcast of all input shapes.
 *
 * <p>Reference: each instruction is evaluated by the registered ONNX op it stands for, on whole tensors with
 * broadcasting, so the fused node is exactly (bit for bit) the chain it replaced. Elementwise ops commute with
 * broadcasting, so this equals evaluating the program per output element with every input broadcast to the output
 * shape, which is what a GPU kernel does.
 */
final class FusedElementwiseOp implements OpDef {
    /** Opset under which the instructions' ONNX ops are evaluated (their elementwise semantics are stable). */
    private static final int EVAL_OPSET = 17;

    @Override public String opType() { return "FusedElementwise"; }
    @Override public String domain() { return FusedOps.DOMAIN; }

    static ElementwiseProgram program(OpContext ctx) {
        Object p = ctx.payload();
        if (!(p instanceof ElementwiseProgram)) throw ctx.error("has no elementwise program (payload is " + p + ")");
        return (ElementwiseProgram) p;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ElementwiseProgram program = program(ctx);
        ctx.requireInputs(program.inputCount(), program.inputCount());
        for (int i = 0; i < program.inputCount(); i++) {
            DType t = ctx.inputDType(i);
            if (t != null && t != program.inputTypes().get(i)) {
                throw ctx.error("input " + i + " has type " + t + ", the program reads " + program.inputTypes().get(i));
            }
        }
        int[] all = new int[program.inputCount()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        Shape out = all.length == 0 ? Shape.of(new int[0]) : TypeChecks.broadcast(ctx, all);
        return new TensorType[] {new TensorType(program.outputType(), out)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        int[] shape = inferTypes(ctx)[0].shape().toIntArray();
        ElementwiseProgram program = program(ctx);
        List<Instr> instrs = program.instrs();
        Tensor[] values = new Tensor[instrs.size()];
        OpRegistry registry = OpRegistry.defaults();
        for (int i = 0; i < values.length; i++) {
            Instr in = instrs.get(i);
            switch (in.op()) {
                case INPUT: values[i] = inputs[in.input()]; break;
                case CONST: values[i] = scalar(in.type(), in.constant()); break;
                default: {
                    String domain = in.op() == ElementwiseOp.SILU ? FusedOps.DOMAIN : "";
                    OpDef def = registry.find(domain, in.op().onnxOpType);
                    Tensor[] args = new Tensor[in.args().size()];
                    for (int a = 0; a < args.length; a++) args[a] = values[in.arg(a)];
                    OpContext opCtx = context(ctx.nodeName() + "#" + i, in.op().onnxOpType, attributes(in), args);
                    Tensor r = def.compute(opCtx, args)[0];
                    if (r.dtype() != in.type()) {
                        throw ctx.error("instruction " + i + " (" + in.op() + ") computed " + r.dtype()
                                + " where the program says " + in.type());
                    }
                    values[i] = r;
                }
            }
        }
        Tensor result = values[values.length - 1];
        if (!java.util.Arrays.equals(result.shape(), shape)) result = broadcastTo(result, shape);
        return new Tensor[] {result};
    }

    /** The context of one instruction's op; its name ("node#3") says which instruction an error is about. */
    private static OpContext context(String name, String opType, Map<String, Attribute> attrs, Tensor[] args) {
        TensorType[] types = new TensorType[args.length];
        for (int i = 0; i < args.length; i++) types[i] = TensorType.of(args[i]);
        return new OpContext(name, opType, EVAL_OPSET, attrs, types, args.clone(), 1);
    }

    private static Map<String, Attribute> attributes(Instr in) {
        Map<String, Attribute> m = new HashMap<>();
        if (in.op() == ElementwiseOp.CAST) m.put("to", Attribute.ofInt("to", in.type().onnxCode));
        if (in.op() == ElementwiseOp.GELU_TANH) m.put("approximate", Attribute.ofString("approximate", "tanh"));
        return m;
    }

    private static Tensor scalar(DType t, double v) {
        switch (t.storage) {
            case FLOAT: return Tensor.ofFloats(t, new int[0], new float[] {(float) v});
            case LONG: return Tensor.ofLongs(t, new int[0], new long[] {(long) v});
            default: return Tensor.ofBools(new int[0], new boolean[] {v != 0});
        }
    }

    /** A result smaller than the node's output (inputs that the result does not depend on set the shape). */
    private static Tensor broadcastTo(Tensor t, int[] shape) {
        int[] map = TypeChecks.readMap(t.shape(), shape);
        int n = Tensor.checkedSize(shape, "output");
        switch (t.dtype().storage) {
            case FLOAT: {
                float[] s = t.floats(), o = new float[n];
                for (int i = 0; i < n; i++) o[i] = s[map[i]];
                return Tensor.ofFloats(t.dtype(), shape, o);
            }
            case LONG: {
                long[] s = t.longs(), o = new long[n];
                for (int i = 0; i < n; i++) o[i] = s[map[i]];
                return Tensor.ofLongs(t.dtype(), shape, o);
            }
            default: {
                boolean[] s = t.bools(), o = new boolean[n];
                for (int i = 0; i < n; i++) o[i] = s[map[i]];
                return Tensor.ofBools(shape, o);
            }
        }
    }
}
