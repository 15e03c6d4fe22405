package dev.nnjit.tools;

import dev.nnjit.wasm.kernels.WasmGemmConfig;
import dev.nnjit.wasm.kernels.WasmGemmKernel;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.nnjit.host.OrtWebInstall;
import dev.nnjit.host.WasmGemmPage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.SplittableRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the generated Wasm GEMM over a few schedules and prints GFLOP/s: single-threaded in Node by default, or with
 * {@code --browser} in headless Chromium on a cross-origin isolated page, on 1 and navigator.hardwareConcurrency
 * threads, each output checked against the Java reference, next to ONNX Runtime Web's wasm MatMul on the same inputs
 * ({@code bin/wasm-gemm-bench}; bench/README.md). JVM only; needs node on PATH (Node mode) or Chromium (browser mode).
 *
 * <pre>
 *   java -cp ... dev.nnjit.tools.WasmGemmBench [--shape 1024x1024x1024] [--runs 5] [--schedules 0,3]
 *       [--write-only DIR | --browser [--no-ort] [--json FILE]]
 * </pre>
 *
 * Writes each module to a temporary folder and runs tools/wasm-check/bench-gemm.mjs on it (relaxed-SIMD schedules
 * need Node's --experimental-wasm-relaxed-simd, which it passes). {@code --write-only DIR} writes the modules and
 * bench.json to DIR and stops, for timing on another machine with {@code node bench-gemm.mjs DIR}. {@code --json FILE}
 * (browser mode) also writes the page's report, every case's median and min, to FILE.
 */
public final class WasmGemmBench {
    private WasmGemmBench() {}

    static final List<WasmGemmConfig> SCHEDULES = List.of(
            WasmGemmConfig.DEFAULT,
            new WasmGemmConfig(4, 8, 256, 64, 512, true, 4, false),
            new WasmGemmConfig(4, 8, 256, 64, 512, false, 2, false),
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 2, false),
            new WasmGemmConfig(4, 12, 256, 64, 504, true, 2, false),
            new WasmGemmConfig(4, 8, 128, 128, 1024, true, 2, false),
            new WasmGemmConfig(4, 8, 256, 64, 512, true, 2, true),
            WasmGemmConfig.RELAXED,
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 4, true),
            new WasmGemmConfig(6, 8, 128, 144, 1024, true, 2, true),
            new WasmGemmConfig(6, 8, 512, 48, 256, true, 2, true),
            new WasmGemmConfig(4, 12, 256, 64, 504, true, 2, true),
            // B a weight, as the backend runs MatMul with a constant B: packed ahead (untimed), threads split columns
            WasmGemmConfig.RELAXED.withSplitColumns(true),
            WasmGemmConfig.DEFAULT.withSplitColumns(true),
            new WasmGemmConfig(4, 8, 256, 64, 512, true, 1, true, true),
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 1, true, true),
            new WasmGemmConfig(4, 8, 256, 64, 512, false, 1, true, true),
            new WasmGemmConfig(5, 8, 256, 60, 512, true, 1, true, true),
            // packed B, longer K blocks: each C tile is read and written K / kc times (kc = K: written once)
            new WasmGemmConfig(6, 8, 1024, 72, 512, true, 2, true, true),
            new WasmGemmConfig(6, 8, 512, 72, 512, true, 2, true, true),
            new WasmGemmConfig(6, 8, 1024, 48, 512, true, 2, true, true),    // as #12 (RELAXED), 2 K steps
            new WasmGemmConfig(6, 8, 1024, 120, 512, true, 2, true, true),
            // mul + add (no relaxed SIMD): 5 x 8 still fits the registers (10 accumulators + 2 B + splat + product)
            new WasmGemmConfig(5, 8, 256, 60, 512, true, 2, false),
            // RELAXED before 2026-12-05 (kc 256, mc 72), rows split and over packed B, for comparison
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 2, true),
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 2, true, true),
            // mul + add with K blocks of 1024: rows split, packed B; 5 x 8
            new WasmGemmConfig(4, 8, 1024, 48, 512, true, 2, false),
            new WasmGemmConfig(4, 8, 1024, 48, 512, true, 2, false, true),
            new WasmGemmConfig(5, 8, 1024, 40, 512, true, 2, false),
            // #20 with 4 K steps per loop iteration (half the loop overhead per FMA): = #12 since 2026-12-05
            new WasmGemmConfig(6, 8, 1024, 48, 512, true, 4, true, true),
            // ... and with 1 (V8 unrolls so small a loop itself, and hoists the A splats' address arithmetic)
            new WasmGemmConfig(6, 8, 1024, 48, 512, true, 1, true, true));

    public static void main(String[] args) throws IOException, InterruptedException {
        int m = 1024, n = 1024, k = 1024, runs = 5;
        Path writeOnly = null, json = null;
        boolean browser = false, ort = true;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shape": {
                    String[] d = args[++i].split("x");
                    m = Integer.parseInt(d[0]);
                    n = Integer.parseInt(d[1]);
                    k = Integer.parseInt(d[2]);
                    break;
                }
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--write-only": writeOnly = Path.of(args[++i]); break;
                case "--browser": browser = true; break;
                case "--no-ort": ort = false; break;
                case "--schedules": only = args[++i]; break;
                case "--json": json = Path.of(args[++i]); break;
                default:
                    System.err.println("usage: WasmGemmBench [--shape MxNxK] [--runs N] [--schedules 0,3]"
                            + " [--write-only DIR | --browser [--no-ort] [--json FILE]]");
                    System.exit(2);
            }
        }
        Path dir = writeOnly != null ? Files.createDirectories(writeOnly) : Files.createTempDirectory("nnjit-wasm-bench");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < SCHEDULES.size(); i++) {
            if (only != null && !List.of(only.split(",")).contains(Integer.toString(i))) continue;
            WasmGemmConfig cf = SCHEDULES.get(i);
            // a column split is the backend's schedule for a weight B: B packed (WasmGemmKernel.packB) before timing
            boolean packed = cf.splitColumns();
            WasmGemmProblem p = new WasmGemmProblem(m, n, k, false, dev.nnjit.ops.fused.Activation.NONE, packed);
            WasmKernelInstance inst = WasmGemmKernel.INSTANCE.instance(cf, p);
            String file = "gemm" + i + ".wasm";
            Files.write(dir.resolve(file), inst.wasm());
            entries.add("{\"name\":\"#" + i + " " + cf.key() + (packed ? " packedB" : "") + "\",\"wasm\":\"" + file
                    + "\",\"m\":" + m + ",\"n\":" + n + ",\"k\":" + k + ",\"workspaceBytes\":" + inst.workspaceBytes()
                    + ",\"packedB\":" + (packed ? cf.nr() : 0) + ",\"bFloats\":"
                    + (packed ? WasmGemmKernel.packedBFloats(k, n, cf.nr()) : k * n)
                    + ",\"rangeEnd\":" + (cf.splitColumns() ? n : m) + ",\"grain\":" + (cf.splitColumns() ? cf.nr() : 1) + "}");
        }
        if (browser) {
            System.exit(runInChromium(dir, m, n, k, runs, entries, ort, json));
        }
        Files.writeString(dir.resolve("bench.json"), "[" + String.join(",", entries) + "]");
        if (writeOnly != null) return;
        ProcessBuilder pb = new ProcessBuilder("node", "--experimental-wasm-relaxed-simd",
                Path.of("tools", "wasm-check", "bench-gemm.mjs").toString(), dir.toString(), Integer.toString(runs));
        pb.inheritIO();
        System.exit(pb.start().waitFor());
    }

    /**
     * Writes seeded inputs in [-1, 1), the Java reference output and the page into {@code dir}, runs the page in
     * headless Chromium (cross-origin isolated) and prints one line per schedule and thread count, plus ONNX
     * Runtime Web's wasm MatMul when its dist folder is installed under bench/ and {@code ort}.
     */
    private static int runInChromium(Path dir, int m, int n, int k, int runs, List<String> modules, boolean ort,
                                     Path json) throws IOException {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = new float[m * k], b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) (rnd.nextDouble() * 2 - 1);
        float[] c = reference(a, b, m, n, k);
        double tolerance = k * 0x1.0p-20 * maxAbs(a) * maxAbs(b);
        writeFloats(dir.resolve("a.bin"), a);
        writeFloats(dir.resolve("b.bin"), b);
        for (int nr : new int[] {8, 12}) writeFloats(dir.resolve("b-panels" + nr + ".bin"), WasmGemmKernel.packB(b, k, n, nr, false));
        writeFloats(dir.resolve("c.bin"), c);
        Path ortDist = OrtWebInstall.benchDir().resolve("node_modules").resolve("onnxruntime-web").resolve("dist");
        boolean withOrt = ort && Files.isRegularFile(ortDist.resolve("ort.wasm.min.mjs"));
        Files.writeString(dir.resolve("bench.json"), "{\"m\":" + m + ",\"n\":" + n + ",\"k\":" + k + ",\"runs\":"
                + runs + ",\"tolerance\":" + tolerance + (withOrt ? ",\"ort\":\"" + WasmGemmPage.ORT_PATH + "\"" : "")
                + ",\"modules\":[" + String.join(",", modules) + "]}");
        for (String f : List.of("bench-gemm.html", "bench-gemm-page.mjs")) {
            Files.copy(Path.of("tools", "wasm-check", f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        JsonObject report = JsonParser.parseString(WasmGemmPage.run(dir, withOrt ? ortDist : null, null,
                Duration.ofMinutes(20))).getAsJsonObject();
        if (json != null) {
            // the page's report as it came, plus what produced it: the schedules (key per module) and the run count
            report.addProperty("runsPerCase", runs);
            report.add("schedules", JsonParser.parseString("[" + String.join(",", modules) + "]"));
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(json, report.toString());
        }
        double flops = 2.0 * m * n * k;
        System.out.println("wasm GEMM " + m + "x" + n + "x" + k + " (" + flops / 1e9 + " GFLOP) in headless Chromium,"
                + " crossOriginIsolated " + report.get("crossOriginIsolated") + ", hardwareConcurrency "
                + report.get("hardwareConcurrency") + ", median/min of " + runs + " runs after one warm-up;"
                + " tolerance " + (float) tolerance + " (K * 2^-20 * max|A| * max|B|)" + (withOrt ? ""
                : "; ONNX Runtime Web not measured" + (ort ? " (not installed at " + ortDist + ")" : "")));
        System.out.println(String.format("%-48s %7s %10s %10s %9s %9s %10s %s", "kernel", "threads", "median ms",
                "min ms", "GFLOP/s", "best", "max err", "ok"));
        boolean allOk = true;
        for (var e : report.getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            String name = r.get("name").getAsString();
            int threads = r.get("threads").getAsInt();
            if (r.has("error")) {
                System.out.println(String.format("%-48s %7d  FAILED: %s", name, threads, r.get("error").getAsString()));
                allOk = false;
                continue;
            }
            boolean ok = r.get("ok").getAsBoolean();
            allOk &= ok;
            System.out.println(String.format("%-48s %7d %10.2f %10.2f %9.1f %9.1f %10.3g %s", name, threads,
                    r.get("medianMs").getAsDouble(), r.get("minMs").getAsDouble(), r.get("gflops").getAsDouble(),
                    r.get("gflopsMin").getAsDouble(), r.get("maxAbsErr").getAsDouble(), ok ? "yes" : "NO"));
        }
        return allOk ? 0 : 1;
    }

    /** C = A @ B with f32 sums over k in increasing order (as the ONNX MatMul reference op sums). */
    static float[] reference(float[] a, float[] b, int m, int n, int k) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float av = a[i * k + p];
                int bo = p * n, co = i * n;
                for (int j = 0; j < n; j++) c[co + j] += av * b[bo + j];
            }
        }
        return c;
    }

    private static float maxAbs(float[] v) {
        float mx = 0;
        for (float x : v) mx = Math.max(mx, Math.abs(x));
        return mx;
    }

    private static void writeFloats(Path file, float[] v) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        Files.write(file, buf.array());
    }
}
