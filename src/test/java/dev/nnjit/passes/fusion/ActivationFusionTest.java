package dev.nnjit.passes.fusion;

import static dev.nnjit.passes.fusion.FusionCheck.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import org.junit.jupiter.api.Test;

/** GELU (erf and tanh forms, any grouping of the outer product) and SiLU recognition. */
class ActivationFusionTest {
    private static final float SQRT2 = (float) Math.sqrt(2);

    /** The product x * 0.5 * a in one of four groupings. */
    private static Value product(TestGraph t, Value x, Value a, int grouping) {
        switch (grouping) {
            case 0: return t.op("Mul", t.op("Mul", x, a), t.scalar(0.5f));      // BERT
            case 1: return t.op("Mul", t.op("Mul", x, t.scalar(0.5f)), a);      // GPT-2
            case 2: return t.op("Mul", x, t.op("Mul", a, t.scalar(0.5f)));
            default: return t.op("Mul", t.op("Mul", t.scalar(0.5f), a), x);
        }
    }

    private static Graph erfGelu(int grouping, boolean divide, float half) {
        TestGraph t = new TestGraph();
        Value x = t.input("x", 3, 40);
        Value scaled = divide ? t.op("Div", x, t.scalar(SQRT2)) : t.op("Mul", t.scalar((float) Math.sqrt(0.5)), x);
        Value a = t.op("Add", t.op("Erf", scaled), t.scalar(1f));
        Value y = grouping < 0 ? t.op("Mul", t.op("Mul", x, a), t.scalar(half)) : product(t, x, a, grouping);
        t.output(y);
        return t.build();
    }

    @Test void erfGeluInEveryGroupingBecomesGelu() {
        for (int grouping = 0; grouping < 4; grouping++) {
            for (boolean divide : new boolean[] {true, false}) {
                Graph f = FusionCheck.fuse(erfGelu(grouping, divide, 0.5f), new GeluFusion(TestGraph.REGISTRY));
                assertEquals(1, f.nodes().size(), "grouping " + grouping + ": " + f.opHistogram());
                Node gelu = f.nodes().get(0);
                assertEquals("Gelu", gelu.opType());
                assertEquals("none", gelu.attribute("approximate").stringValue());
            }
        }
    }

    @Test void aWrongConstantIsNotGelu() {
        Graph f = FusionCheck.fuse(erfGelu(-1, true, 0.6f), new GeluFusion(TestGraph.REGISTRY));
        assertEquals(0, count(f, "Gelu"));
    }

    /** GPT-2's gelu_new: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))), x^3 as Pow or as products. */
    @Test void tanhGeluBecomesGeluApproximateTanh() {
        for (int cube = 0; cube < 2; cube++) {
            for (int grouping = 0; grouping < 4; grouping++) {
                TestGraph t = new TestGraph();
                Value x = t.input("x", 2, 3, 24);
                Value x3 = cube == 0 ? t.op("Pow", x, t.scalar(3f)) : t.op("Mul", x, t.op("Mul", x, x));
                Value inner = t.op("Add", x, t.op("Mul", x3, t.scalar(0.044715f)));
                Value th = t.op("Tanh", t.op("Mul", inner, t.scalar((float) Math.sqrt(2 / Math.PI))));
                t.output(product(t, x, t.op("Add", th, t.scalar(1f)), grouping));
                Graph f = FusionCheck.fuse(t.build(), new GeluFusion(TestGraph.REGISTRY));
                assertEquals(1, f.nodes().size(), "cube " + cube + ", grouping " + grouping + ": " + f.opHistogram());
                assertEquals("tanh", f.nodes().get(0).attribute("approximate").stringValue());
            }
        }
    }

    @Test void siluInEitherOrderBecomesSilu() {
        for (boolean sigmoidFirst : new boolean[] {false, true}) {
            TestGraph t = new TestGraph(18);
            Value x = t.input("x", 4, 33);
            Value s = t.op("Sigmoid", x);
            t.output(sigmoidFirst ? t.op("Mul", s, x) : t.op("Mul", x, s));
            Graph f = FusionCheck.fuse(t.build(), new SiluFusion(TestGraph.REGISTRY));
            assertEquals(1, f.nodes().size(), f.opHistogram().toString());
            assertEquals("SiLU", f.nodes().get(0).opType());
        }
    }

    @Test void aSigmoidReadElsewhereOrOfAnotherValueStays() {
        TestGraph t = new TestGraph(18);
        Value x = t.input("x", 4, 8), z = t.input("z", 4, 8);
        Value s = t.op("Sigmoid", x);
        t.output(t.op("Mul", x, s));
        t.output(s);
        t.output(t.op("Mul", z, t.op("Sigmoid", x)));
        Graph f = FusionCheck.fuse(t.build(), new SiluFusion(TestGraph.REGISTRY));
        assertEquals(0, count(f, "SiLU"), f.opHistogram().toString());
    }
}
