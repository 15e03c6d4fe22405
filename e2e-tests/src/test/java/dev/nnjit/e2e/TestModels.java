package dev.nnjit.e2e;

import static dev.nnjit.model.OnnxBuilder.attrInt;
import static dev.nnjit.model.OnnxBuilder.attrInts;
import static dev.nnjit.model.OnnxBuilder.dims;
import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.tensorExternal;
import static dev.nnjit.model.OnnxBuilder.tensorFloats;
import static dev.nnjit.model.OnnxBuilder.tensorInt64s;
import static dev.nnjit.model.OnnxBuilder.valueInfo;

import dev.nnjit.model.OnnxBuilder;
import dev.nnjit.model.ProtoWriter;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small ONNX models written by the tests (default opset 13), with seeded random weights and feeds. Each is saved as
 * target/e2e-models/NAME/model.onnx so the browser loads it over http like any other model.
 */
final class TestModels {
    private TestModels() {}

    /** A model file and the feeds to run it on. */
    record Case(String name, Path model, Map<String, Tensor> feeds) {
        @Override public String toString() { return name; }
    }

    static List<Case> all() {
        return List.of(mlp(), integerAndBool(), externalWeights(), passThrough(), floatToIntCasts());
    }

    /**
     * y = sigmoid(norm(gelu(x·W1 + b1))·W2 + b2) with norm a hand-written layer norm (ReduceMean, Sub, Mul, Sqrt,
     * Div) and erf-based GELU: float rounding everywhere, so it shows whether a build reproduces Java floats.
     * x: float32 [N, 16] with symbolic N.
     */
    static Case mlp() {
        Random rnd = new Random(11);
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("mlp")
                .input(valueInfo("x", DType.FLOAT, "N", 16))
                .initializer(tensorFloats("W1", dims(16, 32), true, randn(rnd, 16 * 32, 0.3f)))
                .initializer(tensorFloats("b1", dims(32), true, randn(rnd, 32, 0.1f)))
                .initializer(tensorFloats("W2", dims(32, 8), true, randn(rnd, 32 * 8, 0.3f)))
                .initializer(tensorFloats("b2", dims(8), true, randn(rnd, 8, 0.1f)))
                .initializer(tensorFloats("half", dims(), true, 0.5f))
                .initializer(tensorFloats("one", dims(), true, 1f))
                .initializer(tensorFloats("rsqrt2", dims(), true, (float) (1 / Math.sqrt(2))))
                .initializer(tensorFloats("eps", dims(), true, 1e-5f))
                .node(node("MatMul", List.of("x", "W1"), List.of("h0")))
                .node(node("Add", List.of("h0", "b1"), List.of("h1")))
                // GELU(h) = 0.5 h (1 + erf(h / sqrt 2))
                .node(node("Mul", List.of("h1", "rsqrt2"), List.of("g0")))
                .node(node("Erf", List.of("g0"), List.of("g1")))
                .node(node("Add", List.of("g1", "one"), List.of("g2")))
                .node(node("Mul", List.of("h1", "g2"), List.of("g3")))
                .node(node("Mul", List.of("g3", "half"), List.of("h2")))
                // layer norm over the last axis, no affine part
                .node(node("ReduceMean", List.of("h2"), List.of("mu"), attrInts("axes", true, -1), attrInt("keepdims", 1)))
                .node(node("Sub", List.of("h2", "mu"), List.of("d")))
                .node(node("Mul", List.of("d", "d"), List.of("d2")))
                .node(node("ReduceMean", List.of("d2"), List.of("var"), attrInts("axes", true, -1), attrInt("keepdims", 1)))
                .node(node("Add", List.of("var", "eps"), List.of("ve")))
                .node(node("Sqrt", List.of("ve"), List.of("sd")))
                .node(node("Div", List.of("d", "sd"), List.of("h3")))
                .node(node("MatMul", List.of("h3", "W2"), List.of("o0")))
                .node(node("Add", List.of("o0", "b2"), List.of("o1")))
                .node(node("Sigmoid", List.of("o1"), List.of("y")))
                .output(valueInfo("y", DType.FLOAT, "N", 8));
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put("x", Tensor.ofFloats(new int[] {3, 16}, randn(new Random(12), 3 * 16, 1f)));
        Case c = save("mlp", g);
        return new Case(c.name(), c.model(), feeds);
    }

    /** y = x·W: one matmul, so one tuning workload (x: float32 [4, 16], W: [16, 8]). */
    static Case singleMatmul() {
        Random rnd = new Random(21);
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("matmul")
                .input(valueInfo("x", DType.FLOAT, 4, 16))
                .initializer(tensorFloats("W", dims(16, 8), true, randn(rnd, 16 * 8, 0.3f)))
                .node(node("MatMul", List.of("x", "W"), List.of("y")))
                .output(valueInfo("y", DType.FLOAT, 4, 8));
        Map<String, Tensor> feeds = Map.of("x", Tensor.ofFloats(new int[] {4, 16}, randn(new Random(22), 4 * 16, 1f)));
        Case c = save("single-matmul", g);
        return new Case(c.name(), c.model(), feeds);
    }

