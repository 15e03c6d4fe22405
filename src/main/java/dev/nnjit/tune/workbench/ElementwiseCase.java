package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseKernel;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ElementwiseSpace;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.Tolerance;
import dev.nnjit.tune.measure.SeededInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One elementwise op on f32 inputs: binary ops (add, sub, mul, div, max, min, pow) on two shapes broadcast by ONNX
 * rules, unary ops (relu, neg, abs, exp, tanh, sigmoid, erf, gelu) on one. Inputs uniform in [-2, 2); the divisor
 * and pow's base in [0.5, 2). Reference: the ONNX op (opset 13-20), in double where it is a math function.
 *
 * <p>Tolerances come from WGSL's stated accuracy of each builtin (in ulp of the result, 2^-23 relative at most) and
 * nnjit's WGSL library (dev.nnjit.codegen.WgslMath, whose class comment is the accuracy contract): add, sub, mul, max, min, relu, neg, abs are correctly rounded
 * in both, so exact; the others as stated per op in {@link #tolerance()}.
 */
final class ElementwiseCase extends BenchCase {
    private record OpInfo(String name, ElementwiseOp op, String onnx, int opset, int arity) {}

    private static final OpInfo[] OPS = {
        new OpInfo("add", ElementwiseOp.ADD, "Add", 14, 2), new OpInfo("sub", ElementwiseOp.SUB, "Sub", 14, 2),
        new OpInfo("mul", ElementwiseOp.MUL, "Mul", 14, 2), new OpInfo("div", ElementwiseOp.DIV, "Div", 14, 2),
        new OpInfo("max", ElementwiseOp.MAX, "Max", 13, 2), new OpInfo("min", ElementwiseOp.MIN, "Min", 13, 2),
        new OpInfo("pow", ElementwiseOp.POW, "Pow", 15, 2), new OpInfo("relu", ElementwiseOp.RELU, "Relu", 14, 1),
        new OpInfo("neg", ElementwiseOp.NEG, "Neg", 13, 1), new OpInfo("abs", ElementwiseOp.ABS, "Abs", 13, 1),
        new OpInfo("exp", ElementwiseOp.EXP, "Exp", 13, 1), new OpInfo("tanh", ElementwiseOp.TANH, "Tanh", 13, 1),
        new OpInfo("sigmoid", ElementwiseOp.SIGMOID, "Sigmoid", 13, 1),
        new OpInfo("erf", ElementwiseOp.ERF, "Erf", 13, 1), new OpInfo("gelu", ElementwiseOp.GELU, "Gelu", 20, 1)};

    private final OpInfo info;
    private final int[][] shapes;
    private final int[] outShape;
    private final List<float[]> data = new ArrayList<>();
    private final ElementwiseProblem problem;

    ElementwiseCase(String op, int[][] shapes, long seed) {
        String name = op == null ? "add" : op;
        OpInfo found = null;
        for (OpInfo o : OPS) if (o.name.equals(name)) found = o;
        if (found == null) throw new IllegalArgumentException("unknown elementwise op '" + name + "' (expected " + names()
                + ")");
        info = found;
        if (shapes.length != info.arity) {
            throw new IllegalArgumentException(info.name + " takes " + info.arity + " input shape(s) separated by commas,"
                    + " got " + shapes.length);
        }
        this.shapes = shapes;
        outShape = info.arity == 1 ? shapes[0].clone() : Broadcasting.shape(shapes[0], shapes[1]);
        SeededInputs rnd = new SeededInputs(seed);
        List<ElementwiseInput> inputs = new ArrayList<>();
        ElementwiseExpr[] args = new ElementwiseExpr[info.arity];
        for (int i = 0; i < info.arity; i++) {
            boolean positive = (info.op == ElementwiseOp.DIV && i == 1) || (info.op == ElementwiseOp.POW && i == 0);
            data.add(positive ? rnd.uniform(ShapeText.product(shapes[i]), 0.5f, 2) : rnd.uniform(ShapeText.product(shapes[i]), -2, 2));
            inputs.add(ElementwiseInput.broadcast(ScalarType.F32, shapes[i], outShape));
            args[i] = ElementwiseExpr.input(i, ScalarType.F32);
        }
        problem = ElementwiseProblem.broadcast(info.onnx, outShape, inputs, ElementwiseExpr.of(info.op, args));
    }

    static String names() {
        StringBuilder sb = new StringBuilder();
        for (OpInfo o : OPS) sb.append(sb.length() == 0 ? "" : ", ").append(o.name);
        return sb.toString();
    }

    @Override public Family family() { return Family.ELEMENTWISE; }

    @Override public String describe() {
        StringBuilder sb = new StringBuilder(info.onnx).append('(');
        for (int i = 0; i < shapes.length; i++) sb.append(i == 0 ? "" : ", ").append(ShapeText.format(shapes[i]));
        return sb.append(") -> ").append(ShapeText.format(outShape)).toString();
    }

    @Override public List<Candidate> candidates(AdapterLimits limits, AdapterFeatures features) {
        return instances(ElementwiseKernel.INSTANCE,
                ElementwiseSpace.candidates(problem.elements(), problem.vec4Allowed(), limits, features), problem);
    }

    @Override public List<float[]> inputs() { return data; }

    @Override public long outputElements() { return problem.elements(); }

    @Override public Tolerance tolerance() {
        double ulp = Tolerance.ULP;
        switch (info.op) {
            case DIV: return new Tolerance(0, 3 * ulp, "WGSL division: 2.5 ulp");
            case EXP: return new Tolerance(0, 8 * ulp, "nn_exp: 4 ulp (WgslMath contract)");
            case POW: return new Tolerance(0, 2 * (7 * ulp + 0x1.0p-20),
                    "exp2(y log2 x): exp2's 7 ulp at |y log2 x| <= 2, plus log2's ~2^-21 absolute error times |y| <= 2;"
                            + " x2");
            case TANH: return new Tolerance(8 * ulp, 8 * ulp, "nn_tanh: 8 ulp (WgslMath contract)");
            case SIGMOID: return new Tolerance(0, 12 * ulp, "1/(1+e^-x): exp 7 ulp, division 2.5 ulp, one add");
            case ERF: return new Tolerance(5e-7, 0, "Abramowitz-Stegun 7.1.26: 1.5e-7, plus f32 rounding (~2e-7)");
            case GELU: return new Tolerance(5e-7, 4 * ulp, "0.5 x (1 + erf(x/sqrt 2)), |x| <= 2: erf's error, + roundings");
            default: return Tolerance.exact("correctly rounded in WGSL and in the reference");
        }
    }

    @Override protected float[] computeReference() {
        Tensor[] ins = new Tensor[info.arity];
        for (int i = 0; i < ins.length; i++) ins[i] = Tensor.ofFloats(shapes[i], data.get(i));
        return ReferenceOps.run("", info.onnx, info.opset, Map.of(), ins).floats();
    }
}
