package dev.nnjit.runtime.webgpu;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.ScalarType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM-testable half of {@link WebGpuExecutable#replaceKernel}: which kernels may take a step's place. */
class KernelSwapTest {
    private static final List<Binding> STEP = List.of(Binding.read(0, "a", ScalarType.F32, false, 64),
            Binding.read(1, "b", ScalarType.F32, false, 64), Binding.write(2, "out", ScalarType.F32, false, 16));

    @Test void anotherScheduleOverTheSameBuffersAgrees() {
        List<Binding> vec4 = List.of(Binding.read(0, "lhs", ScalarType.F32, true, 64),
                Binding.read(1, "rhs", ScalarType.F32, true, 64), Binding.write(2, "y", ScalarType.F32, false, 16));
        assertNull(WebGpuExecutable.bindingDisagreement(STEP, vec4), "names and vec4 layout may differ");
    }

    @Test void differentCountSizeTypeOrAccessIsRefused() {
        assertTrue(WebGpuExecutable.bindingDisagreement(STEP, STEP.subList(0, 2)).contains("2 bindings"));
        assertTrue(WebGpuExecutable.bindingDisagreement(STEP, List.of(STEP.get(0), STEP.get(1),
                Binding.write(2, "out", ScalarType.F32, false, 32))).contains("binding 2"));
        assertTrue(WebGpuExecutable.bindingDisagreement(STEP, List.of(STEP.get(0), STEP.get(1),
                Binding.write(2, "out", ScalarType.I32, false, 16))).contains("binding 2"));
        assertTrue(WebGpuExecutable.bindingDisagreement(STEP, List.of(STEP.get(0),
                Binding.write(1, "b", ScalarType.F32, false, 64), STEP.get(2))).contains("binding 1"));
    }
}
