package dev.nnjit.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.schedule.ElementwiseConfig;
import org.junit.jupiter.api.Test;

/** GatherND's problem rules and generated kernel structure (numerics are tested in Chromium by WebGpuOpsIT). */
class GatherNdKernelTest {
    private static final ElementwiseConfig C = new ElementwiseConfig(64, 1, false);

    @Test void shapesFollowOnnx() {
        GatherNdProblem p = new GatherNdProblem(ScalarType.F32, new int[] {3, 4, 5}, new int[] {6, 2}, 0);
        assertArrayEquals(new int[] {6, 5}, p.outShape());
        assertEquals(2, p.k());
        assertEquals(5, p.slice());
        GatherNdProblem b = new GatherNdProblem(ScalarType.BOOL, new int[] {2, 3, 5}, new int[] {2, 4, 1}, 1);
        assertArrayEquals(new int[] {2, 4, 5}, b.outShape());
        assertEquals(4, b.tuplesPerBatch());
    }

    @Test void invalidProblemsAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatherNdProblem(ScalarType.F32, new int[] {3, 4}, new int[] {2, 3}, 0));
        assertTrue(e.getMessage().contains("last dim 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GatherNdProblem(ScalarType.F32, new int[] {3, 4}, new int[] {2, 1}, 1));
        assertTrue(e.getMessage().contains("batch dims differ"), e.getMessage());
    }

    @Test void kernelDeclaresItsBindingsAndCoversEveryOutput() {
        GatherNdProblem p = new GatherNdProblem(ScalarType.F32, new int[] {3, 4, 5}, new int[] {6, 2}, 0);
        KernelInstance k = GatherNdKernel.INSTANCE.instance(C, p);
        assertEquals(3, k.bindings().size());
        assertEquals(Binding.Access.READ_WRITE, k.bindings().get(2).access());
        assertEquals(30, k.bindings().get(2).elements());
        for (Binding b : k.bindings()) assertTrue(k.wgsl().contains(b.declaration()), b.declaration());
        assertTrue(k.dispatch().total() * 64 >= 30, "every output element has an invocation");
        assertTrue(k.wgsl().contains("@compute @workgroup_size(64)"));
    }

    @Test void cacheKeyCoversTheProblem() {
        String a = GatherNdKernel.INSTANCE.cacheKey(C,
                new GatherNdProblem(ScalarType.F32, new int[] {2, 3, 5}, new int[] {2, 4, 1}, 0));
        String b = GatherNdKernel.INSTANCE.cacheKey(C,
                new GatherNdProblem(ScalarType.F32, new int[] {2, 3, 5}, new int[] {2, 4, 1}, 1));
        String c = GatherNdKernel.INSTANCE.cacheKey(C,
                new GatherNdProblem(ScalarType.BOOL, new int[] {2, 3, 5}, new int[] {2, 4, 1}, 1));
        assertNotEquals(a, b);
        assertNotEquals(b, c);
    }
}
