package dev.nnjit.host;

import dev.nnjit.model.ExternalLocations;
import dev.nnjit.model.ModelFormatException;
import dev.nnjit.model.OnnxModelReader;
import dev.nnjit.model.jvm.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the external-data files a model names, so the page can fetch exactly those along with the model. */
final class ExternalDataScan {
    private ExternalDataScan() {}

    /**
     * The external-data locations (relative to the model's folder) that exist there, in first-use order. The model
     * is decoded on the JVM (memory-mapped, weights left lazy) with a resolver that records each location. A model
     * that fails to decode yields what was found so far: the page then reports the engine's own error for it.
     */
    static List<String> find(Path model) {
        Path folder = model.toAbsolutePath().getParent();
        List<String> found = new ArrayList<>();
        try {
            OnnxModelReader.read(ModelFiles.map(model), location -> {
                Path file = ExternalLocations.problem(location) == null ? folder.resolve(location).normalize() : null;
                if (file == null || !file.startsWith(folder) || !Files.isRegularFile(file)) {
                    throw new ModelFormatException("external data file '" + location + "' not found");
                }
                if (!found.contains(location)) found.add(location);
                return ModelFiles.map(file);
            });
        } catch (RuntimeException e) {
            // Reported by the engine in the page, with the message the JVM engine gives.
        }
        return found;
    }
}
