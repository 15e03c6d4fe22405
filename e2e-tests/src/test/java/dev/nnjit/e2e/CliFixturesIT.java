package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.cli.Main;
import dev.nnjit.cli.TensorJson;
import dev.nnjit.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance path of the command line, end to end: {@code nnjit run FIXTURE --inputs golden.json --backend B}
 * for every PyTorch fixture, on the JVM ({@code cpu}) and inside headless Chromium ({@code browser}), compared with
 * the outputs PyTorch computed. Tolerance: max |error| ≤ 1e-4 × max |golden| per output, the project's stated bound
 * for float32 models (PyTorch and nnjit sum in different orders; observed errors are ~1e-6 relative).
 */
class CliFixturesIT {
    private static final String[] FIXTURES = {"bert", "gpt2", "llama", "t5", "bart"};
    private static final double RELATIVE_TOLERANCE = 1e-4;

    @TempDir Path dir;

    @TestFactory
    List<DynamicTest> fixturesMatchGoldenOnEachBackend() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String backend : new String[] {"cpu", "browser"}) {
            for (String name : FIXTURES) {
                tests.add(DynamicTest.dynamicTest(name + " on " + backend, () -> check(name, backend)));
            }
        }
        return tests;
    }

    private void check(String name, String backend) throws IOException {
        Path fixture = Path.of("models/fixtures", name);
        Path out = dir.resolve(name + "-" + backend + ".json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", fixture.resolve("model.onnx").toString(),
                "--inputs", fixture.resolve("golden.json").toString(), "--backend", backend,
                "--output", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        assertEquals(Main.OK, code, "nnjit run failed: " + err.toString(StandardCharsets.UTF_8));
        Map<String, Tensor> actual = read(out);
        Map<String, Tensor> golden = read(fixture.resolve("golden.json"));
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
            assertTrue(maxErr <= RELATIVE_TOLERANCE * maxGolden, name + "/" + e.getKey() + " on " + backend
                    + ": max abs error " + maxErr + " exceeds " + RELATIVE_TOLERANCE + " x " + maxGolden);
        }
    }

    private static Map<String, Tensor> read(Path p) throws IOException {
        try (Reader r = Files.newBufferedReader(p)) {
            return TensorJson.readTensorMap(r, "outputs", "output");
        }
    }
}
