package dev.nnjit.codegen;

import dev.nnjit.schedule.ScheduleConfig;
import java.util.List;

/**
 * A stateless generator of one kernel family: WGSL, bindings and dispatch are pure functions of an immutable
 * schedule config and an immutable problem (static shapes and dtypes).
 *
 * @param <C> the schedule record
 * @param <P> the problem record
 */
public interface KernelGenerator<C extends ScheduleConfig, P extends KernelProblem> extends CodeGenerator<C, P> {

    String generate(C config, P problem);

    DispatchSize dispatch(C config, P problem);

    /** Bindings in {@code @binding} order: inputs first, then outputs. */
    List<Binding> bindings(C config, P problem);

    /** {@code @workgroup_size} as {x, y, z}. */
    int[] workgroupSize(C config, P problem);

    /** Bytes of {@code var<workgroup>} storage the kernel declares. */
    default int workgroupStorageBytes(C config, P problem) { return 0; }

    /** The entry point of generated shaders. */
    default String entryPoint() { return "main"; }

    default KernelInstance instance(C config, P problem) {
        int[] wg = workgroupSize(config, problem);
        return new KernelInstance(family(), cacheKey(config, problem), generate(config, problem), entryPoint(),
                bindings(config, problem), dispatch(config, problem), wg[0], wg[1], wg[2],
                workgroupStorageBytes(config, problem));
    }
}
