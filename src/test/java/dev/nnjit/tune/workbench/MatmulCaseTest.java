package dev.nnjit.tune.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sampled reference of large matmuls: the same rows, bit for bit, as the reference op's full product. */
class MatmulCaseTest {

    @Test
    void sampledRowsEqualTheFullReferenceOpsRows() {
        for (boolean transB : new boolean[] {false, true}) {
            int[] dims = {150, 37, 29, 2}; // M above the 64 sampled rows, ragged N and K, two batches
            MatmulCase full = new MatmulCase(Family.MATMUL, dims, transB, 7);
            MatmulCase sampled = new MatmulCase(Family.MATMUL, dims, transB, 7, 0);
            float[] all = full.reference();
            float[] rows = sampled.reference();
            assertEquals(2 * MatmulCase.SAMPLED_ROWS * 37, rows.length);
            // checked() picks the same rows out of a kernel's whole output: here the full reference's.
            assertArrayEquals(sampled.checked(all), rows, "transB " + transB);
            assertArrayEquals(all, full.checked(all), "below the threshold every element is checked");
        }
    }
}
