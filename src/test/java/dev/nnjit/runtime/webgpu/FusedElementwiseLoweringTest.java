package dev.nnjit.runtime.webgpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseKernel;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.ExprReference;
import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphImporter;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.ops.fused.ElementwiseProgram;
import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FusedElementwise programs lowered to kernel problems mean what the fused op's CPU reference computes: for each
 * program, {@link ExprReference} evaluated per output element (inputs broadcast) against the op's reference on the
 * same random inputs, and the kernel generator accepts the problem. Floats within 1e-6 of the largest magnitude
 * (ExprReference computes erf/GELU its own way; every other op rounds identically); ints and bools exactly.
 */
class FusedElementwiseLoweringTest {
    private static final OpRegistry REGISTRY = OpRegistry.defaults();

    /** One program using every op the fusion emits, over float, int64 and bool inputs with broadcasting. */
    static ElementwiseProgram everyOp() {
        ElementwiseProgram.Builder b = new ElementwiseProgram.Builder();
        DType f = DType.FLOAT, l = DType.INT64, z = DType.BOOL;
        int x = b.input(f), row = b.input(f), n = b.input(l), mask = b.input(z);
        int a = b.op(ElementwiseOp.ADD, f, x, row);
        int g = b.op(ElementwiseOp.GELU, f, b.op(ElementwiseOp.MUL, f, a, b.constant(0.5, f)));
        int s = b.op(ElementwiseOp.SIGMOID, f, b.op(ElementwiseOp.SILU, f, b.op(ElementwiseOp.GELU_TANH, f, a)));
        int r = b.op(ElementwiseOp.RELU, f, b.op(ElementwiseOp.SUB, f, g, s));
        int e = b.op(ElementwiseOp.EXP, f, b.op(ElementwiseOp.NEG, f, b.op(ElementwiseOp.ABS, f,
                b.op(ElementwiseOp.ERF, f, b.op(ElementwiseOp.TANH, f, r)))));
        int lg = b.op(ElementwiseOp.SQRT, f, b.op(ElementwiseOp.ABS, f, b.op(ElementwiseOp.LOG, f,
                b.op(ElementwiseOp.ADD, f, e, b.constant(1, f)))));
        int rc = b.op(ElementwiseOp.RECIPROCAL, f, b.op(ElementwiseOp.ADD, f, lg, b.constant(1, f)));
        int fl = b.op(ElementwiseOp.CEIL, f, b.op(ElementwiseOp.FLOOR, f, b.op(ElementwiseOp.MUL, f, rc,
                b.constant(10, f))));
        int pw = b.op(ElementwiseOp.POW, f, fl, b.constant(2, f));
        int mm = b.op(ElementwiseOp.MAX, f, b.op(ElementwiseOp.MIN, f, pw, x), b.constant(-1, f));
        int ni = b.op(ElementwiseOp.ADD, l, b.op(ElementwiseOp.MUL, l, n, b.constant(3, l)), b.constant(1, l));
        int nf = b.op(ElementwiseOp.CAST, f, ni);
        int c1 = b.op(ElementwiseOp.AND, z, b.op(ElementwiseOp.LESS, z, x, nf), mask);
        int c2 = b.op(ElementwiseOp.OR, z, c1, b.op(ElementwiseOp.NOT, z, mask));
        int c3 = b.op(ElementwiseOp.XOR, z, c2, b.op(ElementwiseOp.GREATER_EQUAL, z, x, b.constant(0, f)));
        int c4 = b.op(ElementwiseOp.AND, z, b.op(ElementwiseOp.LESS_EQUAL, z, row, nf), b.op(ElementwiseOp.GREATER,
                z, x, row));
        int w = b.op(ElementwiseOp.WHERE, f, b.op(ElementwiseOp.OR, z, c3, c4), mm, b.op(ElementwiseOp.DIV, f, nf,
                b.constant(7, f)));
        int eq = b.op(ElementwiseOp.EQUAL, z, b.op(ElementwiseOp.CAST, l, b.op(ElementwiseOp.FLOOR, f, x)), n);
        b.op(ElementwiseOp.WHERE, f, eq, b.op(ElementwiseOp.CAST, f, n), w);
        return b.build();
    }

    @Test void everyOpLowersAndMatchesTheReference() {
        ElementwiseProgram p = everyOp();
        List<int[]> shapes = List.of(new int[] {3, 4}, new int[] {4}, new int[] {3, 1}, new int[] {3, 4});
        check("every-op", p, shapes, new int[] {3, 4}, new Random(1));
    }

