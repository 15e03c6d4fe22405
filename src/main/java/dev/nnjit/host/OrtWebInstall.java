package dev.nnjit.host;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ONNX Runtime Web, the peer runtime of {@code nnjit bench}: the npm package pinned in {@code bench/package.json}
 * (lock file {@code bench/package-lock.json}), installed into {@code bench/node_modules} by {@code npm ci --prefix
 * bench}. {@link #ensureDist} runs that command on first use (or when the installed version differs from the pinned
 * one) and returns the package's {@code dist/} folder, which the bench page loads ORT from.
 */
public final class OrtWebInstall {
    public static final String PACKAGE = "onnxruntime-web";
    /** Files the bench page loads from dist/ (ort-wasm and ort-webgpu runtimes). */
    static final List<String> REQUIRED_DIST_FILES = List.of("ort.wasm.min.mjs", "ort.webgpu.min.mjs",
            "ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.asyncify.wasm",
            "ort-wasm-simd-threaded.asyncify.mjs");
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private OrtWebInstall() {}

    /**
     * The folder with package.json for the bench peers: system property {@code nnjit.bench.dir}, else the
     * environment variable NNJIT_BENCH_DIR, else {@code bench/} of the project this class was loaded from (its code
     * lies in {@code ROOT/target/classes} or {@code ROOT/target/nnjit-app-*.jar}), else {@code ./bench}.
     */
    public static Path benchDir() {
        String prop = System.getProperty("nnjit.bench.dir");
        if (prop != null && !prop.isBlank()) return Paths.get(prop).toAbsolutePath().normalize();
        String env = System.getenv("NNJIT_BENCH_DIR");
        if (env != null && !env.isBlank()) return Paths.get(env).toAbsolutePath().normalize();
        Path fromCode = projectBenchDir();
        return fromCode != null ? fromCode : Paths.get("bench").toAbsolutePath().normalize();
    }

    private static Path projectBenchDir() {
        try {
            CodeSource src = OrtWebInstall.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            Path code = Paths.get(src.getLocation().toURI());
            Path target = code.getParent();
            if (target == null || !target.getFileName().toString().equals("target")) return null;
            Path bench = target.getParent().resolve("bench");
            return Files.isRegularFile(bench.resolve("package.json")) ? bench : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The installed {@code dist/} folder of onnxruntime-web, installing it with {@code npm ci} first when it is
     * missing or not the pinned version (npm's output goes to {@code log}).
     *
     * @throws BenchSetupException naming what to do when package.json is missing, npm is not installed, or the
     *     install fails
     */
    public static Path ensureDist(Path benchDir, PrintStream log) {
        Path packageJson = benchDir.resolve("package.json");
        if (!Files.isRegularFile(packageJson)) {
            throw new BenchSetupException("no " + packageJson + ": the ONNX Runtime Web pin lives there (set "
                    + "-Dnnjit.bench.dir or NNJIT_BENCH_DIR to the project's bench/ folder)");
        }
        String pinned = pinnedVersion(packageJson);
        String installed = installedVersion(benchDir);
        if (!pinned.equals(installed)) {
            log.println("nnjit bench: installing " + PACKAGE + " " + pinned + " (npm ci --prefix " + benchDir + ")"
                    + (installed == null ? "" : ", replacing " + installed));
            runNpmCi(benchDir, log);
            installed = installedVersion(benchDir);
            if (!pinned.equals(installed)) {
                throw new BenchSetupException("npm ci --prefix " + benchDir + " installed " + PACKAGE + " "
                        + installed + ", expected the pinned " + pinned + " (is package-lock.json in step?)");
            }
        }
        Path dist = benchDir.resolve("node_modules").resolve(PACKAGE).resolve("dist");
        for (String f : REQUIRED_DIST_FILES) {
            if (!Files.isRegularFile(dist.resolve(f))) {
                throw new BenchSetupException(PACKAGE + " " + installed + " has no dist/" + f
                        + ": the bench page needs it (delete " + benchDir.resolve("node_modules") + " to reinstall)");
            }
        }
        return dist;
    }

    /** The exact version package.json pins for onnxruntime-web. */
    static String pinnedVersion(Path packageJson) {
        JsonObject deps = readJson(packageJson).getAsJsonObject("dependencies");
        if (deps == null || !deps.has(PACKAGE)) {
            throw new BenchSetupException(packageJson + " has no dependency on " + PACKAGE);
        }
        String v = deps.get(PACKAGE).getAsString();
        if (!v.matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?")) {
            throw new BenchSetupException(packageJson + " must pin an exact " + PACKAGE + " version, found '" + v + "'");
        }
        return v;
    }

    /** The installed onnxruntime-web version, or null when it is not installed. */
    public static String installedVersion(Path benchDir) {
        Path p = benchDir.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        if (!Files.isRegularFile(p)) return null;
        return readJson(p).get("version").getAsString();
    }

    private static JsonObject readJson(Path p) {
        try {
            return JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new BenchSetupException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void runNpmCi(Path benchDir, PrintStream log) {
        Process p;
        try {
            p = new ProcessBuilder("npm", "ci", "--prefix", benchDir.toString(), "--no-audit", "--no-fund")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BenchSetupException("the ort-* runtimes need ONNX Runtime Web, installed with npm, but npm "
                    + "was not found (" + e.getMessage() + "): install Node.js and npm (apt-get install -y npm), "
                    + "or run 'npm ci --prefix " + benchDir + "' elsewhere and copy node_modules", e);
        }
        try {
            p.getInputStream().transferTo(log);
            if (!p.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BenchSetupException("npm ci --prefix " + benchDir + " did not finish in "
                        + NPM_TIMEOUT_MINUTES + " minutes");
            }
        } catch (IOException e) {
            throw new BenchSetupException("npm ci --prefix " + benchDir + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchSetupException("interrupted while running npm ci", e);
        }
        if (p.exitValue() != 0) {
            throw new BenchSetupException("npm ci --prefix " + benchDir + " failed with exit code " + p.exitValue()
                    + " (its output is above)");
        }
    }

    /** A peer runtime cannot be set up; the message says what to install or fix. */
    public static final class BenchSetupException extends RuntimeException {
        public BenchSetupException(String message) { super(message); }
        public BenchSetupException(String message, Throwable cause) { super(message, cause); }
    }
}
