package dev.nnjit.generate;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KV cache of one sequence (batch 1), kept by the generation loop between steps: for each self-attention entry
 * a [heads, capacity, headDim] store whose first {@link #length()} positions are real, grown by doubling; the
 * cross-attention entries as the first decoder step returned them. A step's past feeds are views of any width at or
 * above the length ({@link #feeds}): positions past the length are zeros the step must mask, which lets a decoding
 * feed the same shape at every step (a static cache) instead of a new shape per token.
 */
final class KvCache {
    private final List<KvEntry> entries;
    private final Map<String, float[]> store = new LinkedHashMap<>();
    private final Map<String, Tensor> fixed = new LinkedHashMap<>();
    private int capacity;
    private int length;

    KvCache(List<KvEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Real positions cached. */
    int length() { return length; }

    /**
     * The past feeds of a step: each self-attention entry as [1, heads, width, headDim], the first {@link #length()}
     * positions real and the rest zero; each cross-attention entry as stored (before the first step: [1, heads, 0,
     * headDim], which a merged decoder's no-cache branch ignores).
     */
    Map<String, Tensor> feeds(int width) {
        if (width < length) throw new IllegalArgumentException("a past of width " + width + " cannot hold " + length + " positions");
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (KvEntry e : entries) {
            if (e.crossAttention()) {
                Tensor t = fixed.get(e.past());
                out.put(e.past(), t != null ? t : Tensor.ofFloats(new int[] {1, e.heads(), 0, e.headDim()}, new float[0]));
                continue;
            }
            float[] data = new float[e.heads() * width * e.headDim()];
            float[] s = store.get(e.past());
            int run = length * e.headDim();
            for (int h = 0; h < e.heads() && run > 0; h++) {
                System.arraycopy(s, h * capacity * e.headDim(), data, h * width * e.headDim(), run);
            }
            out.put(e.past(), Tensor.ofFloats(new int[] {1, e.heads(), width, e.headDim()}, data));
        }
        return out;
    }

    /**
     * Appends positions [from, from + count) of each self-attention entry's present output (shape [1, heads, T,
     * headDim]) and, on the first call, keeps the cross-attention presents the step returned.
     */
    void append(Map<String, Tensor> outputs, int from, int count) {
        for (KvEntry e : entries) {
            if (!e.crossAttention() || fixed.containsKey(e.past())) continue;
            if (!outputs.containsKey(e.present())) {
                throw new GenerationException("the first decoder step returned no '" + e.present() + "' for the"
                        + " cross-attention cache '" + e.past() + "'");
            }
            fixed.put(e.past(), present(outputs, e, -1));
        }
        grow(length + count);
        for (KvEntry e : entries) {
            if (e.crossAttention()) continue;
            Tensor p = present(outputs, e, from + count);
            int positions = p.shape()[2];
            float[] src = p.dtype() == DType.FLOAT ? p.floats() : toFloats(p);
            float[] dst = store.get(e.past());
            int d = e.headDim();
            for (int h = 0; h < e.heads(); h++) {
                System.arraycopy(src, (h * positions + from) * d, dst, (h * capacity + length) * d, count * d);
            }
        }
        length += count;
    }

    private void grow(int needed) {
        if (needed <= capacity && !store.isEmpty()) return;
        int next = Math.max(16, capacity);
        while (next < needed) next *= 2;
        for (KvEntry e : entries) {
            if (e.crossAttention()) continue;
            float[] bigger = new float[e.heads() * next * e.headDim()];
            float[] old = store.get(e.past());
            if (old != null) {
                for (int h = 0; h < e.heads(); h++) {
                    System.arraycopy(old, h * capacity * e.headDim(), bigger, h * next * e.headDim(), length * e.headDim());
                }
            }
            store.put(e.past(), bigger);
        }
        capacity = next;
    }

    /** The present for e, checked against e's heads and headDim (and at least {@code count} positions if >= 0). */
    private static Tensor present(Map<String, Tensor> outputs, KvEntry e, int count) {
        Tensor p = outputs.get(e.present());
        if (p == null) throw new GenerationException("the step returned no '" + e.present() + "'");
        int[] s = p.shape();
        if (s.length != 4 || s[0] != 1 || s[1] != e.heads() || s[3] != e.headDim() || s[2] < Math.max(0, count)) {
            throw new GenerationException("'" + e.present() + "' has shape " + Arrays.toString(s) + "; expected [1, "
                    + e.heads() + ", positions" + (count > 0 ? " >= " + count : "") + ", " + e.headDim() + "]");
        }
        return p;
    }

    private static float[] toFloats(Tensor t) {
        float[] a = new float[t.size()];
        for (int i = 0; i < a.length; i++) a[i] = (float) t.getDouble(i);
        return a;
    }
}
