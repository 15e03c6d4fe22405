package dev.nnjit.e2e;

import static dev.nnjit.model.OnnxBuilder.attrFloat;
import static dev.nnjit.model.OnnxBuilder.attrInt;
import static dev.nnjit.model.OnnxBuilder.attrInts;
import static dev.nnjit.model.OnnxBuilder.attrString;
import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.tensorFloats;
import static dev.nnjit.model.OnnxBuilder.tensorInt32s;
import static dev.nnjit.model.OnnxBuilder.tensorInt64s;
import static dev.nnjit.model.OnnxBuilder.valueInfo;
import static dev.nnjit.model.OnnxBuilder.valueInfoNoShape;

import dev.nnjit.model.OnnxBuilder;
import dev.nnjit.model.ProtoWriter;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One-op ONNX models for the WebGPU op tests: every op the fixtures and MiniLM use (and their close relatives), on
 * seeded random inputs with sizes that no tile divides, broadcasting, size-1 and empty dims. The reference is the
 * op's plain-Java implementation (the JVM engine on the same model file).
 *
 * <p>Tolerances ({@link Tol}), and why:
 * <ul>
 *   <li>EXACT: data movement, comparisons, logic, integer arithmetic and casts move or compute exact values.</li>
 *   <li>ARITH: |d| <= 1e-5 |ref| + 1e-7. One f32 operation per element, but WGSL allows 2.5 ulp for division
 *       and the codegen may contract a*b+c; 1e-5 relative is ~80 ulp.</li>
 *   <li>TRANSCENDENTAL: |d| <= 1e-5 |ref| + 1e-6. WGSL's exp/log/tanh are accurate to a few ulp (absolute error
 *       near log's zero), erf is a 1.5e-7-absolute approximation.</li>
 *   <li>MATMUL: |d| <= 3 K u (|A||B|)_ij + 1e-6 with u = 2^-24: the classic bound K u (|A||B|) on a K-term
 *       f32 dot product, once for each side (the GPU sums in another order than the reference), with room for an
 *       epilogue activation of slope up to 1.13 (GELU); (|A||B|) is computed by running the reference on |A| and
 *       |B|. Sums of K terms (ReduceSum) use the same bound with B = 1.</li>
 *   <li>ROWS: |d| <= 1e-5 max(1, |ref|) for softmax, norms and means (row length at most a few hundred here).</li>
 * </ul>
 */
final class GpuOpCases {
    private GpuOpCases() {}

    enum Tol { EXACT, ARITH, TRANSCENDENTAL, MATMUL, ROWS }

    /** A saved one-op model, its feeds, and how closely the GPU must match the reference. */
    record Case(String name, java.nio.file.Path model, Map<String, Tensor> feeds, Tol tol, int k) {
        @Override public String toString() { return name; }
    }

    /** Fluent builder of one case: feeds are random graph inputs, inits are constant initializers. */
    static final class Builder {
        private final String name;
        private final Random rnd;
        private final OnnxBuilder.Graph graph;
        private final Map<String, Tensor> feeds = new LinkedHashMap<>();
        private final List<String> inputs = new ArrayList<>();
        private final List<ProtoWriter> attrs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private String opType;
        private String domain = "";
        private int opset = 17;
        private Tol tol = Tol.EXACT;
        private int k;

        Builder(String name) {
            this.name = name;
            this.rnd = new Random(name.hashCode());
            this.graph = new OnnxBuilder.Graph(name.replaceAll("[^A-Za-z0-9]", "_"));
        }

        Builder op(String op) { opType = op; return this; }
        Builder opset(int v) { opset = v; return this; }
        Builder tol(Tol t) { tol = t; return this; }

        /** MATMUL tolerance for products over {@code k} terms. */
        Builder products(int k) { tol = Tol.MATMUL; this.k = k; return this; }
        Builder attr(ProtoWriter a) { attrs.add(a); return this; }

        /** A float32 graph input of standard-normal values (times {@code scale}). */
        Builder feed(String n, int... shape) { return feedScaled(n, 1f, shape); }

        Builder feedScaled(String n, float scale, int... shape) {
            float[] v = new float[size(shape)];
            for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian() * scale;
            return feed(n, Tensor.ofFloats(shape, v));
        }

