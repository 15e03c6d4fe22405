package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The coverage lowerings' ops ({@link GpuCoverageOpCases}) on WebGPU in headless Chromium against the ops' plain-Java
 * references, with {@link GpuOpCases}' tolerance classes (the same per-element bounds as {@link WebGpuOpsIT}).
 * Fusion is off, so each op's own lowering runs. One Chromium for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebGpuCoverageOpsIT {
    private static final double U = Math.scalb(1.0, -24);

    private BrowserRunner runner;

    @BeforeAll void startBrowser() {
        runner = BrowserRunner.start(null);
        runner.setGpuFusion(false);
    }

    @AfterAll void stopBrowser() { if (runner != null) runner.close(); }

    @TestFactory Stream<DynamicTest> everyAddedOpMatchesItsReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GpuOpCases.Case c : GpuCoverageOpCases.all()) tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c)));
        return tests.stream();
    }

    private void check(GpuOpCases.Case c) {
        Map<String, Tensor> expected = E2eModels.runOnJvm(c.model(), c.feeds());
        Map<String, Tensor> bound = c.tol() == GpuOpCases.Tol.MATMUL ? E2eModels.runOnJvm(c.model(), abs(c.feeds())) : null;
        BrowserRunner.Result r = runner.run(c.model(), c.feeds(), "webgpu");
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(r.outputs().keySet()), c.name() + " outputs");
        double worst = 0;
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            String what = c.name() + " output '" + e.getKey() + "'";
            Tensor x = e.getValue();
            Tensor y = r.outputs().get(e.getKey());
            assertEquals(x.dtype(), y.dtype(), what + " dtype");
            assertArrayEquals(x.shape(), y.shape(), what + " shape");
            if (x.dtype().storage == DType.Storage.LONG) {
                assertArrayEquals(x.longs(), y.longs(), what);
                continue;
            }
            if (x.dtype().storage == DType.Storage.BOOL) {
                assertArrayEquals(x.bools(), y.bools(), what);
                continue;
            }
            float[] a = x.floats();
            float[] b = y.floats();
            float[] s = bound == null ? null : bound.get(e.getKey()).floats();
            for (int i = 0; i < a.length; i++) {
                if (Float.isNaN(a[i]) || Float.isNaN(b[i]) || Float.isInfinite(a[i])) {
                    if (Float.compare(a[i], b[i]) != 0 && !(Float.isNaN(a[i]) && Float.isNaN(b[i]))) {
                        fail(what + " element " + i + ": reference " + a[i] + ", webgpu " + b[i]);
                    }
                    continue;
                }
                double d = Math.abs((double) a[i] - b[i]);
                double tol = tolerance(c, a[i], s == null ? 0 : s[i]);
                worst = Math.max(worst, tol == 0 ? d : d / tol);
                if (!(d <= tol)) {
                    fail(what + " element " + i + ": reference " + a[i] + ", webgpu " + b[i] + ", |diff| " + d
                            + " > tolerance " + tol + " (" + c.tol() + ")");
                }
            }
        }
        System.out.printf("[webgpu op] %s: worst |diff|/tolerance %.3g, kernels %s%n", c.name(), worst,
                runner.lastGpuStats().run().plan().get("kernels"));
    }

    /** See GpuOpCases for each class's reason. */
    private static double tolerance(GpuOpCases.Case c, float ref, float absBound) {
        double r = Math.abs(ref);
        switch (c.tol()) {
            case EXACT: return 0;
            case ARITH: return 1e-5 * r + 1e-7;
            case TRANSCENDENTAL: return 1e-5 * r + 1e-6;
            case ROWS: return 1e-5 * Math.max(1, r);
            case MATMUL: return 3 * c.k() * U * absBound + 1e-6;
            default: throw new IllegalStateException(c.tol().name());
        }
    }

    private static Map<String, Tensor> abs(Map<String, Tensor> feeds) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() != DType.FLOAT) {
                out.put(e.getKey(), t);
                continue;
            }
            float[] v = t.floats().clone();
            for (int i = 0; i < v.length; i++) v[i] = Math.abs(v[i]);
            out.put(e.getKey(), Tensor.ofFloats(t.shape(), v));
        }
        return out;
    }
}
