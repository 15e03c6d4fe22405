package dev.nnjit.tune.measure;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.ScalarType;
import java.util.List;

/**
 * A kernel that reads and rewrites a scratch buffer larger than the device's last-level cache, dispatched (untimed)
 * before a timed sample so the candidate starts from cold caches, as it does inside a model: there each weight is
 * read once per inference, after the other layers' weights have passed through the cache, while a kernel timed on
 * its own, sample after sample on the same buffers, finds its inputs cached. The difference decides rankings at
 * small M, where a matmul streams its weights: on SwiftShader (an 8-32 MiB CPU cache) a 16x768x768 weight (2.4 MiB)
 * stays cached between samples, so schedules that re-read it (two 8-row blocks) timed faster alone and slower in
 * the model. {@link #BYTES}: above the L3 of desktop CPUs and the L2 of current GPUs (50-60 MiB on H100/H200).
 */
final class CacheEviction {
    private CacheEviction() {}

    static final long BYTES = 64L << 20;
    private static final int WORKGROUP = 64;

    /** The eviction kernel (family "evict"): one read-modify-write of every vec4 of its scratch binding. */
    static KernelInstance kernel() {
        long vec4s = BYTES / 16;
        long groups = vec4s / WORKGROUP;
        int y = (int) ((groups + 32767) / 32768);
        int x = (int) ((groups + y - 1) / y);
        String wgsl = "// Evicts caches before a timed sample: a read-modify-write of " + (BYTES >> 20) + " MiB.\n"
                + "@group(0) @binding(0) var<storage, read_write> scratch: array<vec4<f32>>;\n"
                + "@compute @workgroup_size(" + WORKGROUP + ")\n"
                + "fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) n: vec3<u32>) {\n"
                + "  let i = gid.x + gid.y * n.x * " + WORKGROUP + "u;\n"
                + "  if (i < " + vec4s + "u) { scratch[i] = scratch[i] + vec4<f32>(1.0); }\n"
                + "}\n";
        return new KernelInstance("evict", "evict_" + (BYTES >> 20) + "MiB", wgsl, "main",
                List.of(Binding.write(0, "scratch", ScalarType.F32, true, BYTES / 4)), new DispatchSize(x, y, 1),
                WORKGROUP, 1, 1, 0);
    }
}
