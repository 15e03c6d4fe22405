package dev.nnjit.tune.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.ScalarType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many copies of a kernel's inputs a batched sample rotates through: enough that a copy's reads are evicted by
 * the others' before it comes round again (the reads of the other copies exceed CacheEviction.BYTES, 64 MiB).
 */
class GpuCandidateBenchCopiesTest {
    private static final long MIB_FLOATS = (1 << 20) / 4;

    private static List<Binding> matmul(long aFloats, long bFloats, long cFloats) {
        return List.of(Binding.read(0, "a", ScalarType.F32, true, aFloats), Binding.read(1, "b", ScalarType.F32, true,
                bFloats), Binding.write(2, "c", ScalarType.F32, true, cFloats));
    }

    @Test
    void a16MibWeightRotatesThroughFiveCopies() {
        // llama2-2l's 16x2048x2048: A 128 KiB, B 16 MiB -> 5 copies, 4 others = 64.5 MiB of reads between visits
        assertEquals(5, GpuCandidateBench.copyCount(matmul(16 * 2048, 2048 * 2048, 16 * 2048)));
    }

    @Test
    void inputsBeyondTheCacheNeedNoCopies() {
        assertEquals(1, GpuCandidateBench.copyCount(matmul(16, 64 * MIB_FLOATS, 16)), "64 MiB: cold by size");
        assertEquals(1, GpuCandidateBench.copyCount(List.of(Binding.write(0, "c", ScalarType.F32, true, 1024))),
                "no read binding: nothing to copy");
    }

    @Test
    void smallInputsAreCappedAndStayWarm() {
        assertEquals(GpuCandidateBench.MAX_COPIES, GpuCandidateBench.copyCount(matmul(1024, 1024, 1024)));
        assertEquals(9, GpuCandidateBench.copyCount(matmul(16, 8 * MIB_FLOATS, 16)), "8 MiB: 8 others + itself");
    }
}
