package dev.nnjit.generate;

import dev.nnjit.runtime.DeviceCopy;
import dev.nnjit.runtime.DeviceValue;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The KV cache of one sequence kept in device memory between steps (WebGPU): nothing is read back or uploaded. Each
 * plan's past inputs are resident buffers ({@code RunOptions.resident()}); before a step, {@link DeviceCopy}s move the
 * previous step's new keys and values (from its present outputs) into this step's past, head by head, and, when the
 * step runs another plan than the previous one (a wider bucket, or exact lengths), the cached prefix from the
 * previous plan's past too. On the plan of the previous step the prefix copy is a no-op (the buffer already holds
 * it), so a decode step within a bucket copies only one position per head and layer: a static cache.
 */
final class DeviceKvCache {
    private final List<KvEntry> entries;
    private Map<String, DeviceValue> last = Map.of();
    private int lastWidth;
    /** Real positions of the previous step's past. */
    private int prefix;
    /** Where the previous step's new positions are in its presents, and how many. */
    private int from;
    private int count;

    DeviceKvCache(List<KvEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Real positions cached (the previous step's prefix and new positions). */
    int length() { return prefix + count; }

    /** The names a step keeps on the device: its pasts (inputs) and presents (outputs). */
    Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        for (KvEntry e : entries) {
            s.add(e.past());
            if (e.present() != null) s.add(e.present());
        }
        return s;
    }

    Set<String> pasts() {
        Set<String> s = new LinkedHashSet<>();
        for (KvEntry e : entries) s.add(e.past());
        return s;
    }

    /** Shape-only feeds for the resident pasts at {@code width} (never materialized, never uploaded). */
    Map<String, Tensor> placeholders(int width) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (KvEntry e : entries) {
            int positions = e.crossAttention() ? crossLength(e) : width;
            int[] shape = {1, e.heads(), positions, e.headDim()};
            out.put(e.past(), Tensor.lazy(DType.FLOAT, shape, () -> {
                throw new IllegalStateException("the resident past '" + e.past() + "' lives on the device");
            }));
        }
        return out;
    }

    private int crossLength(KvEntry e) {
        DeviceValue v = last.get(e.past());
        if (v == null || v.shape()[2] == 0) v = last.get(e.present());
        if (v == null) throw new IllegalStateException("no cross-attention values for '" + e.past() + "' yet");
        return v.shape()[2];
    }

    /** The copies that fill a step's pasts at {@code width} from the previous step's device values. */
    List<DeviceCopy> copies(int width) {
        List<DeviceCopy> out = new ArrayList<>();
        for (KvEntry e : entries) {
            long d = e.headDim();
            DeviceValue past = last.get(e.past());
            if (e.crossAttention()) {
                DeviceValue src = past != null && past.shape()[2] > 0 ? past : last.get(e.present());
                if (src == null) throw new IllegalStateException("no device value holds '" + e.past() + "'");
                long elements = (long) e.heads() * src.shape()[2] * d;
                out.add(new DeviceCopy(src, e.past(), 1, elements, 0, 0, 0, 0));
                continue;
            }
            if (prefix > 0) {
                if (past == null) throw new IllegalStateException("no device value holds the prefix of '" + e.past() + "'");
                out.add(new DeviceCopy(past, e.past(), e.heads(), prefix * d, 0, lastWidth * d, 0, width * d));
            }
            DeviceValue present = last.get(e.present());
            if (present == null) throw new IllegalStateException("the previous step kept no '" + e.present() + "'");
            int positions = present.shape()[2];
            out.add(new DeviceCopy(present, e.past(), e.heads(), count * d, from * d, positions * d, prefix * d,
                    width * d));
        }
        return out;
    }

    /**
     * Records a step's device values: its pasts were {@code width} wide with {@code cached} real positions, and its
     * presents hold {@code n} new positions from {@code newFrom}.
     */
    void record(Map<String, DeviceValue> device, int width, int cached, int newFrom, int n) {
        last = Map.copyOf(device);
        lastWidth = width;
        prefix = cached;
        from = newFrom;
        count = n;
    }
}
