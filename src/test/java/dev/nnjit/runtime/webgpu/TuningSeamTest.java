package dev.nnjit.runtime.webgpu;

import static dev.nnjit.model.OnnxBuilder.model;
import static dev.nnjit.model.OnnxBuilder.node;
import static dev.nnjit.model.OnnxBuilder.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.graph.Graph;
import dev.nnjit.model.OnnxBuilder;
import dev.nnjit.model.jvm.ModelFiles;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.tensor.DType;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tune.TuningSite;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated kernel of a lowered program comes from a tuning site through the schedule chooser: each step
 * records its site and the chosen candidate's key, and a chooser that forces a candidate changes the program.
 */
class TuningSeamTest {
    @TempDir static Path dir;

    /** x (1, 64) @ w (64, 32): one row of A, so the default is gemv, and forcing a tiled key gives the tiled kernel. */
    @Test void forcingAMatmulKeyLowersAnMEqualsOneProductToTheTiledKernel() {
        OnnxBuilder.Graph g = new OnnxBuilder.Graph("row").input(valueInfo("x", DType.FLOAT, 1, 64))
                .input(valueInfo("w", DType.FLOAT, 64, 32))
                .node(node("MatMul", List.of("x", "w"), List.of("y")))
                .output(valueInfo("y", DType.FLOAT, 1, 32));
        Graph graph = Programs.specialize(Programs.read(model(8, g.build(), "", 13)), Map.of(), false);
        AdapterLimits lim = AdapterLimits.defaults();

        GpuStep untuned = Programs.lower(graph, lim).steps().get(0);
        assertEquals("gemv", untuned.kernel().family());
        assertEquals("matmul", untuned.site().family());
        assertEquals(untuned.site().defaultKey(), untuned.configKey());

        String tiled = null;
        for (String k : untuned.site().keys()) if (k.startsWith("matmul:")) { tiled = k; break; }
        assertNotNull(tiled, "the m = 1 site lists tiled candidates: " + untuned.site().keys());
        ScheduleChooser force = ScheduleChooser.forcing("matmul", tiled, ScheduleChooser.DEFAULT);
        GpuStep forced = Programs.lower(graph, lim, force).steps().get(0);
        assertEquals("matmul", forced.kernel().family());
        assertEquals(tiled, forced.configKey());
        assertEquals(untuned.site().problemKey(), forced.site().problemKey());
        assertEquals(untuned.args().toString(), forced.args().toString(), "the same tensors are bound either way");
    }

    @Test void everyStepOfTheBertFixtureHasASiteAndOneOfItsKeys() {
        for (boolean fuse : new boolean[] {false, true}) {
            GpuProgram p = Programs.lower(Programs.specialize(
                    ModelFiles.load(Path.of("models", "fixtures", "bert", "model.onnx")), Map.of(), fuse),
                    AdapterLimits.defaults());
            checkSteps("bert fuse=" + fuse, p);
        }
    }

    @Test void everyStepOfMiniLmHasASiteAndOneOfItsKeys() throws Exception {
        Path file = dir.resolve("minilm.onnx");
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        GpuProgram p = Programs.lower(Programs.specialize(ModelFiles.load(file),
                Map.of("batch_size", 1, "sequence_length", 128), true), AdapterLimits.defaults());
        checkSteps("MiniLM seq 128", p);
    }

    private static void checkSteps(String what, GpuProgram p) {
        Map<String, Integer> families = new TreeMap<>();
        for (GpuStep s : p.steps()) {
            TuningSite<?> site = s.site();
            assertNotNull(site, s.describe());
            int i = site.indexOf(s.configKey());
            assertTrue(i >= 0, s.describe() + ": " + s.configKey() + " not in " + site.keys());
            assertEquals(site.defaultKey(), s.configKey(), s.describe() + ": the untuned program runs defaults");
            assertTrue(s.configKey().startsWith(s.kernel().family() + ":"), s.configKey() + " vs " + s.kernel().family());
            assertTrue(s.kernel().cacheKey().contains(site.problemKey()), s.kernel().cacheKey());
            families.merge(site.family(), 1, Integer::sum);
        }
        System.out.println("[sites] " + what + ": " + p.steps().size() + " steps " + families);
        assertTrue(p.steps().size() > 10, what);
    }
}