    /** Every FusedElementwise the GPU pipeline makes in the PyTorch fixtures (masks, Llama's rotary embedding). */
    @Test void fixtureProgramsLowerAndMatchTheReference() throws Exception {
        int checked = 0;
        Random random = new Random(2);
        for (String name : new String[] {"bert", "gpt2", "llama", "t5", "bart"}) {
            Path dir = Path.of("models", "fixtures", name);
            JsonObject inputs = JsonParser.parseString(Files.readString(dir.resolve("golden.json"))).getAsJsonObject()
                    .getAsJsonObject("inputs");
            Graph g = GraphImporter.importModel(ModelFiles.load(dir.resolve("model.onnx")));
            for (Value in : g.inputs()) {
                int[] shape = new int[inputs.getAsJsonObject(in.name()).getAsJsonArray("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = inputs.getAsJsonObject(in.name()).getAsJsonArray("shape").get(i).getAsInt();
                }
                in.setType(new TensorType(in.type().dtype(), dev.nnjit.tensor.Shape.of(shape)));
            }
            PassPipeline.gpu(REGISTRY).apply(g);
            for (Node n : g.nodes()) {
                if (!n.opType().equals("FusedElementwise")) continue;
                List<int[]> shapes = new ArrayList<>();
                for (Value v : n.inputs()) shapes.add(v.type().shape().toIntArray());
                check(name + "/" + n.name(), (ElementwiseProgram) n.payload(), shapes,
                        n.output(0).type().shape().toIntArray(), random);
                checked++;
            }
        }
        assertTrue(checked >= 10, "programs checked: " + checked);
    }

    private static void check(String label, ElementwiseProgram p, List<int[]> shapes, int[] out, Random random) {
        ElementwiseProblem problem = FusedElementwiseLowering.problem(label, p, shapes, out);
        String wgsl = ElementwiseKernel.INSTANCE.generate(new ElementwiseConfig(64, 1, false), problem);
        assertTrue(wgsl.contains("fn main"), label + ": no entry point in\n" + wgsl);

        Tensor[] ins = new Tensor[shapes.size()];
        for (int i = 0; i < ins.length; i++) ins[i] = random(p.inputTypes().get(i), shapes.get(i), random);
        TensorType[] types = new TensorType[ins.length];
        for (int i = 0; i < ins.length; i++) types[i] = TensorType.of(ins[i]);
        OpContext ctx = new OpContext(label, "FusedElementwise", FusedOps.OPSET, Map.of(), types, ins, 1, p);
        Tensor expected = REGISTRY.find(FusedOps.DOMAIN, "FusedElementwise").compute(ctx, ins)[0];

        int size = Tensor.checkedSize(out, "out");
        int[][] maps = new int[ins.length][];
        for (int i = 0; i < ins.length; i++) maps[i] = Broadcasting.indexMap(shapes.get(i), out);
        ElementwiseExpr expr = problem.expr();
        double max = 0, worst = 0;
        double[] args = new double[ins.length];
        for (int e = 0; e < size; e++) {
            for (int i = 0; i < ins.length; i++) args[i] = ins[i].getDouble(maps[i][e]);
            double got = ExprReference.eval(expr, args);
            double want = expected.getDouble(e);
            if (!expected.dtype().isFloating()) {
                assertEquals(want, got, label + " element " + e);
                continue;
            }
            if (Double.isNaN(want)) { assertTrue(Double.isNaN(got), label + " element " + e); continue; }
            max = Math.max(max, Math.abs(want));
            worst = Math.max(worst, Math.abs(want - got));
        }
        assertTrue(worst <= 1e-6 * Math.max(max, 1e-30), label + ": max |diff| " + worst + " vs max " + max);
    }

    private static Tensor random(DType t, int[] shape, Random r) {
        int n = Tensor.checkedSize(shape, "input");
        switch (t.storage) {
            case FLOAT: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) f[i] = (float) (r.nextGaussian() * 2);
                return Tensor.ofFloats(t, shape, f);
            }
            case LONG: {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) l[i] = r.nextInt(9) - 4;
                return Tensor.ofLongs(t, shape, l);
            }
            default: {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) b[i] = r.nextBoolean();
                return Tensor.ofBools(shape, b);
            }
        }
    }
}
