package dev.nnjit.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tools.weights.MakeWeights;
import dev.nnjit.tools.weights.WeightGenerator;
import dev.nnjit.tools.weights.WeightManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bench models' weights are regenerated on the JVM from models/bench/NAME/weights.json. Checksums in the
 * manifests were computed by numpy on the machine that exported the graphs (models/make_fixtures.py), so matching
 * them proves the Java generator reproduces that implementation bit for bit.
 */
class BenchWeightsTest {
    static final Path BENCH = Path.of("models", "bench");

    /** make_fixtures.py's self-check prints these (seed 7, stream 3, scale 0.5), evaluated by numpy in float32. */
    @Test void matchesTheNumpyGeneratorOnPinnedValues() {
        float[] numpy = {0.18276125192642212f, -0.26850593090057373f, -0.06996482610702515f, 0.36542779207229614f,
                -0.1902875304222107f};
        assertArrayEquals(numpy, WeightGenerator.uniform(7, 3, 0.5f, 5));
    }

    @Test void isDeterministicAndIndependentOfChunking() {
        float[] whole = WeightGenerator.uniform(20261126, 5, 0x1p-5f, 10_000);
        assertArrayEquals(whole, WeightGenerator.uniform(20261126, 5, 0x1p-5f, 10_000));
        float[] tail = new float[3_000];
        WeightGenerator.uniform(20261126, 5, 0x1p-5f, 7_000, tail, tail.length);
        for (int i = 0; i < tail.length; i++) assertEquals(whole[7_000 + i], tail[i]);
        float[] otherStream = WeightGenerator.uniform(20261126, 6, 0x1p-5f, 10_000);
        int same = 0;
        for (int i = 0; i < whole.length; i++) {
            assertTrue(whole[i] >= -0x1p-5f && whole[i] < 0x1p-5f, "value out of [-scale, scale): " + whole[i]);
            if (whole[i] == otherStream[i]) same++;
        }
        assertTrue(same < 10, "streams 5 and 6 should differ, " + same + " equal elements");
    }

    /** The three smallest tensors of every committed manifest regenerate to their recorded SHA-256 sums. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bert-base", "t5-small", "bart-base", "llama2-2l", "minilm-l6"})
    void smallestTensorsMatchManifestChecksums(String model) throws IOException {
        WeightManifest m = WeightManifest.read(BENCH.resolve(model).resolve("weights.json"));
        assertFalse(m.tensors().isEmpty());
        for (WeightManifest.Entry e : smallest(m, 3)) {
            assertEquals(e.sha256(), MakeWeights.tensorSha256(e), model + ": tensor '" + e.name() + "'");
        }
    }

    /**
     * The file writer: tensors placed at aligned offsets with zero gaps, checked against the manifest, and a wrong
     * checksum refused without leaving a data file behind.
     */
    @Test void regeneratesAFileWithGapsAndRejectsWrongChecksums(@TempDir Path dir) throws Exception {
        WeightManifest real = WeightManifest.read(BENCH.resolve("bert-base").resolve("weights.json"));
        List<WeightManifest.Entry> picked = smallest(real, 3);
        StringBuilder tensors = new StringBuilder();
        MessageDigest file = MessageDigest.getInstance("SHA-256");
        long offset = 0;
        for (WeightManifest.Entry e : picked) {
            long start = offset + 100;                         // a 100-byte zero gap before each tensor
            file.update(new byte[100]);
            file.update(bytes(e));
            if (tensors.length() > 0) tensors.append(",\n");
            tensors.append(String.format("{\"name\": \"%s\", \"dtype\": \"float32\", \"shape\": %s, \"offset\": %d, "
                            + "\"length\": %d, \"rule\": {\"kind\": \"uniform\", \"seed\": %d, \"stream\": %d, \"scale\": %s}, "
                            + "\"sha256\": \"%s\"}", e.name(), java.util.Arrays.toString(e.shape()), start, e.length(),
                    e.rule().seed(), e.rule().stream(), e.rule().scale(), e.sha256()));
            offset = start + e.length();
        }
        String sha = HexFormat.of().formatHex(file.digest());
        String manifest = "{\"format\": \"nnjit-weights/1\", \"model\": \"subset\", \"data_file\": \"model.onnx.data\", "
                + "\"total_length\": " + offset + ", \"sha256\": \"SHA\", \"alignment\": 4, \"tensors\": [\n" + tensors + "]}";
        Files.writeString(dir.resolve("weights.json"), manifest.replace("SHA", sha), StandardCharsets.UTF_8);

        Path data = MakeWeights.regenerate(dir);
        assertEquals(offset, Files.size(data));
        byte[] all = Files.readAllBytes(data);
        WeightManifest.Entry first = picked.get(0);
        assertArrayEquals(new byte[100], java.util.Arrays.copyOfRange(all, 0, 100));
        assertArrayEquals(bytes(first), java.util.Arrays.copyOfRange(all, 100, 100 + (int) first.length()));

        Files.delete(data);
        Files.writeString(dir.resolve("weights.json"), manifest.replace("SHA", "0".repeat(64)), StandardCharsets.UTF_8);
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> MakeWeights.regenerate(dir));
        assertTrue(ex.getMessage().contains("sha256"), ex.getMessage());
        assertFalse(Files.exists(data), "no data file after a failed check");
        assertFalse(Files.exists(dir.resolve("model.onnx.data.tmp")), "temporary file removed");
    }

    static List<WeightManifest.Entry> smallest(WeightManifest m, int n) {
        List<WeightManifest.Entry> l = new ArrayList<>(m.tensors());
        l.sort(Comparator.comparingLong(WeightManifest.Entry::length).thenComparing(WeightManifest.Entry::name));
        return l.subList(0, Math.min(n, l.size()));
    }

    static byte[] bytes(WeightManifest.Entry e) {
        float[] v = WeightGenerator.uniform(e.rule().seed(), e.rule().stream(), (float) e.rule().scale(), (int) e.elements());
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }
}
