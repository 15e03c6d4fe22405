package dev.nnjit.ops.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphImporter;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.InferAndFold;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * This family's type rules on a real PyTorch export (all-MiniLM-L6-v2, opset 11, from the test classpath): with
 * symbolic inputs the batch and sequence symbols must reach the embeddings; with specialized inputs every
 * shape-computing node (Shape, Gather on shapes, Unsqueeze, Concat, Slice, Cast, Constant) must fold away and every
 * value get a static type.
 */
class MiniLmShapeRulesTest {
    private static OnnxModel model;

    @BeforeAll static void load() throws Exception {
        try (InputStream in = MiniLmShapeRulesTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertNotNull(in, "all-minilm-l6-v2.onnx not on the test classpath");
            model = OnnxModelReader.read(ByteBuffer.wrap(in.readAllBytes()), ExternalDataResolver.NONE);
        }
    }

    /** The default registry, plus a type-only Softmax while the nn family does not provide one. */
    private static OpRegistry registry() {
        OpRegistry d = OpRegistry.defaults();
        List<OpDef> all = new ArrayList<>();
        for (String name : d.names()) {
            int dot = name.lastIndexOf('.'); // "domain.Op" for ops outside the default domain (nnjit's fused ops)
            all.add(dot < 0 ? d.find("", name) : d.find(name.substring(0, dot), name.substring(dot + 1)));
        }
        if (d.find("", "Softmax") == null) {
            all.add(new OpDef() {
                @Override public String opType() { return "Softmax"; }
                @Override public TensorType[] inferTypes(OpContext ctx) { return new TensorType[] {ctx.inputType(0)}; }
                @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) { throw new UnsupportedOperationException(); }
            });
        }
        return new OpRegistry(all);
    }

    @Test void symbolicInputsReachTheEmbeddings() {
        Graph g = GraphImporter.importModel(model);
        new InferAndFold(registry(), false).apply(g);
        TensorType expected = new TensorType(DType.FLOAT, Shape.of(Dim.symbol("batch_size"), Dim.symbol("sequence_length"), Dim.of(384)));
        int embeddingGathers = 0;
        for (Node n : g.nodes()) {
            if (!n.opType().equals("Gather") || !n.input(0).isConstant() || n.input(0).constant().rank() != 2) continue;
            if (n.input(1).type().shape().rank() != 2) continue;
            embeddingGathers++;
            if (n.input(1).producer() == null) assertEquals(expected, n.output(0).type(), n.describe());
        }
        assertTrue(embeddingGathers >= 2, "expected the word and token-type embedding gathers");
        TensorType out = g.outputs().get(0).type();
        assertEquals(3, out.shape().rank());
        assertEquals(Dim.of(384), out.shape().dim(2));
    }

    @Test void specializedInputsFoldEveryShapeComputation() {
        Graph g = GraphImporter.importModel(model);
        for (Value in : g.inputs()) in.setType(new TensorType(DType.INT64, Shape.of(2, 9)));
        new InferAndFold(registry(), true).apply(g);
        Map<String, Integer> ops = g.opHistogram();
        // What remains carries data: the two embedding gathers, the attention-mask Unsqueeze x2 + Cast, and the
        // Reshapes of activations, each by a now-constant shape. Nothing computes shapes any more.
        for (String op : new String[] {"Shape", "Concat", "Slice", "Constant", "ConstantOfShape"}) {
            assertEquals(null, ops.get(op), op + " left after folding: " + ops);
        }
        assertEquals(2, ops.get("Gather"), ops.toString());
        assertEquals(2, ops.get("Unsqueeze"), ops.toString());
        assertEquals(1, ops.get("Cast"), ops.toString());
        for (Node n : g.nodes()) {
            if (n.opType().equals("Reshape")) assertTrue(n.input(1).isConstant(), n.describe() + " has a computed shape");
            for (Value v : n.outputs()) assertTrue(v.type().shape().isStatic(), v.name() + " of " + n.describe() + " is " + v.type());
        }
        assertEquals(new TensorType(DType.FLOAT, Shape.of(2, 9, 384)), g.outputs().get(0).type());
    }
}
