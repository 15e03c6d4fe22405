package dev.nnjit.schedule;

/**
 * One schedule of a (batched) matmul kernel. A workgroup computes a {@code tileM x tileN} block of C; each of its
 * {@code (tileN/threadN) x (tileM/threadM)} invocations keeps a {@code threadM x threadN} block of accumulators in
 * registers (register blocking). K advances {@code tileK} at a time: the step staged through workgroup memory when
 * {@code useWorkgroupMemory}, otherwise the unroll factor of the register-only inner loop.
 *
 * <p>With {@code subgroupBroadcast} the workgroup is one row block ({@code tileM == threadM}, so every subgroup's
 * lanes need the same A values whatever the subgroup size and however invocations map onto subgroups) of
 * {@code tileN / threadN} invocations along N, register-only: K advances {@code tileK} at a time, lanes 0..tileK-1
 * load the A values of k0 + lane once from storage and every lane takes them with {@code subgroupBroadcast}. Needs
 * {@link AdapterFeatures#subgroupKernels()} and subgroups of at least {@code tileK} lanes (at most 32: one ballot
 * word says whether they are all active).
 *
 * @param vec4 B, C (and the B tile) are read and written as {@code vec4<f32>} along N; requires an untransposed B,
 *     N divisible by 4 and threadN divisible by 4
 * @param subgroupBroadcast the subgroup form above
 */
public record MatmulConfig(int tileM, int tileN, int tileK, int threadM, int threadN, boolean vec4,
                           boolean useWorkgroupMemory, boolean subgroupBroadcast) implements ScheduleConfig {

    /** A schedule without subgroup operations. */
    public MatmulConfig(int tileM, int tileN, int tileK, int threadM, int threadN, boolean vec4,
                        boolean useWorkgroupMemory) {
        this(tileM, tileN, tileK, threadM, threadN, vec4, useWorkgroupMemory, false);
    }

    public MatmulConfig {
        if (tileM <= 0 || tileN <= 0 || tileK <= 0 || threadM <= 0 || threadN <= 0) {
            throw new IllegalArgumentException("matmul tiles must be positive: " + describe(tileM, tileN, tileK,
                    threadM, threadN));
        }
        if (tileM % threadM != 0 || tileN % threadN != 0) {
            throw new IllegalArgumentException("workgroup tile must be a multiple of the thread tile: "
                    + describe(tileM, tileN, tileK, threadM, threadN));
        }
        if (vec4 && threadN % 4 != 0) {
            throw new IllegalArgumentException("vec4 needs threadN divisible by 4, got " + threadN);
        }
        if (subgroupBroadcast && (tileM != threadM || useWorkgroupMemory || tileK > 32)) {
            throw new IllegalArgumentException("subgroup broadcast needs one row block per workgroup (tileM == threadM),"
                    + " no workgroup memory and tileK <= 32: " + describe(tileM, tileN, tileK, threadM, threadN));
        }
    }

    private static String describe(int tm, int tn, int tk, int rm, int rn) {
        return "tile " + tm + "x" + tn + "x" + tk + ", thread " + rm + "x" + rn;
    }

    /** Invocations along N (the {@code @workgroup_size} x). */
    public int workgroupX() { return tileN / threadN; }

    /** Invocations along M (the {@code @workgroup_size} y). */
    public int workgroupY() { return tileM / threadM; }

    public int invocations() { return workgroupX() * workgroupY(); }

    /** Bytes of {@code var<workgroup>} the kernel declares: the A and B tiles of one K step, or 0. */
    public int workgroupStorageBytes() {
        return useWorkgroupMemory ? 4 * (tileM * tileK + tileK * tileN) : 0;
    }

    /**
     * f32 registers one invocation needs for accumulators and the A column / B row it multiplies (with subgroup
     * broadcast also the threadM A values it loaded for the subgroup).
     */
    public int registerFloats() { return threadM * threadN + threadM * (subgroupBroadcast ? 2 : 1) + threadN; }

    /**
     * Cache-key text: every component, in declaration order (ScheduleSpaceTest.keysCoverEveryRecordComponent checks
     * coverage); "_sgb" only when set, so older keys are unchanged.
     */
    public String key() {
        return "t" + tileM + "x" + tileN + "x" + tileK + "_r" + threadM + "x" + threadN + (vec4 ? "_v4" : "_v1")
                + (useWorkgroupMemory ? "_wgm" : "_reg") + (subgroupBroadcast ? "_sgb" : "");
    }
}
