package dev.nnjit.passes.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Value;
import dev.nnjit.passes.GraphPass;
import dev.nnjit.runtime.CpuExecutor;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Runs a graph before and after fusion on the CPU reference executor and compares the outputs.
 *
 * <p>Tolerance: floats must agree within {@link #TOLERANCE} of the output's largest magnitude. Fused references
 * compute normalizations and GELU in double where the unfused chains round every step to float, and an attention
 * scale applied by division becomes a multiplication; each differs from the chain by a few float ulps of the
 * largest values, far below 1e-5. Integer and bool outputs must be equal.
 */
final class FusionCheck {
    static final double TOLERANCE = 1e-5;

    private FusionCheck() {}

    /** A typed copy of {@code unfused} rewritten by {@code passes}, checked against it on random feeds. */
    static Graph fuse(Graph unfused, GraphPass... passes) {
        Graph fused = unfused.copy();
        for (GraphPass p : passes) p.apply(fused);
        assertSameOutputs(unfused, fused, randomFeeds(unfused, 7));
        return fused;
    }

    static Map<String, Tensor> randomFeeds(Graph g, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (Value in : g.inputs()) {
            int[] shape = in.type().shape().toIntArray();
            int n = Tensor.checkedSize(shape, in.name());
            DType t = in.type().dtype();
            if (t == DType.BOOL) {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) b[i] = r.nextInt(4) != 0;
                feeds.put(in.name(), Tensor.ofBools(shape, b));
            } else if (t.isInteger()) {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) l[i] = r.nextInt(7) - 2;
                feeds.put(in.name(), Tensor.ofLongs(t, shape, l));
            } else {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) f[i] = (float) (r.nextGaussian() * 1.5);
                feeds.put(in.name(), Tensor.ofFloats(t, shape, f));
            }
        }
        return feeds;
    }

    static void assertSameOutputs(Graph unfused, Graph fused, Map<String, Tensor> feeds) {
        Map<String, Tensor> expected = new CpuExecutor(unfused, TestGraph.REGISTRY).run(feeds, null);
        Map<String, Tensor> actual = new CpuExecutor(fused, TestGraph.REGISTRY).run(feeds, null);
        assertEquals(expected.keySet(), actual.keySet(), "output names");
        for (String name : expected.keySet()) {
            Tensor e = expected.get(name), a = actual.get(name);
            assertEquals(e.dtype(), a.dtype(), name + " dtype");
            assertArrayEquals(e.shape(), a.shape(), name + " shape");
            if (!e.dtype().isFloating()) {
                for (int i = 0; i < e.size(); i++) assertEquals(e.getLong(i), a.getLong(i), name + "[" + i + "]");
                continue;
            }
            assertClose(name, e.floats(), a.floats(), TOLERANCE);
        }
    }

    /** |a - e| <= tol * max|e| everywhere; NaN only where expected. */
    static void assertClose(String what, float[] e, float[] a, double tol) {
        double max = 0;
        for (float x : e) if (!Float.isNaN(x)) max = Math.max(max, Math.abs(x));
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i]) || Float.isNaN(a[i])) {
                assertTrue(Float.isNaN(e[i]) && Float.isNaN(a[i]), what + "[" + i + "]: " + e[i] + " vs " + a[i]);
                continue;
            }
            double d = Math.abs(e[i] - a[i]);
            if (d > worst) { worst = d; at = i; }
        }
        assertTrue(max > 0 || worst == 0, what + ": all-zero reference cannot check anything");
        assertTrue(worst <= tol * max, what + ": max |diff| " + worst + " at " + at + " exceeds " + tol + " x max|ref| "
                + max);
    }

    static int count(Graph g, String opType) {
        return g.opHistogram().getOrDefault(opType, 0);
    }
}
