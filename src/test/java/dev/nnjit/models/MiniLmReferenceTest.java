package dev.nnjit.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.nnjit.api.Session;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2 (from the test-scoped langchain4j jar) against native ONNX Runtime: models/minilm/
 * reference.json holds the tokens of four sentences and ORT's outputs (models/minilm/make_reference.mjs). Outputs
 * must match within {@link Closeness#RELATIVE_TOLERANCE} of their largest magnitude, and the sentence embeddings
 * (masked mean, L2-normalized) must rank the paraphrase pair far above the unrelated pairs, as ORT's do.
 */
class MiniLmReferenceTest {
    static final Path REFERENCE = Path.of("models", "minilm", "reference.json");
    @TempDir static Path dir;
    static Session session;
    static JsonObject reference;
    /** Per case: nnjit's last_hidden_state and the attention mask it was run with. */
    static final Map<String, Tensor> hidden = new LinkedHashMap<>();
    static final Map<String, long[]> masks = new LinkedHashMap<>();

    @BeforeAll static void runAllCases() throws Exception {
        Path model = dir.resolve("all-minilm-l6-v2.onnx");
        try (InputStream in = MiniLmReferenceTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertNotNull(in, "all-minilm-l6-v2.onnx not on the test classpath");
            Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
        }
        OnnxModel m = ModelFiles.load(model);
        assertEquals("", OpCoverage.missing(m, OpRegistry.defaults()), "MiniLM: ops nnjit lacks");
        session = Session.create(m);
        reference = GoldenTensors.readJson(REFERENCE);
        for (JsonElement e : reference.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            Map<String, Tensor> feeds = GoldenTensors.tensors(c.getAsJsonObject("inputs"));
            Tensor out = session.run(feeds).get("last_hidden_state");
            assertNotNull(out, "no last_hidden_state output");
            hidden.put(c.get("name").getAsString(), out);
            masks.put(c.get("name").getAsString(), feeds.get("attention_mask").longs());
        }
    }

    static JsonObject referenceCase(String name) {
        for (JsonElement e : reference.getAsJsonArray("cases")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) return e.getAsJsonObject();
        }
        throw new AssertionError("reference.json has no case " + name);
    }

    @Test void shortSentencesMatchOrt() {
        for (String name : new String[] {"paraphrase_a", "paraphrase_b", "unrelated"}) {
            Tensor expected = GoldenTensors.tensors(referenceCase(name).getAsJsonObject("outputs")).get("last_hidden_state");
            Tensor got = hidden.get(name);
            assertArrayEquals(expected.shape(), got.shape(), name + " shape");
            Closeness c = Closeness.of(expected.floats(), got.floats());
            System.out.println("[minilm] " + c.describe(name + "/last_hidden_state", got.shape()));
            assertTrue(c.ok(), c.describe(name, got.shape()));
        }
    }

    /**
     * 40 tokens padded to 128: the reference keeps rows 0..15 in full and every row's sum. Row sums may differ by at
     * most 384 x 1e-4 x max|first rows| (each of a row's 384 elements within the elementwise bound).
     */
    @Test void paddedTo128MatchesOrt() {
        JsonObject s = referenceCase("padded_128").getAsJsonObject("output_summary").getAsJsonObject("last_hidden_state");
        Tensor got = hidden.get("padded_128");
        assertArrayEquals(GoldenTensors.ints(s.getAsJsonArray("shape")), got.shape());
        float[] firstRows = GoldenTensors.floats(s.getAsJsonArray("first_rows"));
        float[] g = got.floats();
        float[] gotFirst = new float[firstRows.length];
        System.arraycopy(g, 0, gotFirst, 0, firstRows.length);
        Closeness c = Closeness.of(firstRows, gotFirst);
        System.out.println("[minilm] " + c.describe("padded_128/last_hidden_state rows 0..15", new int[] {16, 384}));
        assertTrue(c.ok(), c.describe("padded_128 first rows", new int[] {16, 384}));

        double[] rowSums = GoldenTensors.doubles(s.getAsJsonArray("row_sums"));
        int dim = got.dim(2);
        double tol = dim * Closeness.RELATIVE_TOLERANCE * c.maxAbsExpected();
        double worst = 0;
        for (int r = 0; r < rowSums.length; r++) {
            double sum = 0;
            for (int d = 0; d < dim; d++) sum += g[r * dim + d];
            worst = Math.max(worst, Math.abs(sum - rowSums[r]));
            assertTrue(Math.abs(sum - rowSums[r]) <= tol, "row " + r + " sum " + sum + " vs ORT " + rowSums[r]);
        }
        System.out.printf("[minilm] padded_128 row sums (128 rows): max abs error %.3g (tolerance %.3g)%n", worst, tol);
    }

    @Test void sentenceEmbeddingsRankParaphrasesLikeOrt() {
        Map<String, double[]> emb = new LinkedHashMap<>();
        for (String name : hidden.keySet()) {
            double[] mine = meanPoolNormalize(hidden.get(name), masks.get(name));
            double[] ort = GoldenTensors.doubles(referenceCase(name).getAsJsonArray("sentence_embedding"));
            double worst = 0;
            for (int i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs(mine[i] - ort[i]));
            System.out.printf("[minilm] %s sentence embedding: max abs error %.3g%n", name, worst);
            assertTrue(worst <= 1e-4, name + " embedding differs from ORT's by " + worst);
            emb.put(name, mine);
        }
        JsonObject ortCos = reference.getAsJsonObject("cosines");
        double para = dot(emb.get("paraphrase_a"), emb.get("paraphrase_b"));
        double unrelA = dot(emb.get("paraphrase_a"), emb.get("unrelated"));
        double unrelB = dot(emb.get("paraphrase_b"), emb.get("unrelated"));
        System.out.printf("[minilm] cosines: paraphrase %.6f (ORT %.6f), unrelated %.6f / %.6f (ORT %.6f / %.6f)%n",
                para, ortCos.get("paraphrase_a__paraphrase_b").getAsDouble(), unrelA, unrelB,
                ortCos.get("paraphrase_a__unrelated").getAsDouble(), ortCos.get("paraphrase_b__unrelated").getAsDouble());
        assertEquals(ortCos.get("paraphrase_a__paraphrase_b").getAsDouble(), para, 1e-4);
        assertEquals(ortCos.get("paraphrase_a__unrelated").getAsDouble(), unrelA, 1e-4);
        assertEquals(ortCos.get("paraphrase_b__unrelated").getAsDouble(), unrelB, 1e-4);
        assertTrue(para > 0.7, "paraphrases should be close: " + para);
        assertTrue(unrelA < 0.1 && unrelB < 0.1, "unrelated sentences should not be: " + unrelA + ", " + unrelB);
    }

    /** sentence-transformers pooling: mean of rows whose mask is 1, then unit length. */
    static double[] meanPoolNormalize(Tensor h, long[] mask) {
        int seq = h.dim(1), dim = h.dim(2);
        float[] x = h.floats();
        double[] out = new double[dim];
        int n = 0;
        for (int s = 0; s < seq; s++) {
            if (mask[s] == 0) continue;
            n++;
            for (int d = 0; d < dim; d++) out[d] += x[s * dim + d];
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) { out[d] /= n; norm += out[d] * out[d]; }
        norm = Math.sqrt(norm);
        for (int d = 0; d < dim; d++) out[d] /= norm;
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
