package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.KernelGenerator;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.schedule.ElementwiseSpace;

/**
 * Default schedules for the item-parallel kernels of the coverage lowerings (map, index-mapping, scatter, scan,
 * pooling): index 0 of the elementwise space without vec4 (these kernels read scalars), as {@link Kernels} does for
 * its families.
 */
final class ItemSchedules {
    private ItemSchedules() {}

    static ElementwiseConfig scalar(long items, AdapterLimits limits) {
        return ElementwiseSpace.candidates(Math.max(items, 1), false, limits).get(0);
    }

    /** {@code generator}'s instance for {@code problem} over {@code items} items at the default scalar schedule. */
    static <P extends KernelProblem> KernelInstance instance(KernelGenerator<ElementwiseConfig, P> generator, P problem,
                                                             long items, AdapterLimits limits) {
        return generator.instance(scalar(items, limits), problem);
    }
}
