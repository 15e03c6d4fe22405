package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test void defaults() {
        BenchOptions o = BenchOptions.parse(List.of("m.onnx", "--inputs", "f.json"));
        assertEquals(Paths.get("m.onnx"), o.model());
        assertEquals(Paths.get("f.json"), o.inputs());
        assertEquals(List.of("nnjit-webgpu", "nnjit-wasm", "ort-webgpu", "ort-wasm"), o.runtimes());
        assertEquals(10, o.runs());
        assertEquals(2, o.warmup());
        assertNull(o.json());
        assertEquals(1e-4, o.tolerance());
        assertTrue(o.needsOrt());
    }

    @Test void everyOption() {
        BenchOptions o = BenchOptions.parse(List.of("--runtimes", "nnjit-wasm, nnjit-js", "--runs", "3", "--warmup",
                "0", "--json", "out.json", "--timeout", "30", "--tolerance", "1e-3", "--chromium", "/c", "m.onnx",
                "--inputs", "f.json"));
        assertEquals(List.of("nnjit-wasm", "nnjit-js"), o.runtimes());
        assertEquals(3, o.runs());
        assertEquals(0, o.warmup());
        assertEquals(Paths.get("out.json"), o.json());
        assertEquals(30, o.timeoutSeconds());
        assertEquals(1e-3, o.tolerance());
        assertEquals(Paths.get("/c"), o.chromium());
        assertFalse(o.needsOrt());
    }

    @Test void badArgumentsNameTheProblem() {
        assertMessage("bench: no MODEL.onnx given", List.of("--inputs", "f.json"));
        assertMessage("bench: --inputs FEEDS.json is required (or --decode N)", List.of("m.onnx"));
        assertMessage("bench: --decode must be at least 2, got 1", List.of("m.onnx", "--decode", "1"));
        assertMessage("bench: unknown runtime 'tfjs' (known: nnjit-webgpu, nnjit-webgpu-tuned, nnjit-wasm-simd, nnjit-wasm,"
                + " nnjit-js, ort-webgpu, ort-wasm)",
                List.of("m.onnx", "--inputs", "f", "--runtimes", "ort-wasm,tfjs"));
        assertMessage("bench: runtime 'ort-wasm' listed twice",
                List.of("m.onnx", "--inputs", "f", "--runtimes", "ort-wasm,ort-wasm"));
        assertMessage("bench: --runs must be at least 1, got 0", List.of("m.onnx", "--inputs", "f", "--runs", "0"));
        assertMessage("bench: --warmup needs an integer, got 'x'", List.of("m.onnx", "--inputs", "f", "--warmup", "x"));
        assertMessage("bench: --json needs a value", List.of("m.onnx", "--inputs", "f", "--json"));
        assertMessage("bench: unknown option '--run'", List.of("m.onnx", "--inputs", "f", "--run", "3"));
        assertMessage("bench: one model only (got 'a.onnx' and 'b.onnx')", List.of("a.onnx", "b.onnx", "--inputs", "f"));
        assertMessage("bench: --tolerance needs a non-negative number, got '-1'",
                List.of("m.onnx", "--inputs", "f", "--tolerance", "-1"));
        assertMessage("bench: --tuning-cache applies to the tuned runtimes (nnjit-webgpu-tuned, nnjit-wasm-simd), which"
                + " --runtimes does not list",
                List.of("m.onnx", "--inputs", "f", "--tuning-cache", "r.json"));
    }

    @Test void decodingNeedsNoFeedsAndDefaultsToThreeRuns() {
        BenchOptions o = BenchOptions.parse(List.of("m-kv.onnx", "--decode", "32", "--prompt-length", "8"));
        assertEquals(32, o.decode());
        assertEquals(8, o.promptLength());
        assertEquals(BenchOptions.DEFAULT_DECODE_RUNS, o.runs());
        assertEquals(null, o.inputs());
        assertEquals(0, BenchOptions.parse(List.of("m.onnx", "--inputs", "f.json")).decode());
    }

    @Test void theTunedRuntimeTakesATuningCache() {
        BenchOptions o = BenchOptions.parse(List.of("m.onnx", "--inputs", "f", "--runtimes", "nnjit-webgpu,nnjit-webgpu-tuned",
                "--tuning-cache", "r.json"));
        assertEquals(List.of("nnjit-webgpu", "nnjit-webgpu-tuned"), o.runtimes());
        assertEquals(Paths.get("r.json"), o.tuningCache());
        assertNull(BenchOptions.parse(List.of("m.onnx", "--inputs", "f")).tuningCache());
    }

    @Test void usageErrorsExitWithTwoAndMissingFilesWithOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, BenchCommand.run(List.of("m.onnx"), o, e, Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--inputs FEEDS.json is required"));
        err.reset();
        assertEquals(1, BenchCommand.run(List.of("no-such.onnx", "--inputs", "f.json"), o, e, Map.of()));
        assertEquals("nnjit: error: model file not found: no-such.onnx\n", err.toString(StandardCharsets.UTF_8));
    }

    private static void assertMessage(String expected, List<String> args) {
        assertEquals(expected, assertThrows(BenchOptions.BadArguments.class, () -> BenchOptions.parse(args)).getMessage());
    }
}