        /** A float32 input in [lo, hi). */
        Builder feedUniform(String n, float lo, float hi, int... shape) {
            float[] v = new float[size(shape)];
            for (int i = 0; i < v.length; i++) v[i] = lo + rnd.nextFloat() * (hi - lo);
            return feed(n, Tensor.ofFloats(shape, v));
        }

        /** An integer input of {@code dtype} with values in [lo, hi]. */
        Builder feedInts(String n, DType dtype, long lo, long hi, int... shape) {
            long[] v = new long[size(shape)];
            for (int i = 0; i < v.length; i++) v[i] = lo + (long) (rnd.nextDouble() * (hi - lo + 1));
            return feed(n, Tensor.ofLongs(dtype, shape, v));
        }

        Builder feedBools(String n, int... shape) {
            boolean[] v = new boolean[size(shape)];
            for (int i = 0; i < v.length; i++) v[i] = rnd.nextBoolean();
            return feed(n, Tensor.ofBools(shape, v));
        }

        Builder feed(String n, Tensor t) {
            Object[] dims = new Object[t.rank()];
            for (int i = 0; i < dims.length; i++) dims[i] = t.dim(i);
            graph.input(valueInfo(n, t.dtype(), dims));
            feeds.put(n, t);
            inputs.add(n);
            return this;
        }

        /** A constant int64 initializer (shapes, axes, starts, indices). */
        Builder initLongs(String n, long... v) { return initLongs(n, new int[] {v.length}, v); }

        Builder initLongs(String n, int[] shape, long... v) {
            graph.initializer(tensorInt64s(n, longs(shape), true, v));
            inputs.add(n);
            return this;
        }

        Builder initFloats(String n, int[] shape, float... v) {
            graph.initializer(tensorFloats(n, longs(shape), true, v));
            inputs.add(n);
            return this;
        }

        /** A constant float initializer of random values. */
        Builder initRandom(String n, int... shape) {
            float[] v = new float[size(shape)];
            for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
            return initFloats(n, shape, v);
        }

        Builder initBools(String n, int[] shape, int... v) {
            graph.initializer(tensorInt32s(n, DType.BOOL, longs(shape), true, v));
            inputs.add(n);
            return this;
        }

        /** An omitted optional input. */
        Builder none() { inputs.add(""); return this; }

        Builder out(String n, DType dtype) {
            graph.output(valueInfoNoShape(n, dtype));
            outputs.add(n);
            return this;
        }

        Builder nnjit() { domain = "nnjit"; return this; }

        Case build() {
            graph.node(node(name.replaceAll("[^A-Za-z0-9]", "_"), domain, opType, inputs, outputs,
                    attrs.toArray(new ProtoWriter[0])));
            ProtoWriter m = domain.isEmpty() ? model(8, graph.build(), "", opset)
                    : model(8, graph.build(), "", opset, domain, 1);
            java.nio.file.Path file = E2eModels.workDir().resolve("gpu-ops").resolve(
                    name.replaceAll("[^A-Za-z0-9]+", "-")).resolve("model.onnx");
            TestModels.write(file, m.toByteArray());
            return new Case(name, file, feeds, tol, k);
        }

        private static int size(int[] shape) {
            int n = 1;
            for (int d : shape) n *= d;
            return n;
        }

        private static long[] longs(int[] shape) {
            long[] l = new long[shape.length];
            for (int i = 0; i < l.length; i++) l[i] = shape[i];
            return l;
        }
    }

    static Builder c(String name) { return new Builder(name); }

    static List<Case> all() {
        List<Case> l = new ArrayList<>();
        elementwise(l);
        dataMovement(l);
        matmul(l);
        rows(l);
        fused(l);
        return l;
    }

