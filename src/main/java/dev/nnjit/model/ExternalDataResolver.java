package dev.nnjit.model;

import java.nio.ByteBuffer;

/**
 * Finds the bytes of an external-data file named by a tensor's {@code location} (relative to the model file).
 * On the JVM this maps files next to the model; in the browser the page supplies them by name.
 */
public interface ExternalDataResolver {
    /** The whole file; throws {@link ModelFormatException} naming the location when it does not exist. */
    ByteBuffer open(String location);

    /** For models that must not reference external data. */
    ExternalDataResolver NONE = location -> {
        throw new ModelFormatException("tensor data refers to external file '" + location
                + "' but no external data files were provided");
    };
}
