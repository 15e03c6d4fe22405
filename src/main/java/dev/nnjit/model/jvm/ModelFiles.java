package dev.nnjit.model.jvm;

import dev.nnjit.model.ExternalDataResolver;
import dev.nnjit.model.ExternalLocations;
import dev.nnjit.model.ModelFormatException;
import dev.nnjit.model.NamedTensor;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxModelReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads ONNX files on the JVM (never reachable from TeaVM code: it uses java.nio.file). Files are memory-mapped
 * read-only, so weights are not copied onto the heap: initializers stay lazy views of the mapping until used.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** Loads a model; external data files are resolved relative to the model's directory and mapped too. */
    public static OnnxModel load(Path modelFile) {
        ByteBuffer bytes = map(modelFile);
        Path dir = modelFile.toAbsolutePath().getParent();
        return OnnxModelReader.read(bytes, new DirectoryResolver(dir));
    }

    /** Loads a standalone TensorProto file (the conformance suite's input_N.pb / output_N.pb). */
    public static NamedTensor loadTensor(Path tensorFile) {
        return OnnxModelReader.readTensor(map(tensorFile));
    }

    /**
     * Maps a whole file read-only. Throws UncheckedIOException when it cannot be read, and ModelFormatException when
     * it is larger than one ByteBuffer can address (protobuf itself limits a message to 2 GiB: larger models keep
     * their weights in external data files).
     */
    public static ByteBuffer map(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelFormatException("file " + file + " is " + size + " bytes; at most "
                        + Integer.MAX_VALUE + " can be mapped (larger weights belong in several external data files)");
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return m; // the mapping stays valid after the channel is closed
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resolves external-data locations inside one directory, mapping each file once. Refuses locations that are
     * absolute or would leave the directory, both by the string rules of {@link ExternalLocations} and by checking
     * the normalized path.
     */
    public static final class DirectoryResolver implements ExternalDataResolver {
        private final Path dir;
        private final Map<String, ByteBuffer> opened = new HashMap<>();

        public DirectoryResolver(Path dir) { this.dir = dir.toAbsolutePath().normalize(); }

        @Override public ByteBuffer open(String location) {
            ByteBuffer b = opened.get(location);
            if (b != null) return b.duplicate();
            String problem = ExternalLocations.problem(location);
            if (problem != null) throw new ModelFormatException("external data " + problem);
            Path file = dir.resolve(location).normalize();
            if (!file.startsWith(dir)) {
                throw new ModelFormatException("external data location '" + location + "' leaves " + dir);
            }
            if (!Files.isRegularFile(file)) {
                throw new ModelFormatException("external data file '" + location + "' not found in " + dir);
            }
            try {
                b = map(file);
            } catch (UncheckedIOException e) {
                throw new ModelFormatException("external data file '" + location + "' in " + dir
                        + " cannot be read: " + e.getCause().getMessage(), e);
            }
            opened.put(location, b);
            return b.duplicate();
        }
    }
}
