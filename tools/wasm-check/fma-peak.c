// The CPU's own ceiling for what Wasm SIMD can use: f32 multiply-adds on 128-bit registers, no memory traffic.
// Twelve independent accumulators (more than FMA latency x FMA ports on current x86 cores), each step one
// vfmadd231ps xmm per accumulator; prints GFLOP/s (8 flops per 4-lane FMA) per run, and with --wide the same with
// 256-bit registers (AVX2; on cores that split 256-bit operations into two 128-bit halves it gives the same GFLOP/s).
// Run one copy per core at once to get the machine's ceiling (cores may share an FPU):
//
//   gcc -O2 -mfma -mavx2 tools/wasm-check/fma-peak.c -o /tmp/fma-peak
//   /tmp/fma-peak; (/tmp/fma-peak & /tmp/fma-peak; wait)
//
// The GEMM's GFLOP/s (bin/wasm-gemm-bench) read against this number: 2 * M * N * K / time can't exceed it.
#include <immintrin.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#define STEPS 200000000L
// written out: a loop over the accumulators (gcc -O2 keeps it a loop) would leave them in memory, 3x slower
#define TWELVE(op) { enum { K = 0 }; op; } { enum { K = 1 }; op; } { enum { K = 2 }; op; } { enum { K = 3 }; op; } \
    { enum { K = 4 }; op; } { enum { K = 5 }; op; } { enum { K = 6 }; op; } { enum { K = 7 }; op; } \
    { enum { K = 8 }; op; } { enum { K = 9 }; op; } { enum { K = 10 }; op; } { enum { K = 11 }; op; }

static void narrow(void) {
    __m128 acc[12];
    for (int i = 0; i < 12; i++) acc[i] = _mm_setzero_ps();
    __m128 x = _mm_set1_ps(1.0000001f), y = _mm_set1_ps(0.999999f);
    double t0 = seconds();
    for (long i = 0; i < STEPS; i++) {
        __asm__ volatile("" : "+x"(x), "+x"(y));   // keeps the multiplicands opaque, so the loop stays a loop
        TWELVE(acc[K] = _mm_fmadd_ps(x, y, acc[K]));
    }
    double t = seconds() - t0;
    float sum = 0;
    for (int i = 0; i < 12; i++) sum += _mm_cvtss_f32(acc[i]);
    printf("128-bit FMA: %.1f GFLOP/s (checksum %g)\n", STEPS * 12 * 8 / t / 1e9, sum);
}

static void wide(void) {
    __m256 acc[12];
    for (int i = 0; i < 12; i++) acc[i] = _mm256_setzero_ps();
    __m256 x = _mm256_set1_ps(1.0000001f), y = _mm256_set1_ps(0.999999f);
    double t0 = seconds();
    for (long i = 0; i < STEPS; i++) {
        __asm__ volatile("" : "+x"(x), "+x"(y));
        TWELVE(acc[K] = _mm256_fmadd_ps(x, y, acc[K]));
    }
    double t = seconds() - t0;
    float sum = 0;
    for (int i = 0; i < 12; i++) sum += _mm256_cvtss_f32(acc[i]);
    printf("256-bit FMA: %.1f GFLOP/s (checksum %g)\n", STEPS * 12 * 16 / t / 1e9, sum);
}

int main(int argc, char **argv) {
    for (int run = 0; run < 3; run++) narrow();
    if (argc > 1 && strcmp(argv[1], "--wide") == 0) {
        for (int run = 0; run < 3; run++) wide();
    }
    return 0;
}
