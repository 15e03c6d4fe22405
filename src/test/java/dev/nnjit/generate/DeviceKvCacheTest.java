package dev.nnjit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nnjit.runtime.DeviceCopy;
import dev.nnjit.runtime.DeviceValue;
import dev.nnjit.tensor.DType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device copies that move a KV cache from one step's buffers into the next step's past, by arithmetic. */
class DeviceKvCacheTest {
    private record Value(String name, int[] shape) implements DeviceValue {
        @Override public DType dtype() { return DType.FLOAT; }
    }

    private static final KvEntry KEY = new KvEntry("past_key_values.0.key", "present.0.key", 2, 8, false);

    @Test
    void afterThePrefillTheNewPositionsAreCopiedHeadByHead() {
        DeviceKvCache c = new DeviceKvCache(List.of(KEY));
        Value past = new Value(KEY.past(), new int[] {1, 2, 0, 8});
        Value present = new Value(KEY.present(), new int[] {1, 2, 16, 8}); // a prompt of 6 right-padded to 16
        c.record(Map.of(KEY.past(), past, KEY.present(), present), 0, 0, 0, 6);
        assertEquals(6, c.length());
        List<DeviceCopy> copies = c.copies(16);
        assertEquals(1, copies.size(), "no prefix yet: only the new positions");
        DeviceCopy k = copies.get(0);
        assertSame(present, k.source());
        assertEquals(2, k.blocks());
        assertEquals(6 * 8, k.blockElements());
        assertEquals(0, k.srcOffset());
        assertEquals(16 * 8, k.srcStride());
        assertEquals(0, k.dstOffset());
        assertEquals(16 * 8, k.dstStride());
    }

    @Test
    void aDecodeStepCopiesThePrefixFromThePastAndTheNewPositionFromThePresent() {
        DeviceKvCache c = new DeviceKvCache(List.of(KEY));
        Value past = new Value(KEY.past(), new int[] {1, 2, 16, 8});
        Value present = new Value(KEY.present(), new int[] {1, 2, 17, 8});
        c.record(Map.of(KEY.past(), past, KEY.present(), present), 16, 9, 16, 1); // 9 cached, one new at 16
        assertEquals(10, c.length());
        List<DeviceCopy> copies = c.copies(32); // the cache outgrew nothing, but say the next bucket is 32 wide
        DeviceCopy prefix = copies.get(0), fresh = copies.get(1);
        assertSame(past, prefix.source());
        assertEquals(9 * 8, prefix.blockElements());
        assertEquals(16 * 8, prefix.srcStride());
        assertEquals(32 * 8, prefix.dstStride());
        assertSame(present, fresh.source());
        assertEquals(8, fresh.blockElements());
        assertEquals(16 * 8, fresh.srcOffset());
        assertEquals(17 * 8, fresh.srcStride());
        assertEquals(9 * 8, fresh.dstOffset());
        assertEquals(32 * 8, fresh.dstStride());
    }
}
