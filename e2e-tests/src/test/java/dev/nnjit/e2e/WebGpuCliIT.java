package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.cli.Main;
import dev.nnjit.cli.TensorJson;
import dev.nnjit.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnjit run FIXTURE --inputs golden.json --backend webgpu}: the command line drives the WebGPU backend in
 * headless Chromium and its outputs match PyTorch's within 1e-4 x max|golden| (the project's bound for float32
 * models). One fixture: the others run on webgpu in {@link WebGpuModelsIT}; this covers the CLI path.
 */
class WebGpuCliIT {
    @TempDir Path dir;

    @Test void bertFixtureOnTheWebGpuBackend() throws Exception {
        Path fixture = Path.of("models/fixtures/bert");
        Path out = dir.resolve("bert-webgpu.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", fixture.resolve("model.onnx").toString(),
                "--inputs", fixture.resolve("golden.json").toString(), "--backend", "webgpu", "--output",
                out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        assertEquals(Main.OK, code, "nnjit run failed: " + err.toString(StandardCharsets.UTF_8));
        Map<String, Tensor> actual;
        Map<String, Tensor> golden;
        try (Reader r = Files.newBufferedReader(out)) {
            actual = TensorJson.readTensorMap(r, "outputs", "output");
        }
        try (Reader r = Files.newBufferedReader(fixture.resolve("golden.json"))) {
            golden = TensorJson.readTensorMap(r, "outputs", "output");
        }
        assertEquals(golden.keySet(), actual.keySet(), "output names");
        for (Map.Entry<String, Tensor> e : golden.entrySet()) {
            Tensor g = e.getValue();
            Tensor a = actual.get(e.getKey());
            assertEquals(g.describe(), a.describe(), e.getKey() + " type");
            double maxGolden = 0;
            double maxErr = 0;
            for (int i = 0; i < g.size(); i++) {
                maxGolden = Math.max(maxGolden, Math.abs(g.getDouble(i)));
                maxErr = Math.max(maxErr, Math.abs(g.getDouble(i) - a.getDouble(i)));
            }
            assertTrue(maxErr <= 1e-4 * maxGolden, "bert/" + e.getKey() + " on webgpu: max abs error " + maxErr
                    + " exceeds 1e-4 x " + maxGolden);
        }
    }
}
