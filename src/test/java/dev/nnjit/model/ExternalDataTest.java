package dev.nnjit.model;

import static dev.nnjit.model.OnnxBuilder.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** External data through the platform-neutral resolver interface (the browser's path); files: ModelFilesTest. */
class ExternalDataTest {

    /** A resolver over in-memory files that records which locations were opened. */
    static final class MapResolver implements ExternalDataResolver {
        final Map<String, byte[]> files = new HashMap<>();
        final List<String> opened = new ArrayList<>();

        @Override public ByteBuffer open(String location) {
            opened.add(location);
            byte[] b = files.get(location);
            if (b == null) throw new ModelFormatException("external data file '" + location + "' was not provided");
            return ByteBuffer.wrap(b);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] r = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, at, p.length);
            at += p.length;
        }
        return r;
    }

    static OnnxModel read(MapResolver resolver, ProtoWriter... initializers) {
        Graph g = new Graph("g");
        for (ProtoWriter t : initializers) g.initializer(t);
        return OnnxModelReader.read(model(8, g.build(), "", 13).toBuffer(), resolver);
    }

    static String error(MapResolver resolver, ProtoWriter... initializers) {
        return assertThrows(ModelFormatException.class, () -> read(resolver, initializers)).getMessage();
    }

    @Test void offsetsAndLengthsSelectRangesOfASharedFile() {
        MapResolver r = new MapResolver();
        r.files.put("weights.bin", concat(new byte[16], ProtoWriter.le(1f, 2f, 3f), ProtoWriter.leLongs(-5, 7)));
        OnnxModel m = read(r,
                tensorExternal("a", DType.FLOAT, dims(3), "weights.bin", 16L, 12L),
                tensorExternal("b", DType.INT64, dims(2), "weights.bin", 28L, null), // length: to the end of the file
                tensorExternal("c", DType.UINT8, dims(16), "weights.bin", null, 16L)); // offset defaults to 0
        Tensor a = m.graph().initializers().get("a");
        assertFalse(a.isMaterialized(), "external tensors are lazy too");
        assertArrayEquals(new float[] {1f, 2f, 3f}, a.floats());
        assertArrayEquals(new long[] {-5, 7}, m.graph().initializers().get("b").longs());
        assertArrayEquals(new long[16], m.graph().initializers().get("c").longs());
        assertEquals(List.of("weights.bin"), r.opened, "each file is opened once per model");
    }

    @Test void missingFileNamesTensorAndLocation() {
        String msg = error(new MapResolver(), tensorExternal("w", DType.FLOAT, dims(1), "nope.bin", 0L, 4L));
        assertTrue(msg.matches("at byte \\d+: ModelProto\\.graph\\.initializer\\[0]: tensor 'w': external data file"
                + " 'nope\\.bin' was not provided"), msg);
    }

    @Test void noResolverMeansNoExternalData() {
        ProtoWriter m = model(8, new Graph("g").initializer(tensorExternal("w", DType.FLOAT, dims(1), "x.bin", 0L, 4L))
                .build(), "", 13);
        String msg = assertThrows(ModelFormatException.class,
                () -> OnnxModelReader.read(m.toBuffer(), ExternalDataResolver.NONE)).getMessage();
        assertTrue(msg.endsWith("tensor 'w': tensor data refers to external file 'x.bin' but no external data files"
                + " were provided"), msg);
    }

    @Test void rangesPastTheEndOfTheFile() {
        MapResolver r = new MapResolver();
        r.files.put("w.bin", new byte[100]);
        assertTrue(error(r, tensorExternal("w", DType.FLOAT, dims(10), "w.bin", 80L, 40L))
                .endsWith("tensor 'w': external data range [80, 120) runs past the end of 'w.bin' (100 bytes)"));
        assertTrue(error(r, tensorExternal("w", DType.FLOAT, dims(1), "w.bin", 101L, null))
                .endsWith("tensor 'w': external data offset 101 is past the end of 'w.bin' (100 bytes)"));
        // offset + length overflowing a long must not wrap around into range
        assertTrue(error(r, tensorExternal("w", DType.FLOAT, dims(1), "w.bin", 4L, Long.MAX_VALUE))
                .endsWith("external data range [4, 4 + 9223372036854775807) runs past the end of 'w.bin' (100 bytes)"));
    }

    @Test void lengthMustMatchTheShape() {
        MapResolver r = new MapResolver();
        r.files.put("w.bin", new byte[100]);
        assertTrue(error(r, tensorExternal("w", DType.FLOAT, dims(3), "w.bin", 0L, 8L))
                .endsWith("tensor 'w': external data in 'w.bin' has 8 bytes, expected 12 for float32[3]"));
        assertTrue(error(r, tensorExternal("w", DType.FLOAT, dims(3), "w.bin", 0L, null))
                .endsWith("external data in 'w.bin' has 100 bytes, expected 12 for float32[3]"));
    }

    @Test void locationsThatEscapeTheModelDirectoryAreRefusedBeforeOpening() {
        MapResolver r = new MapResolver();
        for (String bad : new String[] {"../w.bin", "a/../../w.bin", "/etc/passwd", "\\\\server\\share", "C:\\w.bin",
                "data\\..\\..\\w.bin", ""}) {
            String msg = error(r, tensorExternal("w", DType.FLOAT, dims(1), bad, 0L, 4L));
            assertTrue(msg.contains("tensor 'w': external data location"), bad + " -> " + msg);
        }
        assertTrue(r.opened.isEmpty(), "no unsafe location reached the resolver");
        assertEquals(null, ExternalLocations.problem("sub/dir/w..bin"), "'..' inside a name is fine");
        assertEquals(null, ExternalLocations.problem("./w.bin"));
    }

    @Test void malformedExternalEntries() {
        MapResolver r = new MapResolver();
        r.files.put("w.bin", new byte[8]);
        ProtoWriter noLocation = tensorHeaderOnly("w", DType.FLOAT.onnxCode, dims(1)).varint(14, 1);
        assertTrue(error(r, noLocation).endsWith("tensor 'w': external data has no 'location' entry"));
        ProtoWriter badOffset = tensorHeaderOnly("w", DType.FLOAT.onnxCode, dims(1))
                .message(13, new ProtoWriter().string(1, "location").string(2, "w.bin"))
                .message(13, new ProtoWriter().string(1, "offset").string(2, "four"))
                .varint(14, 1);
        assertTrue(error(r, badOffset).endsWith("tensor 'w': external data offset 'four' is not an integer"));
        assertTrue(error(r, tensorExternal("w", DType.FLOAT, dims(1), "w.bin", -4L, 4L))
                .endsWith("external data offset -4 is negative"));
        assertTrue(error(r, tensorExternal("w", DType.FLOAT, dims(1), "w.bin", 0L, 4L).bytes(9, new byte[4]))
                .endsWith("tensor 'w': data_location is EXTERNAL but the tensor also has inline data"));
    }
}
