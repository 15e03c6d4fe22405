package dev.nnjit.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.api.Session;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Subgraphs;
import dev.nnjit.model.Attribute;
import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * If with outer-scope reads two levels deep: the outer If's then_branch holds an inner If whose branches read x and y
 * of the main graph; the importer must make them inputs of both If nodes.
 */
class IfTest {
    private static final ValueInfo FLOAT2 = new ValueInfo("out", DType.FLOAT, Shape.of(2));

    private static OnnxGraph body(String name, String out, OnnxNode... nodes) {
        return new OnnxGraph(name, List.of(nodes), Map.of(), List.of(),
                List.of(new ValueInfo(out, DType.FLOAT, Shape.of(2))), List.of());
    }

    private static OnnxNode node(String op, List<String> ins, String out, Attribute... attrs) {
        Map<String, Attribute> m = new java.util.LinkedHashMap<>();
        for (Attribute a : attrs) m.put(a.name(), a);
        return new OnnxNode(op + "_" + out, op, "", ins, List.of(out), m);
    }

    private static OnnxModel model() {
        OnnxGraph innerThen = body("inner_then", "sum", node("Add", List.of("x", "y"), "sum"));
        OnnxGraph innerElse = body("inner_else", "diff", node("Sub", List.of("x", "y"), "diff"));
        OnnxGraph outerThen = body("outer_then", "inner_out", node("If", List.of("inner_cond"), "inner_out",
                Attribute.ofGraph("then_branch", innerThen), Attribute.ofGraph("else_branch", innerElse)));
        OnnxGraph outerElse = body("outer_else", "prod", node("Mul", List.of("x", "y"), "prod"));
        OnnxNode outerIf = node("If", List.of("cond"), "if_out",
                Attribute.ofGraph("then_branch", outerThen), Attribute.ofGraph("else_branch", outerElse));
        OnnxNode after = node("Neg", List.of("if_out"), "result");
        OnnxGraph main = new OnnxGraph("main", List.of(outerIf, after), Map.of(),
                List.of(new ValueInfo("cond", DType.BOOL, Shape.of(new int[0])), new ValueInfo("inner_cond", DType.BOOL, Shape.of(new int[0])),
                        new ValueInfo("x", DType.FLOAT, Shape.of(2)), new ValueInfo("y", DType.FLOAT, Shape.of(2))),
                List.of(new ValueInfo("result", DType.FLOAT, Shape.of(2))), List.of());
        return new OnnxModel(8, "test", "", Map.of("", 13), main);
    }

    private static float[] run(Session s, boolean cond, boolean innerCond) {
        Map<String, Tensor> feeds = Map.of(
                "cond", Tensor.ofBools(new int[0], new boolean[] {cond}),
                "inner_cond", Tensor.ofBools(new int[0], new boolean[] {innerCond}),
                "x", Tensor.ofFloats(new int[] {2}, new float[] {5f, 7f}),
                "y", Tensor.ofFloats(new int[] {2}, new float[] {2f, 3f}));
        return s.run(feeds).get("result").floats();
    }

    @Test
    void branchesReadOuterValuesAtAnyDepth() {
        Session s = Session.create(model());
        Node outer = s.graph().nodes().get(0);
        assertEquals("If", outer.opType());
        assertEquals(List.of("inner_cond", "x", "y"), ((Subgraphs) outer.payload()).captured());
        assertEquals(4, outer.inputs().size(), "cond, then the captured values");
        assertArrayEquals(new float[] {-7f, -10f}, run(s, true, true));
        assertArrayEquals(new float[] {-3f, -4f}, run(s, true, false));
        assertArrayEquals(new float[] {-10f, -21f}, run(s, false, true));
    }
}
