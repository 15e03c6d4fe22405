package dev.nnjit.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a copy of an ONNX model whose large initializers live in one external data file next to it, as exporters
 * do for models over 2 GB ({@code model.onnx} + {@code model.onnx_data} from Optimum, {@code model.onnx.data} from
 * torch.onnx): each graph initializer whose {@code raw_data} has at least {@code minBytes} bytes loses it and gains
 * {@code external_data} (location, offset, length) and {@code data_location: EXTERNAL}; its bytes go to the data
 * file at 16-byte aligned offsets. Every other field is copied byte for byte. For tests: the split model must give
 * the same results as the original.
 */
public final class ExternalDataSplitter {
    private static final int GRAPH = 7;              // ModelProto.graph
    private static final int INITIALIZER = 5;        // GraphProto.initializer
    private static final int RAW_DATA = 9;           // TensorProto.raw_data
    private static final int EXTERNAL_DATA = 13;     // TensorProto.external_data (StringStringEntryProto)
    private static final int DATA_LOCATION = 14;     // TensorProto.data_location (1: EXTERNAL)
    private static final int ALIGNMENT = 16;

    private ExternalDataSplitter() {}

    /**
     * Writes {@code outModel} and, next to it, {@code dataFileName}; returns how many initializers moved (at least
     * one, else an error: a split that moves nothing tests nothing).
     */
    public static int split(Path model, Path outModel, String dataFileName, int minBytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(model)).order(ByteOrder.LITTLE_ENDIAN);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int[] moved = {0};
            ProtoReader m = new ProtoReader(buf, 0, buf.limit(), FieldPath.root("ModelProto"));
            while (m.next()) {
                int tag = m.tagPosition();
                if (m.field() != GRAPH) {
                    m.skip();
                    copy(buf, tag, m.position(), out);
                    continue;
                }
                ProtoReader g = m.message(FieldPath.root("GraphProto"));
                ByteArrayOutputStream graph = new ByteArrayOutputStream();
                while (g.next()) {
                    int graphTag = g.tagPosition();
                    if (g.field() != INITIALIZER) {
                        g.skip();
                        copy(buf, graphTag, g.position(), graph);
                        continue;
                    }
                    byte[] tensor = externalized(buf, g.message(FieldPath.root("TensorProto")), dataFileName,
                            minBytes, data, moved);
                    lengthDelimited(INITIALIZER, tensor, graph);
                }
                lengthDelimited(GRAPH, graph.toByteArray(), out);
            }
            if (moved[0] == 0) throw new IllegalArgumentException(model + " has no initializer of " + minBytes + "+ raw bytes");
            Files.write(outModel, out.toByteArray());
            Files.write(outModel.resolveSibling(dataFileName), data.toByteArray());
            return moved[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tensor's bytes, with its raw_data moved to {@code data} when it is large enough. */
    private static byte[] externalized(ByteBuffer buf, ProtoReader t, String location, int minBytes,
                                       ByteArrayOutputStream data, int[] moved) {
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        int rawStart = -1;
        int rawLength = 0;
        while (t.next()) {
            int tag = t.tagPosition();
            if (t.field() == RAW_DATA) {
                rawLength = t.lengthPrefix();
                rawStart = t.position();
                t.advance(rawLength);
                if (rawLength >= minBytes) continue;
            } else {
                t.skip();
            }
            copy(buf, tag, t.position(), tensor);
        }
        if (rawStart < 0 || rawLength < minBytes) return tensor.toByteArray();
        while (data.size() % ALIGNMENT != 0) data.write(0);
        long offset = data.size();
        copy(buf, rawStart, rawStart + rawLength, data);
        entry("location", location, tensor);
        entry("offset", Long.toString(offset), tensor);
        entry("length", Long.toString(rawLength), tensor);
        varint(((long) DATA_LOCATION << 3), tensor);
        varint(1, tensor);
        moved[0]++;
        return tensor.toByteArray();
    }

    private static void entry(String key, String value, ByteArrayOutputStream out) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        lengthDelimited(1, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), e);
        lengthDelimited(2, value.getBytes(java.nio.charset.StandardCharsets.UTF_8), e);
        lengthDelimited(EXTERNAL_DATA, e.toByteArray(), out);
    }

    private static void lengthDelimited(int field, byte[] payload, ByteArrayOutputStream out) {
        varint(((long) field << 3) | ProtoReader.LEN, out);
        varint(payload.length, out);
        out.writeBytes(payload);
    }

    private static void varint(long v, OutputStream out) {
        try {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(ByteBuffer buf, int from, int to, ByteArrayOutputStream out) {
        byte[] b = new byte[to - from];
        buf.get(from, b);
        out.writeBytes(b);
    }
}
