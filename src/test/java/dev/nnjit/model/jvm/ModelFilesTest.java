package dev.nnjit.model.jvm;

import static dev.nnjit.model.OnnxBuilder.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.ModelFormatException;
import dev.nnjit.model.NamedTensor;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.ProtoWriter;
import dev.nnjit.tensor.DType;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from files: mapping, external data next to the model, and the file-system errors. */
class ModelFilesTest {
    @TempDir Path dir;

    private Path writeModel(Path file, ProtoWriter... initializers) throws Exception {
        Graph g = new Graph("g").node(node("Add", List.of("a", "b"), List.of("y")));
        for (ProtoWriter t : initializers) g.initializer(t);
        Files.createDirectories(file.getParent());
        Files.write(file, model(8, g.build(), "", 13).toByteArray());
        return file;
    }

    @Test void loadsAModelWithExternalDataInASubdirectory() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/w.bin"), concat(new byte[4096], ProtoWriter.le(1.5f, -2f)));
        Path m = writeModel(dir.resolve("model.onnx"),
                tensorExternal("a", DType.FLOAT, dims(2), "data/w.bin", 4096L, 8L),
                tensorRaw("b", DType.INT64, dims(1), ProtoWriter.leLongs(42)));
        OnnxModel model = ModelFiles.load(m);
        assertEquals(13, model.defaultOpset());
        assertFalse(model.graph().initializers().get("a").isMaterialized());
        assertArrayEquals(new float[] {1.5f, -2f}, model.graph().initializers().get("a").floats());
        assertArrayEquals(new long[] {42}, model.graph().initializers().get("b").longs());
    }

    @Test void missingExternalFileNamesLocationDirectoryAndTensor() throws Exception {
        Path m = writeModel(dir.resolve("model.onnx"), tensorExternal("w", DType.FLOAT, dims(1), "gone.bin", 0L, 4L));
        String msg = assertThrows(ModelFormatException.class, () -> ModelFiles.load(m)).getMessage();
        assertTrue(msg.matches("at byte \\d+: ModelProto\\.graph\\.initializer\\[0]: tensor 'w': external data file"
                + " 'gone\\.bin' not found in .*"), msg);
        assertTrue(msg.endsWith(dir.toAbsolutePath().normalize().toString()), msg);
    }

    @Test void externalRangePastTheEndOfTheFile() throws Exception {
        Files.write(dir.resolve("w.bin"), new byte[10]);
        Path m = writeModel(dir.resolve("model.onnx"), tensorExternal("w", DType.FLOAT, dims(2), "w.bin", 4L, 8L));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFiles.load(m)).getMessage()
                .endsWith("tensor 'w': external data range [4, 12) runs past the end of 'w.bin' (10 bytes)"));
    }

    @Test void locationsEscapingTheDirectoryAreRefusedEvenWhenTheFileExists() throws Exception {
        Files.write(dir.resolve("secret.bin"), ProtoWriter.le(7f));
        Path m = writeModel(dir.resolve("sub/model.onnx"), tensorExternal("w", DType.FLOAT, dims(1), "../secret.bin",
                0L, 4L));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFiles.load(m)).getMessage()
                .endsWith("tensor 'w': external data location '../secret.bin' contains '..' and could escape the"
                        + " model's directory"));
        Path abs = writeModel(dir.resolve("sub/abs.onnx"), tensorExternal("w", DType.FLOAT, dims(1),
                dir.resolve("secret.bin").toString(), 0L, 4L));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFiles.load(abs)).getMessage()
                .contains("is absolute"));
        // the resolver's own check, for callers that use it directly
        ModelFiles.DirectoryResolver r = new ModelFiles.DirectoryResolver(dir.resolve("sub"));
        assertThrows(ModelFormatException.class, () -> r.open("../secret.bin"));
    }

    @Test void loadTensorReadsAConformanceStyleFile() throws Exception {
        Path pb = dir.resolve("input_0.pb");
        Files.write(pb, tensorRaw("x", DType.FLOAT, dims(3, 4, 5), ProtoWriter.le(new float[60])).toByteArray());
        NamedTensor t = ModelFiles.loadTensor(pb);
        assertEquals("x", t.name());
        assertArrayEquals(new int[] {3, 4, 5}, t.tensor().shape());
    }

    @Test void missingModelFileIsAnIoError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModelFiles.load(dir.resolve("no.onnx")));
        assertTrue(e.getMessage().startsWith("file not found: "), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
