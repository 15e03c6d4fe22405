package dev.nnjit.tune.jvm;

import dev.nnjit.tune.AdapterKey;
import dev.nnjit.tune.TuningStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Tuning documents in files (JVM only): a directory with one {@code <adapterId>.json} per adapter (the default is
 * {@code ~/.cache/nnjit/tuning}; {@code kernels/records} holds shipped ones in the same layout), or one explicit
 * file used whatever the adapter (--cache FILE). Saves write a temporary file and move it into place, so a crash
 * never leaves half a document.
 */
public final class FileTuningStore implements TuningStore {
    private final Path directory;
    private final Path file;

    private FileTuningStore(Path directory, Path file) {
        this.directory = directory;
        this.file = file;
    }

    /** One file per adapter in {@code directory} (created on the first save). */
    public static FileTuningStore directory(Path directory) { return new FileTuningStore(directory, null); }

    /** The user's cache directory, ~/.cache/nnjit/tuning. */
    public static FileTuningStore userCache() {
        return directory(Path.of(System.getProperty("user.home"), ".cache", "nnjit", "tuning"));
    }

    /** One explicit file for every adapter. */
    public static FileTuningStore file(Path file) { return new FileTuningStore(null, file); }

    /** The file this store reads and writes for {@code adapter}. */
    public Path pathFor(AdapterKey adapter) { return file != null ? file : directory.resolve(adapter.id() + ".json"); }

    @Override public String load(AdapterKey adapter) {
        Path p = pathFor(adapter);
        if (!Files.isRegularFile(p)) return null;
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tuning records " + p + ": " + e.getMessage(), e);
        }
    }

    @Override public void save(AdapterKey adapter, String json) {
        Path p = pathFor(adapter).toAbsolutePath();
        try {
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), p.getFileName().toString(), ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tuning records " + p + ": " + e.getMessage(), e);
        }
    }
}
