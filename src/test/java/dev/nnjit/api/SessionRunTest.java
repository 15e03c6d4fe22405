package dev.nnjit.api;

import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.valueInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.OnnxBuilder.Graph;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.runtime.RunResult;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run as a value on the CPU backend: options in, a result out, and the older run(feeds)/lastTimings() still work. */
class SessionRunTest {
    /** sum = x + x, neg = Neg(x), in that graph order. */
    private static Session twoOutputs() {
        Graph g = new Graph("g")
                .node(node("Add", List.of("x", "x"), List.of("sum")))
                .node(node("Neg", List.of("x"), List.of("neg")))
                .input(valueInfo("x", DType.FLOAT, 3))
                .output(valueInfo("sum", DType.FLOAT, 3))
                .output(valueInfo("neg", DType.FLOAT, 3));
        byte[] bytes = model(8, g.build(), "", 13).toByteArray();
        return Session.create(OnnxModelReader.read(ByteBuffer.wrap(bytes), ExternalDataResolver.NONE));
    }

    private static final Map<String, Tensor> FEEDS = Map.of("x", Tensor.ofFloats(new int[] {3}, new float[] {1, 2, 3}));

    @Test void defaultOptionsReturnEveryOutputInGraphOrderWithSessionAndOpTimings() {
        RunResult r = twoOutputs().run(FEEDS, RunOptions.DEFAULT);
        assertEquals(List.of("sum", "neg"), new ArrayList<>(r.outputs().keySet()));
        assertArrayEquals(new float[] {2, 4, 6}, r.outputs().get("sum").floats());
        List<String> keys = new ArrayList<>(r.timingsMs().keySet());
        assertEquals(List.of("compileMs", "runMs"), keys.subList(0, 2));
        assertTrue(keys.containsAll(List.of("op.Add", "op.Neg")), keys.toString());
        assertNull(r.gpu(), "no GPU stats on the CPU backend");
    }

    @Test void requestedOutputsAloneAreReturnedInGraphOrder() {
        RunResult r = twoOutputs().run(FEEDS, RunOptions.DEFAULT.withOutputs(Set.of("neg")));
        assertEquals(List.of("neg"), new ArrayList<>(r.outputs().keySet()));
        assertArrayEquals(new float[] {-1, -2, -3}, r.outputs().get("neg").floats());
    }

    @Test void anUnknownRequestedOutputIsAnErrorNamingTheOutputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoOutputs().run(FEEDS, RunOptions.DEFAULT.withOutputs(Set.of("logits"))));
        assertTrue(e.getMessage().contains("'logits'") && e.getMessage().contains("[sum, neg]"), e.getMessage());
    }

    @Test void runWithoutOptionsKeepsItsOutputsAndLastTimings() {
        Session s = twoOutputs();
        Map<String, Tensor> out = s.run(FEEDS);
        assertEquals(List.of("sum", "neg"), new ArrayList<>(out.keySet()));
        Map<String, Double> t = s.lastTimings();
        assertTrue(t.containsKey("runMs") && t.containsKey("op.Neg"), t.toString());
    }

    @Test void optionsAreImmutableValues() {
        Set<String> names = new java.util.HashSet<>(Set.of("sum"));
        RunOptions o = RunOptions.DEFAULT.withOutputs(names);
        names.add("neg");
        assertEquals(Set.of("sum"), o.outputs());
        assertThrows(UnsupportedOperationException.class, () -> o.outputs().add("neg"));
        assertEquals(RunOptions.Timing.AUTO, new RunOptions(null, true, null).timing());
        assertTrue(RunOptions.DEFAULT.wants("anything"));
    }
}
