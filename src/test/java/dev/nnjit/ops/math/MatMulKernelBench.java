package dev.nnjit.ops.math;

import java.util.Random;

/**
 * Manual throughput check of {@link MatMulKernel} at transformer shapes (not a unit test: timings on the shared
 * dev machine are noisy). Run after test-compile:
 * {@code java -cp core/target/classes:target/classes:target/test-classes dev.nnjit.ops.math.MatMulKernelBench}.
 */
public final class MatMulKernelBench {
    public static void main(String[] args) {
        int[][] shapes = {{128, 384, 1536}, {128, 1536, 384}, {128, 384, 384}, {128, 32, 128}, {1, 384, 1536}};
        Random r = new Random(1);
        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
            for (int[] s : shapes) {
                int m = s[0], k = s[1], n = s[2];
                float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
                for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
                for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
                long t0 = System.nanoTime();
                int iters = 0;
                while (System.nanoTime() - t0 < 500_000_000L) {
                    MatMulKernel.multiply(m, k, n, a, 0, k, 1, b, 0, n, 1, c, 0);
                    iters++;
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                if (round == 1) {
                    System.out.println(m + "x" + k + "x" + n + ": " + Math.round(2.0 * m * k * n * iters / sec / 1e7) / 100.0
                            + " GFLOP/s");
                }
            }
        }
    }
}
