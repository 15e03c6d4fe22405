package dev.nnjit.codegen;

import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.Legality;
import java.util.List;

/**
 * Everything the GPU runtime needs to run one generated kernel: create a shader module from {@code wgsl}, a
 * compute pipeline at {@code entryPoint} with a bind-group layout of {@code bindings} (group 0, binding i =
 * bindings.get(i)), bind buffers of at least {@link Binding#sizeBytes()} bytes in that order, and call
 * {@code dispatchWorkgroups(dispatch.x, dispatch.y, dispatch.z)}. Kernels that share {@code cacheKey} have the same
 * WGSL and bindings, so one pipeline serves them all.
 *
 * @param family kernel family ("matmul", "elementwise", ...), the unit tuning decisions are stored for
 * @param cacheKey family, problem key and config key; derived from the records, never written by hand
 * @param workgroupStorageBytes bytes of {@code var<workgroup>} the shader declares (for legality checks)
 */
public record KernelInstance(String family, String cacheKey, String wgsl, String entryPoint, List<Binding> bindings,
                             DispatchSize dispatch, int workgroupSizeX, int workgroupSizeY, int workgroupSizeZ,
                             int workgroupStorageBytes) {

    public KernelInstance {
        bindings = List.copyOf(bindings);
    }

    /** Why this kernel cannot run on an adapter with these limits, or null when it can. */
    public String violation(AdapterLimits limits) {
        String r = Legality.firstViolation(
                Legality.workgroupSize(workgroupSizeX, workgroupSizeY, workgroupSizeZ, limits),
                Legality.workgroupStorage(workgroupStorageBytes, limits),
                Legality.dispatch(dispatch.x(), dispatch.y(), dispatch.z(), limits),
                Legality.storageBufferCount(bindings.size(), limits));
        if (r != null) return r;
        for (Binding b : bindings) {
            String s = Legality.bindingSize(b.sizeBytes(), limits);
            if (s != null) return "binding " + b.name() + ": " + s;
        }
        return null;
    }
}
