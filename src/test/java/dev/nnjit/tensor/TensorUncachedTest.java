package dev.nnjit.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** {@link Tensor#floatsUncached}: a lazy tensor decodes afresh without keeping the array; a materialized one shares it. */
class TensorUncachedTest {
    @Test void lazyElementsAreDecodedWithoutBeingKept() {
        int[] decodes = {0};
        Tensor lazy = Tensor.lazy(DType.FLOAT, new int[] {2, 2}, () -> {
            decodes[0]++;
            return new float[] {1, 2, 3, 4};
        });
        float[] a = lazy.floatsUncached(), b = lazy.floatsUncached();
        assertArrayEquals(new float[] {1, 2, 3, 4}, a);
        assertNotSame(a, b);
        assertEquals(2, decodes[0]);
        assertFalse(lazy.isMaterialized(), "nothing kept");
        float[] kept = lazy.floats();
        assertSame(kept, lazy.floatsUncached(), "once materialized, the one array");
        assertEquals(3, decodes[0]);
    }
}
