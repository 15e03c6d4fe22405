package dev.nnjit.tools.weights;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * models/bench/NAME/weights.json: where each regenerated tensor lives in the external data file and how to make it.
 * Written by models/make_fixtures.py (format "nnjit-weights/1"); checksums were computed there.
 *
 * @param totalLength bytes of the data file; gaps between tensors (alignment) are zero bytes
 * @param sha256      of the whole data file, lower-case hex
 */
public record WeightManifest(String format, String model, String dataFile, long totalLength, String sha256,
                             int alignment, List<Entry> tensors) {
    public static final String FORMAT = "nnjit-weights/1";

    /** One external tensor: float32 little-endian bytes [offset, offset + length) of the data file. */
    public record Entry(String name, String dtype, long[] shape, long offset, long length, Rule rule, String sha256) {
        public long elements() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    /** kind "uniform": {@link WeightGenerator#uniform} with this seed, stream and scale. */
    public record Rule(String kind, long seed, long stream, double scale) {}

    private record Json(String format, String model, String data_file, long total_length, String sha256,
                        int alignment, List<Entry> tensors) {}

    /** Reads and checks a manifest: format, dtypes, rules, lengths and ordering (errors name the tensor). */
    public static WeightManifest read(Path file) throws IOException {
        Json j = new Gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), Json.class);
        if (j == null || !FORMAT.equals(j.format)) {
            throw new IllegalArgumentException(file + ": not a " + FORMAT + " manifest (format " + (j == null ? null : j.format) + ")");
        }
        WeightManifest m = new WeightManifest(j.format, j.model, j.data_file, j.total_length, j.sha256, j.alignment,
                List.copyOf(j.tensors));
        m.validate(file.toString());
        return m;
    }

    private void validate(String where) {
        long end = 0;
        for (Entry e : tensors) {
            String what = where + ": tensor '" + e.name() + "'";
            if (!"float32".equals(e.dtype())) throw new IllegalArgumentException(what + " has dtype " + e.dtype() + ", only float32 is generated");
            if (e.rule() == null || !"uniform".equals(e.rule().kind())) throw new IllegalArgumentException(what + " has unknown rule " + e.rule());
            if ((float) e.rule().scale() != e.rule().scale()) throw new IllegalArgumentException(what + " scale " + e.rule().scale() + " is not a float32 value");
            if (e.length() != 4 * e.elements()) throw new IllegalArgumentException(what + " length " + e.length() + " != 4 * " + e.elements() + " elements");
            if (e.offset() < end) throw new IllegalArgumentException(what + " at offset " + e.offset() + " overlaps the previous tensor (ends at " + end + ")");
            end = e.offset() + e.length();
        }
        if (end != totalLength) throw new IllegalArgumentException(where + ": tensors end at " + end + ", total_length is " + totalLength);
    }
}
