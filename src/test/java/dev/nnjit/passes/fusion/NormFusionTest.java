package dev.nnjit.passes.fusion;

import static dev.nnjit.passes.fusion.FusionCheck.count;
import static dev.nnjit.passes.fusion.TestGraph.attrs;
import static dev.nnjit.passes.fusion.TestGraph.i;
import static dev.nnjit.passes.fusion.TestGraph.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.tensor.DType;
import org.junit.jupiter.api.Test;

/** LayerNorm and RMSNorm recognition: the spellings exporters use, and look-alikes that must stay as they are. */
class NormFusionTest {

    /** BERT/MiniLM at opset 11: ReduceMean with an axes attribute, Pow 2, Div by Sqrt, Mul gamma, Add beta. */
    private static Graph layerNorm(boolean mulSelf, boolean gammaFirst, long axis, float exponent) {
        TestGraph t = new TestGraph(11);
        Value x = t.input("x", 2, 5, 16);
        Value mean = t.op("ReduceMean", attrs(is("axes", axis)), x);
        Value d = t.op("Sub", x, mean);
        Value sq = mulSelf ? t.op("Mul", d, d) : t.op("Pow", d, t.scalar(exponent));
        Value var = t.op("ReduceMean", attrs(is("axes", axis)), sq);
        Value e = t.op("Add", var, t.scalar(1e-12f));
        Value n = t.op("Div", d, t.op("Sqrt", e));
        Value gamma = t.weights(16);
        Value y = gammaFirst ? t.op("Mul", gamma, n) : t.op("Mul", n, gamma);
        t.output(t.op("Add", t.weights(16), y));
        return t.build();
    }

    @Test void bertLayerNormBecomesLayerNormalization() {
        for (boolean mulSelf : new boolean[] {false, true}) {
            for (boolean gammaFirst : new boolean[] {false, true}) {
                Graph g = layerNorm(mulSelf, gammaFirst, -1, 2f);
                Graph f = FusionCheck.fuse(g, new LayerNormFusion(TestGraph.REGISTRY));
                assertEquals(1, f.nodes().size(), f.opHistogram().toString());
                Node ln = f.nodes().get(0);
                assertEquals("LayerNormalization", ln.opType());
                assertEquals(1e-12f, ln.attribute("epsilon").floatValue());
                assertEquals(-1, ln.attribute("axis").intValue());
                assertEquals(3, ln.inputs().size());
            }
        }
    }

    @Test void lastAxisMayBeNamedPositively() {
        Graph f = FusionCheck.fuse(layerNorm(false, false, 2, 2f), new LayerNormFusion(TestGraph.REGISTRY));
        assertEquals(1, count(f, "LayerNormalization"));
    }

    @Test void otherAxesAndExponentsAreLeftAlone() {
        Graph notLast = FusionCheck.fuse(layerNorm(false, false, 1, 2f), new LayerNormFusion(TestGraph.REGISTRY));
        assertEquals(0, count(notLast, "LayerNormalization"));
        Graph cube = FusionCheck.fuse(layerNorm(false, false, -1, 3f), new LayerNormFusion(TestGraph.REGISTRY));
        assertEquals(0, count(cube, "LayerNormalization"));
    }

    @Test void anIntermediateReadElsewhereBlocksTheRewrite() {
        TestGraph t = new TestGraph(11);
        Value x = t.input("x", 3, 8);
        Value mean = t.op("ReduceMean", attrs(is("axes", -1)), x);
        Value d = t.op("Sub", x, mean);
        Value var = t.op("ReduceMean", attrs(is("axes", -1)), t.op("Pow", d, t.scalar(2f)));
        Value n = t.op("Div", d, t.op("Sqrt", t.op("Add", var, t.scalar(1e-5f))));
        t.output(n);
        t.output(var); // the variance is also a model output
        Graph f = FusionCheck.fuse(t.build(), new LayerNormFusion(TestGraph.REGISTRY));
        assertEquals(0, count(f, "LayerNormalization"));
    }

    @Test void layerNormWithoutAffineGetsUnitScale() {
        TestGraph t = new TestGraph(11);
        Value x = t.input("x", 3, 8);
        Value mean = t.op("ReduceMean", attrs(is("axes", -1)), x);
        Value d = t.op("Sub", x, mean);
        Value var = t.op("ReduceMean", attrs(is("axes", -1)), t.op("Mul", d, d));
        Value r = t.op("Reciprocal", t.op("Sqrt", t.op("Add", t.scalar(1e-5f), var)));
        t.output(t.op("Mul", d, r));
        Graph f = FusionCheck.fuse(t.build(), new LayerNormFusion(TestGraph.REGISTRY));
        assertEquals(1, f.nodes().size(), f.opHistogram().toString());
        assertEquals(2, f.nodes().get(0).inputs().size());
    }

