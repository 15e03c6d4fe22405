package dev.nnjit.tools;

import dev.nnjit.wasm.kernels.WasmGemmConfig;
import dev.nnjit.wasm.kernels.WasmGemmKernel;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the generated Wasm GEMM single-threaded in Node over a few schedules and prints GFLOP/s. JVM only; needs
 * node on PATH.
 *
 * <pre>
 *   java -cp core/target/classes:target/classes dev.nnjit.tools.WasmGemmBench [--shape 1024x1024x1024] [--runs 5] [--write-only DIR]
 * </pre>
 *
 * Writes each module to a temporary folder and runs tools/wasm-check/bench-gemm.mjs on it (relaxed-SIMD schedules
 * need Node's --experimental-wasm-relaxed-simd, which it passes). {@code --write-only DIR} writes the modules and
 * bench.json to DIR and stops, for timing on another machine with {@code node bench-gemm.mjs DIR}.
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
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 2, true));

    public static void main(String[] args) throws IOException, InterruptedException {
        int m = 1024, n = 1024, k = 1024, runs = 5;
        Path writeOnly = null;
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
                default:
                    System.err.println("usage: WasmGemmBench [--shape MxNxK] [--runs N] [--write-only DIR]");
                    System.exit(2);
            }
        }
        Path dir = writeOnly != null ? Files.createDirectories(writeOnly) : Files.createTempDirectory("nnjit-wasm-bench");
        WasmGemmProblem p = WasmGemmProblem.of(m, n, k);
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (WasmGemmConfig cf : SCHEDULES) {
            WasmKernelInstance inst = WasmGemmKernel.INSTANCE.instance(cf, p);
            String file = "gemm" + i++ + ".wasm";
            Files.write(dir.resolve(file), inst.wasm());
            entries.add("{\"name\":\"" + cf.key() + "\",\"wasm\":\"" + file + "\",\"m\":" + m + ",\"n\":" + n
                    + ",\"k\":" + k + ",\"workspaceBytes\":" + inst.workspaceBytes() + "}");
        }
        Files.writeString(dir.resolve("bench.json"), "[" + String.join(",", entries) + "]");
        if (writeOnly != null) return;
        ProcessBuilder pb = new ProcessBuilder("node", "--experimental-wasm-relaxed-simd",
                Path.of("tools", "wasm-check", "bench-gemm.mjs").toString(), dir.toString(), Integer.toString(runs));
        pb.inheritIO();
        System.exit(pb.start().waitFor());
    }
}
