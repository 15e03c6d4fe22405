package dev.nnjit.wasm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * wabt's {@code wasm-validate} and {@code wasm2wat} (Debian package {@code wabt}, 1.0.32; .ci/run installs it) with
 * the features nnjit's modules use: threads (shared memory) and relaxed SIMD; SIMD128 is on by default there.
 * Tests call {@link #assumeInstalled()} first, so a machine without wabt skips them with a message instead of failing.
 */
public final class Wabt {
    private Wabt() {}

    static final List<String> FEATURES = List.of("--enable-threads", "--enable-relaxed-simd");

    public static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String p : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "wasm-validate")) && Files.isExecutable(Path.of(p, "wasm2wat"))) return true;
        }
        return false;
    }

    public static void assumeInstalled() {
        assumeTrue(installed(), "SKIPPED: wabt (wasm-validate, wasm2wat) is not on PATH; apt-get install -y wabt");
    }

    /** Validates the module; throws with wabt's message when it is invalid. */
    public static void validate(String name, byte[] wasm) throws IOException, InterruptedException {
        Path f = write(name, wasm);
        List<String> cmd = new ArrayList<>(List.of("wasm-validate"));
        cmd.addAll(FEATURES);
        cmd.add(f.toString());
        run(cmd, name);
    }

    /** The module as text, names from its name section (validated first). */
    public static String toWat(String name, byte[] wasm) throws IOException, InterruptedException {
        validate(name, wasm);
        Path f = write(name, wasm);
        List<String> cmd = new ArrayList<>(List.of("wasm2wat"));
        cmd.addAll(FEATURES);
        cmd.add(f.toString());
        return run(cmd, name);
    }

    private static Path write(String name, byte[] wasm) throws IOException {
        Path f = Files.createTempFile("nnjit-" + name.replaceAll("[^A-Za-z0-9_]", "_"), ".wasm");
        f.toFile().deleteOnExit();
        Files.write(f, wasm);
        return f;
    }

    private static String run(List<String> cmd, String name) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(cmd.get(0) + " rejected " + name + ":\n" + out);
        }
        return out;
    }
}
