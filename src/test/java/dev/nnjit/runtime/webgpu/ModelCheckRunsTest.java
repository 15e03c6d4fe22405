package dev.nnjit.runtime.webgpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The model check's run order (ABBA: drift hits both programs alike) and bookkeeping. */
class ModelCheckRunsTest {

    @Test
    void runsAlternateTunedUntunedUntunedTuned() {
        ModelCheckRuns r = new ModelCheckRuns(new String[] {"a"}, new String[] {"b"}, 3);
        StringBuilder order = new StringBuilder();
        double ms = 1;
        while (!r.done()) {
            boolean tuned = r.nextIsTuned();
            order.append(tuned ? 'T' : 'U');
            r.record(tuned, ms++);
        }
        assertEquals("TUUTTU", order.toString());
        assertArrayEquals(new double[] {1, 4, 5}, r.tunedMs());
        assertArrayEquals(new double[] {2, 3, 6}, r.untunedMs());
    }

    @Test
    void onePairIsOneRunEach() {
        ModelCheckRuns r = new ModelCheckRuns(new String[] {"a"}, new String[] {"b"}, 1);
        assertTrue(r.nextIsTuned());
        r.record(true, 5);
        assertFalse(r.done());
        assertFalse(r.nextIsTuned());
        r.record(false, 6);
        assertTrue(r.done());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckRuns(new String[0], new String[0], 0));
    }
}
