package dev.nnjit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code nnjit run}'s backends: cpu (the JVM) stays the default; auto runs in the browser. */
class RunOptionsTest {
    @Test void cpuIsTheDefault() {
        assertEquals(RunOptions.Backend.CPU, RunOptions.parse(List.of("m.onnx", "--inputs", "f.json")).backend());
    }

    @Test void autoIsABrowserBackend() {
        RunOptions o = RunOptions.parse(List.of("m.onnx", "--inputs", "f.json", "--backend", "auto"));
        assertEquals(RunOptions.Backend.AUTO, o.backend());
        assertEquals("auto", o.backend().cliName);
        assertTrue(o.backend().inBrowser());
        assertEquals(RunOptions.Backend.AUTO,
                RunOptions.parse(List.of("m.onnx", "--random-feeds", "--backend=auto", "--chromium", "/c")).backend());
    }
}
