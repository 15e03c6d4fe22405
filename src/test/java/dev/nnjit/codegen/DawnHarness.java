package dev.nnjit.codegen;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.nnjit.schedule.AdapterFeatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs generated kernels through tools/wgsl-check (Dawn, the WebGPU implementation inside Chrome, from npm
 * {@code webgpu}) on SwiftShader's CPU Vulkan driver: Tint compiles every kernel with full WGSL validation, and
 * "run" jobs execute it, so tests can compare results with plain-Java references.
 *
 * <p>Needs node on PATH, {@code npm ci} done in tools/wgsl-check, and a Vulkan driver: by default Chromium's
 * SwiftShader ({@code /usr/lib/chromium/vk_swiftshader_icd.json}, with its libvulkan.so.1); override with the
 * environment variable NNJIT_VK_ICD. {@link #available()} says whether all are there.
 */
final class DawnHarness {
    static final Path TOOL = Path.of("tools", "wgsl-check");
    private static final String DEFAULT_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";

    record Result(boolean ok, String error, Map<Integer, ByteBuffer> outputs) {
        float[] floats(int binding) {
            ByteBuffer b = outputs.get(binding);
            float[] f = new float[b.remaining() / 4];
            b.asFloatBuffer().get(f);
            return f;
        }

        int[] ints(int binding) {
            ByteBuffer b = outputs.get(binding);
            int[] v = new int[b.remaining() / 4];
            b.asIntBuffer().get(v);
            return v;
        }
    }

    private record Job(String name, KernelInstance kernel, Map<Integer, byte[]> inputs, boolean run, boolean compileOnly) {}

    private final List<Job> jobs = new ArrayList<>();

    static String icd() {
        String e = System.getenv("NNJIT_VK_ICD");
        return e != null ? e : DEFAULT_ICD;
    }

    static boolean available() {
        return Files.isDirectory(TOOL.resolve("node_modules").resolve("webgpu")) && Files.exists(Path.of(icd()))
                && onPath("node");
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String p : path.split(java.io.File.pathSeparator)) if (Files.isExecutable(Path.of(p, exe))) return true;
        return false;
    }

    /** Tint's WGSL validation only (fast). */
    void validate(String name, KernelInstance k) { jobs.add(new Job(name, k, Map.of(), false, true)); }

    /** Validation and pipeline creation (SwiftShader compiles to machine code: slow for big kernels). */
    void compile(String name, KernelInstance k) { jobs.add(new Job(name, k, Map.of(), false, false)); }

    /** Compile and run with the given input bytes per binding index. */
    void run(String name, KernelInstance k, Map<Integer, byte[]> inputs) {
        jobs.add(new Job(name, k, inputs, true, false));
    }

    int size() { return jobs.size(); }

    private AdapterFeatures adapter;
    private static AdapterFeatures probed;

    /** The features of the device the last {@link #execute()} ran on (subgroups requested when offered). */
    AdapterFeatures adapterFeatures() { return adapter; }

    /** The features of Dawn's adapter here, probed once with an empty job list. */
    static synchronized AdapterFeatures probeFeatures() throws IOException, InterruptedException {
        if (probed == null) {
            DawnHarness h = new DawnHarness();
            h.execute();
            probed = h.adapter;
        }
        return probed;
    }

    private static AdapterFeatures readAdapter(Path file) throws IOException {
        JsonObject o = new Gson().fromJson(Files.readString(file), JsonObject.class);
        Set<String> features = new HashSet<>();
        o.getAsJsonArray("features").forEach(e -> features.add(e.getAsString()));
        Set<String> wgsl = new HashSet<>();
        o.getAsJsonArray("wgslLanguageFeatures").forEach(e -> wgsl.add(e.getAsString()));
        return AdapterFeatures.of(features, wgsl, o.get("subgroupMinSize").getAsInt(), o.get("subgroupMaxSize").getAsInt());
    }

    Map<String, Result> execute() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nnjit-wgsl-check");
        JsonArray arr = new JsonArray();
        for (Job j : jobs) {
            JsonObject o = new JsonObject();
            o.addProperty("name", j.name);
            o.addProperty("wgsl", j.kernel.wgsl());
            o.addProperty("entryPoint", j.kernel.entryPoint());
            o.addProperty("run", j.run);
            o.addProperty("compileOnly", j.compileOnly);
            JsonArray d = new JsonArray();
            d.add(j.kernel.dispatch().x());
            d.add(j.kernel.dispatch().y());
            d.add(j.kernel.dispatch().z());
            o.add("dispatch", d);
            JsonArray bs = new JsonArray();
            for (Binding b : j.kernel.bindings()) {
                JsonObject bo = new JsonObject();
                bo.addProperty("binding", b.index());
                bo.addProperty("access", b.access().wgsl);
                bo.addProperty("sizeBytes", b.sizeBytes());
                byte[] in = j.inputs.get(b.index());
                if (in != null) {
                    String file = j.name + ".in" + b.index() + ".bin";
                    Files.write(dir.resolve(file), in);
                    bo.addProperty("input", file);
                }
                bs.add(bo);
            }
            o.add("bindings", bs);
            arr.add(o);
        }
        Files.writeString(dir.resolve("jobs.json"), arr.toString());
        ProcessBuilder pb = new ProcessBuilder("node", TOOL.resolve("run.mjs").toString(), dir.toString());
        pb.redirectErrorStream(true);
        Path icd = Path.of(icd());
        pb.environment().put("VK_ICD_FILENAMES", icd.toString());
        String ld = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", icd.getParent() + (ld == null ? "" : ":" + ld));
        Process p = pb.start();
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wgsl-check failed: " + new String(log, StandardCharsets.UTF_8));
        }
        adapter = readAdapter(dir.resolve("adapter.json"));
        JsonArray res = new Gson().fromJson(Files.readString(dir.resolve("results.json")), JsonArray.class);
        Map<String, Result> out = new LinkedHashMap<>();
        for (int i = 0; i < res.size(); i++) {
            JsonObject r = res.get(i).getAsJsonObject();
            String name = r.get("name").getAsString();
            Map<Integer, ByteBuffer> outputs = new HashMap<>();
            for (Job j : jobs) {
                if (!j.name.equals(name) || !j.run) continue;
                for (Binding b : j.kernel.bindings()) {
                    Path f = dir.resolve(name + ".out" + b.index() + ".bin");
                    if (Files.exists(f)) {
                        outputs.put(b.index(), ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN));
                    }
                }
            }
            out.put(name, new Result(r.get("ok").getAsBoolean(), r.has("error") ? r.get("error").getAsString() : null,
                    outputs));
        }
        return out;
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static byte[] bytes(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b.array();
    }
}
