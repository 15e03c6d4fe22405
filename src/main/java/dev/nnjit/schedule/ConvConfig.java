package dev.nnjit.schedule;

/**
 * Schedule of the implicit-GEMM convolution kernel: per group, Y_g (M/group x N*outSpatial) = W_g (M/group x
 * C/group*K) times the never-materialized im2col matrix. Each invocation accumulates a {@code threadM x threadN}
 * block of Y in registers; a workgroup is {@code workgroupN x workgroupM} invocations.
 */
public record ConvConfig(int threadM, int threadN, int workgroupM, int workgroupN) implements ScheduleConfig {
    public ConvConfig {
        if (threadM <= 0 || threadN <= 0 || workgroupM <= 0 || workgroupN <= 0) {
            throw new IllegalArgumentException("conv config must be positive: " + threadM + "x" + threadN + ", "
                    + workgroupM + "x" + workgroupN);
        }
    }

    public int tileM() { return threadM * workgroupM; }

    public int tileN() { return threadN * workgroupN; }

    public int invocations() { return workgroupM * workgroupN; }

    @Override public String key() { return "r" + threadM + "x" + threadN + "_w" + workgroupM + "x" + workgroupN; }
}
