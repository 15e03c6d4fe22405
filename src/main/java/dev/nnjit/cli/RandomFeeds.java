package dev.nnjit.cli;

import dev.nnjit.tensor.SplitMix64;
import dev.nnjit.model.OnnxGraph;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeded feeds for {@code nnjit run --random-feeds}: one tensor per graph input (inputs that are also initializers
 * keep their stored values), typed and shaped as the model declares them, symbolic dims taken from
 * {@code --dim NAME=VALUE}. Values: floats uniform in [-1, 1) (rounded to float16/bfloat16 for those dtypes),
 * integers uniform in {0, 1} (valid token ids, attention masks, token type ids and indices on any axis of size 2 or
 * more), bools uniform. One {@link SplitMix64} stream from the seed, drawn input by input in graph order, so a seed
 * gives the same feeds on every machine.
 */
final class RandomFeeds {
    private RandomFeeds() {}

    /** Throws {@link CliException} naming the input (and the dim) that cannot be made. */
    static Map<String, Tensor> of(OnnxGraph graph, Map<String, Long> dims, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (ValueInfo input : graph.inputs()) {
            if (graph.initializers().containsKey(input.name())) continue;
            feeds.put(input.name(), tensor(input, shape(input, dims), random));
        }
        return feeds;
    }

    static int[] shape(ValueInfo input, Map<String, Long> dims) {
        Shape s = input.shape();
        if (!s.hasRank()) throw new CliException("input '" + input.name() + "' has no declared shape: give feeds with --inputs");
        int[] shape = new int[s.rank()];
        for (int i = 0; i < shape.length; i++) {
            Dim d = s.dim(i);
            long v;
            if (d.isKnown()) {
                v = d.value();
            } else if (d.isSymbol()) {
                Long given = dims.get(d.symbolName());
                if (given == null) {
                    throw new CliException("input '" + input.name() + "' has symbolic dim '" + d.symbolName()
                            + "': give its size with --dim " + d.symbolName() + "=VALUE");
                }
                v = given;
            } else {
                throw new CliException("input '" + input.name() + "' dim " + i
                        + " has neither a size nor a name: give feeds with --inputs");
            }
            if (v > Integer.MAX_VALUE) throw new CliException("input '" + input.name() + "' dim " + i + " is too large: " + v);
            shape[i] = (int) v;
        }
        return shape;
    }

    private static Tensor tensor(ValueInfo input, int[] shape, SplitMix64 random) {
        DType dtype = input.dtype();
        if (dtype == null || !dtype.isSupported()) {
            throw new CliException("input '" + input.name() + "' has element type "
                    + (dtype == null ? "(none)" : dtype.jsonName) + ", which nnjit cannot feed");
        }
        int size = Tensor.checkedSize(shape, "input '" + input.name() + "'");
        switch (dtype.storage) {
            case FLOAT: {
                float[] data = new float[size];
                for (int i = 0; i < size; i++) {
                    float v = (float) (random.nextDouble() * 2 - 1);
                    data[i] = dtype == DType.FLOAT16 ? Float16.roundToHalf(v)
                            : dtype == DType.BFLOAT16 ? Float16.roundToBfloat16(v) : v;
                }
                return Tensor.ofFloats(dtype, shape, data);
            }
            case LONG: {
                long[] data = new long[size];
                for (int i = 0; i < size; i++) data[i] = random.nextLong() >>> 63;
                return Tensor.ofLongs(dtype, shape, data);
            }
            case BOOL: {
                boolean[] data = new boolean[size];
                for (int i = 0; i < size; i++) data[i] = random.nextLong() < 0;
                return Tensor.ofBools(shape, data);
            }
            default:
                throw new IllegalStateException("unsupported dtype passed the check: " + dtype);
        }
    }
}