    private static void elementwise(List<Case> l) {
        l.add(c("Add broadcast [3,5,7]+[7]").op("Add").feed("a", 3, 5, 7).feed("b", 7).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        l.add(c("Add size-1 dims [1,5,1]+[4,1,6]").op("Add").feed("a", 1, 5, 1).feed("b", 4, 1, 6).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        l.add(c("Add empty [0,5]+[5]").op("Add").feed("a", 0, 5).feed("b", 5).out("y", DType.FLOAT).build());
        l.add(c("Add scalars").op("Add").feed("a").feed("b").out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Add int64").op("Add").feedInts("a", DType.INT64, -1000, 1000, 3, 5).feedInts("b", DType.INT64, -9, 9, 5)
                .out("y", DType.INT64).build());
        l.add(c("Sub [2,9]-[2,1]").op("Sub").feed("a", 2, 9).feed("b", 2, 1).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Mul by constant scalar").op("Mul").feed("a", 5, 3).initFloats("s", new int[0], 0.125f)
                .out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Mul by constant vector").op("Mul").feed("a", 3, 5).initRandom("w", 5).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        l.add(c("Div tensor").op("Div").feed("a", 4, 13).feedUniform("b", 0.5f, 3f, 4, 13).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        l.add(c("Div int32 truncates").op("Div").feedInts("a", DType.INT32, -50, 50, 17)
                .feedInts("b", DType.INT32, 1, 7, 17).out("y", DType.INT32).build());
        l.add(c("Pow tensor exponent").op("Pow").feedUniform("a", 0.1f, 3f, 3, 7).feedUniform("b", -2f, 2f, 7)
                .out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Pow constant 2 of negatives").op("Pow").feed("a", 5, 5).initFloats("e", new int[0], 2f)
                .out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Pow constant 3 of negatives").op("Pow").feed("a", 6).initFloats("e", new int[0], 3f)
                .out("y", DType.FLOAT).tol(Tol.ARITH).build());
        for (String op : new String[] {"Neg", "Abs", "Relu", "Floor", "Ceil"}) {
            l.add(c(op).op(op).feedScaled("x", 3f, 3, 11).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        }
        l.add(c("Sqrt").op("Sqrt").feedUniform("x", 0f, 10f, 37).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Reciprocal").op("Reciprocal").feedUniform("x", 0.1f, 5f, 2, 13).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        for (String op : new String[] {"Exp", "Erf", "Tanh", "Sigmoid"}) {
            l.add(c(op).op(op).feedScaled("x", 3f, 4, 9).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        }
        l.add(c("Sigmoid extremes").op("Sigmoid").feed("x", Tensor.ofFloats(new int[] {6},
                new float[] {-100f, -20f, 0f, 20f, 100f, 1e-3f})).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Log").op("Log").feedUniform("x", 0.01f, 20f, 3, 7).out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Gelu exact").op("Gelu").opset(20).feedScaled("x", 2f, 2, 17).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
        l.add(c("Gelu tanh").op("Gelu").opset(20).attr(attrString("approximate", "tanh")).feedScaled("x", 2f, 2, 17)
                .out("y", DType.FLOAT).tol(Tol.TRANSCENDENTAL).build());
        l.add(c("LeakyRelu").op("LeakyRelu").attr(attrFloat("alpha", 0.1f)).feed("x", 3, 5).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        l.add(c("HardSigmoid").op("HardSigmoid").feedScaled("x", 4f, 19).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("PRelu").op("PRelu").feed("x", 2, 3, 5).initRandom("slope", 3, 1).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        l.add(c("Equal int64").op("Equal").feedInts("a", DType.INT64, 0, 3, 4, 5).feedInts("b", DType.INT64, 0, 3, 5)
                .out("y", DType.BOOL).build());
        l.add(c("Less").op("Less").feed("a", 3, 7).feed("b", 7).out("y", DType.BOOL).build());
        l.add(c("LessOrEqual").op("LessOrEqual").feed("a", 3, 7).feed("b", 3, 1).out("y", DType.BOOL).build());
        l.add(c("Greater").op("Greater").feed("a", 5).feed("b", 2, 1).out("y", DType.BOOL).build());
        l.add(c("GreaterOrEqual int64").op("GreaterOrEqual").feedInts("a", DType.INT64, -3, 3, 9)
                .feedInts("b", DType.INT64, -3, 3, 9).out("y", DType.BOOL).build());
        l.add(c("And").op("And").feedBools("a", 3, 4).feedBools("b", 4).out("y", DType.BOOL).build());
        l.add(c("And with constant").op("And").initBools("k", new int[] {1, 5}, 1, 0, 1, 1, 0).feedBools("b", 3, 5)
                .out("y", DType.BOOL).build());
        l.add(c("Or").op("Or").feedBools("a", 7).feedBools("b", 7).out("y", DType.BOOL).build());
        l.add(c("Xor").op("Xor").feedBools("a", 2, 7).feedBools("b", 7).out("y", DType.BOOL).build());
        l.add(c("Not").op("Not").feedBools("a", 11).out("y", DType.BOOL).build());
        l.add(c("Where broadcast").op("Where").feedBools("c", 3, 1, 5).feed("x", 4, 5).feed("y", 3, 4, 1)
                .out("z", DType.FLOAT).build());
        l.add(c("Where constants (attention mask)").op("Where").feedBools("c", 2, 1, 1, 6)
                .initFloats("zero", new int[0], 0f).initFloats("min", new int[0], -Float.MAX_VALUE)
                .out("z", DType.FLOAT).build());
        l.add(c("Max of three").op("Max").feed("a", 3, 5).feed("b", 5).feed("c", 3, 1).out("y", DType.FLOAT).build());
        l.add(c("Min of two").op("Min").feed("a", 6).feed("b", 6).out("y", DType.FLOAT).build());
        l.add(c("Sum of three").op("Sum").feed("a", 2, 3).feed("b", 3).feed("c", 2, 1).out("y", DType.FLOAT)
                .tol(Tol.ARITH).build());
        l.add(c("Mean of two").op("Mean").feed("a", 2, 3).feed("b", 2, 3).out("y", DType.FLOAT).tol(Tol.ARITH).build());
        l.add(c("Clip inputs").op("Clip").feedScaled("x", 3f, 5, 7).initFloats("lo", new int[0], -1f)
                .initFloats("hi", new int[0], 1.5f).out("y", DType.FLOAT).build());
        l.add(c("Clip min only").op("Clip").feedScaled("x", 3f, 13).initFloats("lo", new int[0], 0f).out("y", DType.FLOAT)
                .build());
        l.add(c("Clip opset 10 attributes").op("Clip").opset(10).attr(attrFloat("min", -0.5f)).attr(attrFloat("max", 0.5f))
                .feed("x", 9).out("y", DType.FLOAT).build());
        l.add(c("Cast int64 to float").op("Cast").attr(attrInt("to", DType.FLOAT.onnxCode))
                .feedInts("x", DType.INT64, -100000, 100000, 3, 4).out("y", DType.FLOAT).build());
        l.add(c("Cast float to int64").op("Cast").attr(attrInt("to", DType.INT64.onnxCode)).feedScaled("x", 50f, 13)
                .out("y", DType.INT64).build());
        l.add(c("Cast bool to float").op("Cast").attr(attrInt("to", DType.FLOAT.onnxCode)).feedBools("x", 2, 5)
                .out("y", DType.FLOAT).build());
        l.add(c("Cast float to bool").op("Cast").attr(attrInt("to", DType.BOOL.onnxCode))
                .feed("x", Tensor.ofFloats(new int[] {5}, new float[] {0f, -0f, 1e-30f, -2f, Float.NaN}))
                .out("y", DType.BOOL).build());
        l.add(c("Cast bool to int64").op("Cast").attr(attrInt("to", DType.INT64.onnxCode)).feedBools("x", 7)
                .out("y", DType.INT64).build());
    }

    private static void dataMovement(List<Case> l) {
        l.add(c("Reshape").op("Reshape").feed("x", 3, 10).initLongs("s", 5, -1).out("y", DType.FLOAT).build());
        l.add(c("Flatten").op("Flatten").attr(attrInt("axis", 2)).feed("x", 2, 3, 5).out("y", DType.FLOAT).build());
        l.add(c("Squeeze").op("Squeeze").feed("x", 3, 1, 5).initLongs("a", 1).out("y", DType.FLOAT).build());
        l.add(c("Unsqueeze int64").op("Unsqueeze").feedInts("x", DType.INT64, -5, 5, 3, 5).initLongs("a", 0, 3)
                .out("y", DType.INT64).build());
        l.add(c("Identity").op("Identity").feed("x", 7).out("y", DType.FLOAT).build());
        l.add(c("Transpose perm 0213").op("Transpose").attr(attrInts("perm", true, 0, 2, 1, 3)).feed("x", 2, 3, 5, 7)
                .out("y", DType.FLOAT).build());
        l.add(c("Transpose default reverses").op("Transpose").feed("x", 3, 1, 6).out("y", DType.FLOAT).build());
        l.add(c("Transpose bool").op("Transpose").attr(attrInts("perm", true, 1, 0)).feedBools("x", 5, 3)
                .out("y", DType.BOOL).build());
        l.add(c("Expand").op("Expand").feed("x", 3, 1).initLongs("s", 2, 3, 5).out("y", DType.FLOAT).build());
        l.add(c("Expand bool").op("Expand").feedBools("x", 1, 1, 5).initLongs("s", 2, 1, 5, 1).out("y", DType.BOOL).build());
        l.add(c("Slice steps and negatives").op("Slice").feed("x", 7, 9).initLongs("st", -1, 1).initLongs("en", -8, 100)
                .initLongs("ax", 0, 1).initLongs("sp", -2, 3).out("y", DType.FLOAT).build());
        l.add(c("Slice empty result").op("Slice").feed("x", 4, 5).initLongs("st", 2).initLongs("en", 2)
                .out("y", DType.FLOAT).build());
        l.add(c("Slice opset 9 attributes").op("Slice").opset(9).attr(attrInts("starts", true, 1))
                .attr(attrInts("ends", true, 4)).attr(attrInts("axes", true, 1)).feed("x", 3, 6).out("y", DType.FLOAT)
                .build());
        l.add(c("Split uneven").op("Split").attr(attrInt("axis", 1)).feed("x", 2, 7, 3).initLongs("s", 2, 4, 1)
                .out("a", DType.FLOAT).out("b", DType.FLOAT).out("c", DType.FLOAT).build());
        l.add(c("Split equal opset 11").op("Split").opset(11).attr(attrInt("axis", -1)).feed("x", 3, 6)
                .out("a", DType.FLOAT).out("b", DType.FLOAT).build());
        l.add(c("Concat three").op("Concat").attr(attrInt("axis", 1)).feed("a", 2, 3, 4).feed("b", 2, 1, 4)
                .feed("c", 2, 5, 4).out("y", DType.FLOAT).build());
        l.add(c("Concat with an empty input").op("Concat").attr(attrInt("axis", 0)).feed("a", 2, 3).feed("b", 0, 3)
                .feed("c", 1, 3).out("y", DType.FLOAT).build());
        Builder many = c("Concat nine inputs (grouped)").op("Concat").attr(attrInt("axis", -1));
        for (int i = 0; i < 9; i++) many.feed("x" + i, 2, 1 + i % 3);
        l.add(many.out("y", DType.FLOAT).build());
        l.add(c("Concat int64 with constant").op("Concat").attr(attrInt("axis", 0))
                .feedInts("a", DType.INT64, 0, 9, 3).initLongs("b", 7, 8).out("y", DType.INT64).build());
        l.add(c("Gather axis 0 (embedding)").op("Gather").initRandom("table", 11, 6)
                .feedInts("ids", DType.INT64, -11, 10, 2, 5).out("y", DType.FLOAT).build());
        l.add(c("Gather axis 1").op("Gather").attr(attrInt("axis", 1)).feed("x", 3, 5, 2)
                .feedInts("i", DType.INT64, -5, 4, 4).out("y", DType.FLOAT).build());
        l.add(c("Gather scalar index").op("Gather").attr(attrInt("axis", 1)).feed("x", 2, 7, 3)
                .initLongs("i", new int[0], -1).out("y", DType.FLOAT).build());
        l.add(c("GatherND").op("GatherND").feed("x", 3, 4, 5).feedInts("i", DType.INT64, 0, 2, 6, 2)
                .out("y", DType.FLOAT).build());
        l.add(c("GatherND batch_dims 1 bool").op("GatherND").attr(attrInt("batch_dims", 1)).feedBools("x", 2, 3, 5)
                .feedInts("i", DType.INT64, -3, 2, 2, 4, 1).out("y", DType.BOOL).build());
    }

    private static void matmul(List<Case> l) {
        l.add(c("MatMul 7x13 @ 13x9").op("MatMul").feed("a", 7, 13).feed("b", 13, 9).out("y", DType.FLOAT)
                .products(13).build());
        l.add(c("MatMul 65x33 @ 33x40 (no tile divides)").op("MatMul").feed("a", 65, 33).feed("b", 33, 40)
                .out("y", DType.FLOAT).products(33).build());
        l.add(c("MatMul batched broadcast").op("MatMul").feed("a", 2, 1, 5, 6).feed("b", 3, 6, 4).out("y", DType.FLOAT)
                .products(6).build());
        l.add(c("MatMul 1-D @ 2-D").op("MatMul").feed("a", 6).feed("b", 6, 5).out("y", DType.FLOAT).products(6)
                .build());
        l.add(c("MatMul 2-D @ 1-D").op("MatMul").feed("a", 5, 6).feed("b", 6).out("y", DType.FLOAT).products(6)
                .build());
        l.add(c("MatMul M=1 (gemv)").op("MatMul").feed("a", 1, 33).feed("b", 33, 17).out("y", DType.FLOAT)
                .products(33).build());
        l.add(c("MatMul batched M=1").op("MatMul").feed("a", 3, 1, 20).feed("b", 3, 20, 8).out("y", DType.FLOAT)
                .products(20).build());
        l.add(c("MatMul empty K").op("MatMul").feed("a", 3, 0).feed("b", 0, 4).out("y", DType.FLOAT).build());
        l.add(c("Gemm transB alpha beta C[N]").op("Gemm").attr(attrInt("transB", 1)).attr(attrFloat("alpha", 0.5f))
                .attr(attrFloat("beta", 2f)).feed("a", 9, 14).feed("b", 11, 14).feed("c", 11).out("y", DType.FLOAT)
                .products(14).build());
        l.add(c("Gemm transA C[M,1]").op("Gemm").attr(attrInt("transA", 1)).feed("a", 6, 5).feed("b", 6, 7)
                .feed("c", 5, 1).out("y", DType.FLOAT).products(6).build());
        l.add(c("Gemm no C").op("Gemm").feed("a", 3, 8).feed("b", 8, 2).out("y", DType.FLOAT).products(8).build());
    }

    private static void rows(List<Case> l) {
        l.add(c("Softmax last axis").op("Softmax").feedScaled("x", 3f, 3, 5, 37).out("y", DType.FLOAT).tol(Tol.ROWS)
                .build());
        l.add(c("Softmax middle axis").op("Softmax").attr(attrInt("axis", 1)).feed("x", 2, 9, 3).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("Softmax opset 11 coerced").op("Softmax").opset(11).attr(attrInt("axis", 1)).feed("x", 2, 3, 4)
                .out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("Softmax with -FLT_MAX mask values").op("Softmax").feed("x", Tensor.ofFloats(new int[] {2, 3},
                new float[] {1f, -Float.MAX_VALUE, 2f, -Float.MAX_VALUE, 0.5f, -Float.MAX_VALUE})).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("LogSoftmax").op("LogSoftmax").feed("x", 4, 19).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("LayerNormalization with bias").op("LayerNormalization").feed("x", 2, 5, 24).initRandom("g", 24)
                .initRandom("b", 24).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("LayerNormalization axis 1 no bias").op("LayerNormalization").attr(attrInt("axis", 1))
                .attr(attrFloat("epsilon", 1e-3f)).feed("x", 3, 4, 5).initRandom("g", 4, 5).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("LayerNormalization broadcast scale").op("LayerNormalization").attr(attrInt("axis", 1))
                .feed("x", 3, 4, 5).initRandom("g", 5).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("ReduceMean last axis keepdims").op("ReduceMean").opset(13).attr(attrInts("axes", true, -1))
                .feed("x", 3, 7, 33).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("ReduceMean middle axis").op("ReduceMean").opset(13).attr(attrInts("axes", true, 1))
                .attr(attrInt("keepdims", 0)).feed("x", 3, 7, 5).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("ReduceSum all (axes input)").op("ReduceSum").opset(13).feed("x", 4, 6).out("y", DType.FLOAT)
                .products(24).build());
        l.add(c("ReduceSum axes input").op("ReduceSum").opset(13).feed("x", 2, 3, 5).initLongs("a", 0, 2)
                .out("y", DType.FLOAT).products(10).build());
        l.add(c("ReduceMax").op("ReduceMax").opset(13).attr(attrInts("axes", true, 0)).feed("x", 5, 3)
                .out("y", DType.FLOAT).build());
        l.add(c("ReduceMin").op("ReduceMin").opset(13).attr(attrInts("axes", true, 1)).feed("x", 5, 3)
                .out("y", DType.FLOAT).build());
        l.add(c("ReduceL2").op("ReduceL2").opset(13).attr(attrInts("axes", true, 1)).feed("x", 4, 10)
                .out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("ReduceSumSquare").op("ReduceSumSquare").opset(13).attr(attrInts("axes", true, 1)).feed("x", 4, 10)
                .out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("ReduceLogSumExp").op("ReduceLogSumExp").opset(13).attr(attrInts("axes", true, -1))
                .feedScaled("x", 5f, 3, 8).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("ArgMax axis 1").op("ArgMax").attr(attrInt("axis", 1)).feed("x", 3, 7, 5).out("y", DType.INT64).build());
        l.add(c("ArgMin last index ties int64").op("ArgMin").attr(attrInt("axis", 0)).attr(attrInt("keepdims", 0))
                .attr(attrInt("select_last_index", 1)).feedInts("x", DType.INT64, 0, 2, 9, 4).out("y", DType.INT64)
                .build());
        l.add(c("ArgMax first index ties").op("ArgMax").attr(attrInt("axis", -1)).feedInts("x", DType.INT32, 0, 1, 6, 5)
                .out("y", DType.INT64).build());
        l.add(c("ReduceLogSum").op("ReduceLogSum").opset(13).attr(attrInts("axes", true, -1))
                .feedUniform("x", 0.1f, 2f, 3, 8).out("y", DType.FLOAT).tol(Tol.ROWS).build());
    }

    /** nnjit's fused ops as the fusion passes emit them (the GPU lowers them without re-deriving the pattern). */
    private static void fused(List<Case> l) {
        l.add(c("nnjit.FusedMatMul bias gelu").nnjit().op("FusedMatMul").attr(attrString("activation", "gelu"))
                .feed("a", 2, 5, 12).feed("b", 12, 7).feed("bias", 7).out("y", DType.FLOAT).products(12).build());
        l.add(c("nnjit.FusedMatMul transB silu").nnjit().op("FusedMatMul").attr(attrInt("transB", 1))
                .attr(attrString("activation", "silu")).feed("a", 9, 16).feed("b", 5, 16).out("y", DType.FLOAT)
                .products(16).build());
        l.add(c("nnjit.FusedMatMul relu M=1 (gemv)").nnjit().op("FusedMatMul")
                .attr(attrString("activation", "relu")).feed("a", 1, 8).feed("b", 8, 4).feed("bias", 4)
                .out("y", DType.FLOAT).products(8).build());
        l.add(c("nnjit.Attention with mask").nnjit().op("Attention").feed("q", 2, 3, 5, 8).feed("k", 2, 3, 7, 8)
                .feed("v", 2, 3, 7, 6).feed("mask", 2, 1, 1, 7).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("nnjit.Attention grouped-query, scale").nnjit().op("Attention").attr(attrFloat("scale", 0.3f))
                .feed("q", 1, 4, 3, 8).feed("k", 1, 2, 5, 8).feed("v", 1, 1, 5, 8).out("y", DType.FLOAT)
                .tol(Tol.ROWS).build());
        l.add(c("nnjit.RMSNormalization").nnjit().op("RMSNormalization").attr(attrFloat("epsilon", 1e-6f))
                .feed("x", 3, 5, 16).initRandom("g", 16).out("y", DType.FLOAT).tol(Tol.ROWS).build());
        l.add(c("nnjit.SiLU").nnjit().op("SiLU").feedScaled("x", 4f, 3, 7).out("y", DType.FLOAT)
                .tol(Tol.TRANSCENDENTAL).build());
    }
}