    /** Llama (dynamo, opset 18): Pow 2, ReduceMean with axes input, Add eps, Sqrt, Reciprocal, Mul x, Mul gamma. */
    @Test void llamaRmsNormBecomesRmsNormalization() {
        TestGraph t = new TestGraph(18);
        Value x = t.input("x", 2, 6, 32);
        Value mean = t.op("ReduceMean", attrs(i("keepdims", 1)), t.op("Pow", x, t.scalar(2f)), t.ints(-1));
        Value r = t.op("Reciprocal", t.op("Sqrt", t.op("Add", mean, t.scalar(1e-6f))));
        Value y = t.op("Mul", t.weights(32), t.op("Mul", x, r));
        t.output(t.op("Add", y, x)); // the residual also reads x: it stays
        Graph f = FusionCheck.fuse(t.build(), new RmsNormFusion(TestGraph.REGISTRY));
        assertEquals(1, count(f, "RMSNormalization"), f.opHistogram().toString());
        assertEquals(2, f.nodes().size(), f.opHistogram().toString());
        Node rms = f.nodes().get(0);
        assertEquals("nnjit", rms.domain());
        assertEquals(1e-6f, rms.attribute("epsilon").floatValue());
    }

    /** T5 (opset 17): Cast to float32 (an identity here), Pow, ReduceMean, Add, Sqrt, Div(1, .), Mul x, Mul gamma. */
    @Test void t5RmsNormWithItsCastBecomesRmsNormalization() {
        TestGraph t = new TestGraph(17);
        Value h = t.input("h", 2, 6, 32);
        Value x = t.op("Cast", attrs(i("to", DType.FLOAT.onnxCode)), h);
        Value mean = t.op("ReduceMean", attrs(is("axes", -1), i("keepdims", 1)), t.op("Pow", x, t.scalar(2f)));
        Value inv = t.op("Div", t.scalar(1f), t.op("Sqrt", t.op("Add", mean, t.scalar(1e-6f))));
        Value y = t.op("Mul", t.weights(32), t.op("Mul", x, inv));
        t.output(t.op("Add", x, y));
        Graph f = FusionCheck.fuse(t.build(), new IdentityElimination(), new RmsNormFusion(TestGraph.REGISTRY));
        assertEquals(1, count(f, "RMSNormalization"), f.opHistogram().toString());
        assertEquals(0, count(f, "Cast"));
    }

    @Test void rmsNormSpelledWithPowMinusHalfOrDivision() {
        for (int form = 0; form < 2; form++) {
            TestGraph t = new TestGraph(17);
            Value x = t.input("x", 4, 16);
            Value mean = t.op("ReduceMean", attrs(is("axes", 1)), t.op("Mul", x, x));
            Value e = t.op("Add", t.scalar(1e-5f), mean);
            Value n = form == 0 ? t.op("Mul", t.op("Pow", e, t.scalar(-0.5f)), x) : t.op("Div", x, t.op("Sqrt", e));
            t.output(t.op("Mul", n, t.weights(1, 16)));
            Graph f = FusionCheck.fuse(t.build(), new RmsNormFusion(TestGraph.REGISTRY));
            assertEquals(1, f.nodes().size(), "form " + form + ": " + f.opHistogram());
        }
    }

    @Test void rmsNormWithAVectorEpsilonOrNoGammaIsLeftAlone() {
        TestGraph t = new TestGraph(17);
        Value x = t.input("x", 4, 16);
        Value mean = t.op("ReduceMean", attrs(is("axes", -1)), t.op("Pow", x, t.scalar(2f)));
        Value e = t.op("Add", mean, t.weights(4, 1)); // per-row "epsilon": not a normalization
        t.output(t.op("Mul", t.op("Div", x, t.op("Sqrt", e)), t.weights(16)));
        assertEquals(0, count(FusionCheck.fuse(t.build(), new RmsNormFusion(TestGraph.REGISTRY)), "RMSNormalization"));

        TestGraph u = new TestGraph(17);
        Value y = u.input("y", 4, 16);
        Value m = u.op("ReduceMean", attrs(is("axes", -1)), u.op("Pow", y, u.scalar(2f)));
        u.output(u.op("Div", y, u.op("Sqrt", u.op("Add", m, u.scalar(1e-6f)))));
        assertEquals(0, count(FusionCheck.fuse(u.build(), new RmsNormFusion(TestGraph.REGISTRY)), "RMSNormalization"));
    }
}
