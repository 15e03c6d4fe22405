package dev.nnjit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Which files next to a model the page must fetch along with it. */
final class ModelFiles {
    private ModelFiles() {}

    /**
     * Names (relative to the model's folder, '/'-separated) of the external-data files the model may reference.
     * TEMPORARY: every data-like file beside the model; to be replaced by the locations the model itself names.
     */
    static List<String> externalDataFiles(Path model) {
        Path folder = model.getParent();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).filter(f -> !f.equals(model)).forEach(f -> {
                String name = f.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.endsWith(".onnx") && !lower.endsWith(".json") && !lower.endsWith(".pb")
                        && !lower.endsWith(".txt") && !lower.endsWith(".md")) {
                    names.add(name);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return names;
    }
}
