package dev.nnjit.wasm.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs generated Wasm kernels in Node 20 through tools/wasm-check/run.mjs: each job gets its own shared memory,
 * inputs are laid out by a bump allocator, the kernel's entry is called once per argument list, and the outputs come
 * back as raw little-endian bytes (exact, unlike decimal JSON). Many jobs share one node process.
 */
final class NodeWasm {
    static final Path RUNNER = Path.of("tools", "wasm-check", "run.mjs");

    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String p : path.split(java.io.File.pathSeparator)) if (Files.isExecutable(Path.of(p, "node"))) return true;
        return false;
    }

    static void assumeAvailable() {
        assumeTrue(available(), "SKIPPED: node (20+) is not on PATH; the Wasm kernel tests run generated modules in it");
    }

    /** One module, its memory image and its calls. */
    static final class Job {
        final String name;
        final byte[] wasm;
        private int top = 1024; // offset 0 stays unused, so a zero pointer shows up as wrong results
        private final List<int[]> calls = new ArrayList<>();
        private final Map<Integer, byte[]> inputs = new LinkedHashMap<>();
        private final Map<Integer, Integer> outputs = new LinkedHashMap<>();

        Job(String name, byte[] wasm) {
            this.name = name;
            this.wasm = wasm;
        }

        /** Reserves bytes at a 16-byte boundary plus {@code skew} (to test unaligned tensors). */
        int reserve(int bytes, int skew) {
            int at = ((top + 15) & ~15) + skew;
            top = at + bytes;
            return at;
        }

        int input(float[] v) { return input(v, 0); }

        int input(float[] v, int skew) {
            int at = reserve(v.length * 4, skew);
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            inputs.put(at, b.array());
            return at;
        }

        int output(int floats) { return output(floats, 0); }

        int output(int floats, int skew) {
            int at = reserve(floats * 4, skew);
            outputs.put(at, floats * 4);
            return at;
        }

        void call(int... args) { calls.add(args.clone()); }
    }

    record Result(boolean ok, String error, Map<Integer, float[]> outputs) {
        float[] floats(int offset) { return outputs.get(offset); }
    }

    private final List<Job> jobs = new ArrayList<>();

    Job job(String name, WasmKernelInstance k) {
        Job j = new Job(name, k.wasm());
        jobs.add(j);
        return j;
    }

    Map<String, Result> execute() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nnjit-wasm-check");
        JsonArray arr = new JsonArray();
        for (Job j : jobs) {
            JsonObject o = new JsonObject();
            o.addProperty("name", j.name);
            o.addProperty("wasm", j.name + ".wasm");
            Files.write(dir.resolve(j.name + ".wasm"), j.wasm);
            o.addProperty("memoryBytes", j.top + 16);
            JsonArray ins = new JsonArray();
            for (Map.Entry<Integer, byte[]> e : j.inputs.entrySet()) {
                String f = j.name + ".in" + e.getKey() + ".bin";
                Files.write(dir.resolve(f), e.getValue());
                JsonObject io = new JsonObject();
                io.addProperty("offset", e.getKey());
                io.addProperty("file", f);
                ins.add(io);
            }
            o.add("inputs", ins);
            JsonArray calls = new JsonArray();
            for (int[] c : j.calls) {
                JsonArray a = new JsonArray();
                for (int v : c) a.add(v);
                calls.add(a);
            }
            o.add("calls", calls);
            JsonArray outs = new JsonArray();
            for (Map.Entry<Integer, Integer> e : j.outputs.entrySet()) {
                JsonObject oo = new JsonObject();
                oo.addProperty("offset", e.getKey());
                oo.addProperty("bytes", e.getValue());
                oo.addProperty("file", j.name + ".out" + e.getKey() + ".bin");
                outs.add(oo);
            }
            o.add("outputs", outs);
            arr.add(o);
        }
        Files.writeString(dir.resolve("jobs.json"), arr.toString());
        ProcessBuilder pb = new ProcessBuilder("node", "--experimental-wasm-relaxed-simd", RUNNER.toString(),
                dir.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wasm-check failed: " + new String(log, StandardCharsets.UTF_8));
        }
        JsonArray res = new Gson().fromJson(Files.readString(dir.resolve("results.json")), JsonArray.class);
        Map<String, Result> out = new LinkedHashMap<>();
        for (int i = 0; i < res.size(); i++) {
            JsonObject r = res.get(i).getAsJsonObject();
            String name = r.get("name").getAsString();
            Job job = null;
            for (Job j : jobs) if (j.name.equals(name)) job = j;
            Map<Integer, float[]> floats = new LinkedHashMap<>();
            for (Map.Entry<Integer, Integer> e : job.outputs.entrySet()) {
                Path f = dir.resolve(name + ".out" + e.getKey() + ".bin");
                if (!Files.exists(f)) continue;
                float[] v = new float[e.getValue() / 4];
                ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                floats.put(e.getKey(), v);
            }
            out.put(name, new Result(r.get("ok").getAsBoolean(), r.has("error") ? r.get("error").getAsString() : null,
                    floats));
        }
        jobs.clear();
        return out;
    }
}