    /**
     * Integer, bool, scalar and empty outputs: rows = Gather(table, ids) (float), n = Shape(ids) (int64), hit =
     * Equal(ids, 3) (bool), twice = big * 2 (int64 beyond 2^53, to catch any rounding through doubles), total =
     * ReduceSum(ids) (int64 scalar), none = rows[2:2] (float [0, 4]). ids: int64 [5], big: int64 [2].
     */
    static Case integerAndBool() {
        Random rnd = new Random(21);
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("ints")
                .input(valueInfo("ids", DType.INT64, 5))
                .input(valueInfo("big", DType.INT64, 2))
                .initializer(tensorFloats("table", dims(10, 4), true, randn(rnd, 40, 1f)))
                .initializer(tensorInt64s("three", dims(), true, 3))
                .initializer(tensorInt64s("two", dims(), true, 2))
                .node(node("Gather", List.of("table", "ids"), List.of("rows"), attrInt("axis", 0)))
                .node(node("Shape", List.of("ids"), List.of("n")))
                .node(node("Equal", List.of("ids", "three"), List.of("hit")))
                .node(node("Mul", List.of("big", "two"), List.of("twice")))
                .node(node("ReduceSum", List.of("ids"), List.of("total"), attrInt("keepdims", 0)))
                .initializer(tensorInt64s("s0", dims(1), true, 2))
                .initializer(tensorInt64s("s1", dims(1), true, 2))
                .node(node("Slice", List.of("rows", "s0", "s1"), List.of("none")))
                .output(valueInfo("rows", DType.FLOAT, 5, 4))
                .output(valueInfo("n", DType.INT64, 1))
                .output(valueInfo("hit", DType.BOOL, 5))
                .output(valueInfo("twice", DType.INT64, 2))
                .output(valueInfo("total", DType.INT64))
                .output(valueInfo("none", DType.FLOAT, 0, 4));
        Case c = save("ints", g);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put("ids", Tensor.ofLongs(new int[] {5}, new long[] {3, 0, 9, 3, -1}));
        feeds.put("big", Tensor.ofLongs(new int[] {2}, new long[] {(1L << 53) + 1, -(1L << 60) - 3}));
        return new Case(c.name(), c.model(), feeds);
    }

    /** y = x · W with W (float32 [8, 4]) stored in the external file weights.bin next to the model, at offset 64. */
    static Case externalWeights() {
        float[] w = randn(new Random(31), 32, 0.5f);
        ByteBuffer file = ByteBuffer.allocate(64 + w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        file.position(64);
        file.asFloatBuffer().put(w);
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("external")
                .input(valueInfo("x", DType.FLOAT, 2, 8))
                .initializer(tensorExternal("W", DType.FLOAT, dims(8, 4), "weights.bin", 64L, (long) w.length * 4))
                .node(node("MatMul", List.of("x", "W"), List.of("y")))
                .output(valueInfo("y", DType.FLOAT, 2, 4));
        Case c = save("external", g);
        write(c.model().resolveSibling("weights.bin"), file.array());
        Map<String, Tensor> feeds = Map.of("x", Tensor.ofFloats(new int[] {2, 8}, randn(new Random(32), 16, 1f)));
        return new Case(c.name(), c.model(), feeds);
    }

    /** Identity on every storage kind: float32 (with NaN, -0, subnormal, infinities), int64 extremes, int32, bool. */
    static Case passThrough() {
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("identity")
                .input(valueInfo("f", DType.FLOAT, 6))
                .input(valueInfo("l", DType.INT64, 3))
                .input(valueInfo("i", DType.INT32, 2))
                .input(valueInfo("b", DType.BOOL, 3))
                .node(node("Identity", List.of("f"), List.of("f_out")))
                .node(node("Identity", List.of("l"), List.of("l_out")))
                .node(node("Identity", List.of("i"), List.of("i_out")))
                .node(node("Identity", List.of("b"), List.of("b_out")))
                .output(valueInfo("f_out", DType.FLOAT, 6))
                .output(valueInfo("l_out", DType.INT64, 3))
                .output(valueInfo("i_out", DType.INT32, 2))
                .output(valueInfo("b_out", DType.BOOL, 3));
        Case c = save("identity", g);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put("f", Tensor.ofFloats(new int[] {6}, new float[] {Float.NaN, -0f, Float.MIN_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.1f}));
        feeds.put("l", Tensor.ofLongs(new int[] {3}, new long[] {Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1}));
        feeds.put("i", Tensor.ofLongs(DType.INT32, new int[] {2}, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}));
        feeds.put("b", Tensor.ofBools(new int[] {3}, new boolean[] {true, false, true}));
        return new Case(c.name(), c.model(), feeds);
    }

    /**
     * Cast float32 → int64 / int32 / bool on values where targets disagree unless the engine is careful: NaN,
     * infinities, beyond 2^63, halves and negative fractions (truncation toward zero).
     */
    static Case floatToIntCasts() {
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("casts")
                .input(valueInfo("x", DType.FLOAT, 8))
                .node(node("Cast", List.of("x"), List.of("as_int64"), attrInt("to", DType.INT64.onnxCode)))
                .node(node("Cast", List.of("x"), List.of("as_int32"), attrInt("to", DType.INT32.onnxCode)))
                .node(node("Cast", List.of("x"), List.of("as_bool"), attrInt("to", DType.BOOL.onnxCode)))
                .output(valueInfo("as_int64", DType.INT64, 8))
                .output(valueInfo("as_int32", DType.INT32, 8))
                .output(valueInfo("as_bool", DType.BOOL, 8));
        Case c = save("casts", g);
        Map<String, Tensor> feeds = Map.of("x", Tensor.ofFloats(new int[] {8}, new float[] {Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e30f, 2.5f, -2.5f, 3e9f}));
        return new Case(c.name(), c.model(), feeds);
    }

    private static Case save(String name, OnnxBuilder.Graph g) {
        ProtoWriter m = model(8, g.build(), "", 13);
        Path file = E2eModels.workDir().resolve(name).resolve("model.onnx");
        write(file, m.toByteArray());
        return new Case(name, file, Map.of());
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] randn(Random rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian() * scale;
        return v;
    }
}
