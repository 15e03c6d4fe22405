package dev.nnjit.generate;

import dev.nnjit.api.Session;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cached tensor of a KV-cache export under Optimum's names: the input {@code past_key_values.X} a step reads and
 * the output {@code present.X} it returns, shaped [batch, heads, positions, headDim]. Self-attention entries grow by
 * the step's new positions; cross-attention entries ({@code X} has ".encoder.", encoder-decoder models) are the
 * encoder's keys and values, fixed after the first decoder step.
 *
 * @param past the input name
 * @param present the output name (a with-past encoder-decoder graph may not return its cross-attention entries:
 *     the first decoder step's do, and they never change)
 * @param heads key/value heads (fewer than query heads under grouped-query attention)
 * @param headDim elements per head and position
 */
record KvEntry(String past, String present, int heads, int headDim, boolean crossAttention) {
    static final String PAST_PREFIX = "past_key_values.";
    static final String PRESENT_PREFIX = "present.";

    /** The session's cache entries in input order; empty when it takes no past_key_values. Errors name the input. */
    static List<KvEntry> of(Session session) {
        Map<String, TensorType> outputs = session.outputs();
        List<KvEntry> entries = new ArrayList<>();
        for (Map.Entry<String, TensorType> in : session.inputs().entrySet()) {
            String name = in.getKey();
            if (!name.startsWith(PAST_PREFIX)) continue;
            String present = PRESENT_PREFIX + name.substring(PAST_PREFIX.length());
            boolean cross = name.contains(".encoder.");
            if (!outputs.containsKey(present) && !cross) {
                throw new GenerationException("the model takes '" + name + "' but has no output '" + present
                        + "' to feed it from (outputs: " + outputs.keySet() + ")");
            }
            Shape s = in.getValue().shape();
            if (!s.hasRank() || s.rank() != 4 || !s.dim(1).isKnown() || !s.dim(3).isKnown()) {
                throw new GenerationException("input '" + name + "' is declared " + in.getValue()
                        + "; a KV-cache input must be [batch, heads, past_sequence, head_dim] with known heads and"
                        + " head_dim");
            }
            entries.add(new KvEntry(name, present, (int) s.dim(1).value(), (int) s.dim(3).value(), cross));
        }
        return entries;
    }
}
