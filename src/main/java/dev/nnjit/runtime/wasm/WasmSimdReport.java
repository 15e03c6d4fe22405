package dev.nnjit.runtime.wasm;

import dev.nnjit.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each node of a wasm-simd executable runs: a generated kernel (its family) or the Java reference op (and
 * why), with the memory plan's numbers. Nothing falls back silently: this report comes back with every run on the
 * page ({@code wasm} in the run reply) and is logged at compile with NNJIT_DEBUG >= 1.
 *
 * @param nodes one entry per step, in order: {@code node, op, ran ("kernel" | "reference"), kernel, reason}
 * @param memory the memory plan's numbers (bytes): totalBytes (the model's memory, shared by all its plans, once this
 *     plan is placed), constantBytes (constants this plan reads), copiedConstantBytes (of those, copied in by this
 *     compile: 0 when earlier plans of the model had copied them all), modelConstantBytes (every constant in the
 *     model's memory), arenaBytes, slots, peakLiveBytes, unpooledBytes, workspaceBytes (per thread),
 *     activationBytes (this plan's arena and workspaces), activationAreaBytes (the area the model's plans share)
 * @param threads threads the kernels run on (the page's and Web Workers), and {@code threadsReason} why
 * @param relaxedSimd whether the engine has relaxed SIMD, so the GEMM runs its relaxed_madd schedule
 * @param compileMs the whole compile, and {@code compilePhases} its parts in order (ms): passesMs (graph passes),
 *     loweringMs (lowering and generating every kernel's module bytes), planMs (memory plan, the memory made or
 *     grown), copyInMs (the constants no earlier plan of the model copied in, into memory: decoding weights on first
 *     use, packing GEMM weights, the copy; of it decodeMs the decoding and packMs the packing), modulesMs
 *     (WebAssembly.compile of the modules not compiled before on this page), threadsMs (instantiating every module
 *     on each thread, Workers started)
 */
public record WasmSimdReport(List<Map<String, Object>> nodes, int kernelSteps, int referenceSteps,
                             Map<String, Integer> referenceOps, boolean sharedMemory, boolean relaxedSimd, int threads,
                             String threadsReason, int modules, Map<String, Double> memory, double compileMs,
                             Map<String, Double> compilePhases) {

    static WasmSimdReport of(WasmProgram p, MemoryPlan plan, ModelMemory model, boolean shared, int modules,
                             String threadsReason, double compileMs, Map<String, Double> compilePhases) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        int kernels = 0;
        Map<String, Integer> refOps = new TreeMap<>();
        for (WasmStep s : p.steps()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("node", s.node().name());
            e.put("op", s.node().opType());
            e.put("ran", s.isKernel() ? "kernel" : "reference");
            if (s.isKernel()) {
                e.put("kernel", s.kernelName());
                e.put("calls", s.calls().size());
                kernels++;
            } else {
                e.put("reason", s.reason());
                refOps.merge(s.node().opType(), 1, Integer::sum);
            }
            nodes.add(e);
        }
        Map<String, Double> memory = new LinkedHashMap<>();
        memory.put("totalBytes", (double) plan.totalBytes());
        memory.put("constantBytes", (double) plan.constantBytes());
        memory.put("copiedConstantBytes", (double) plan.copyInBytes());
        memory.put("modelConstantBytes", (double) model.constantBytes());
        memory.put("arenaBytes", (double) plan.arenaBytes());
        memory.put("slots", (double) plan.slots());
        memory.put("peakLiveBytes", (double) plan.peakLiveBytes());
        memory.put("unpooledBytes", (double) plan.unpooledBytes());
        memory.put("workspaceBytes", (double) plan.workspaceBytes());
        memory.put("activationBytes", (double) plan.activationBytes());
        memory.put("activationAreaBytes", (double) model.activationBytes());
        return new WasmSimdReport(nodes, kernels, nodes.size() - kernels, refOps, shared, p.relaxedSimd(), plan.threads(),
                threadsReason, modules, memory, compileMs, new LinkedHashMap<>(compilePhases));
    }

    /** The report as a JSON object. */
    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kernelSteps", kernelSteps);
        o.put("referenceSteps", referenceSteps);
        o.put("referenceOps", new LinkedHashMap<String, Object>(referenceOps));
        o.put("sharedMemory", sharedMemory);
        o.put("relaxedSimd", relaxedSimd);
        o.put("threads", threads);
        o.put("threadsReason", threadsReason);
        o.put("modules", modules);
        o.put("memory", new LinkedHashMap<String, Object>(memory));
        o.put("compileMs", compileMs);
        o.put("compilePhases", new LinkedHashMap<String, Object>(compilePhases));
        o.put("nodes", new ArrayList<Object>(nodes));
        return Json.write(o);
    }

    /** One line: "wasm-simd: 40 kernel steps, 12 reference steps (Gather 1, LayerNormalization 13), ..." */
    public String summary() {
        return "wasm-simd: " + kernelSteps + " kernel steps, " + referenceSteps + " reference steps "
                + referenceOps + ", " + modules + " modules, memory " + memory.get("totalBytes").longValue()
                + " B (" + (sharedMemory ? "shared" : "not shared") + "; constants " + memory.get("constantBytes").longValue()
                + " B, " + memory.get("copiedConstantBytes").longValue() + " B of them copied in by this plan)"
                + ", relaxed SIMD " + (relaxedSimd ? "yes" : "no")
                + ", threads " + threads + ": " + threadsReason
                + ", compile " + Math.round(compileMs) + " ms " + phasesLine();
    }

    /** "(passes 12, lowering 80, ...)" in whole ms. */
    String phasesLine() {
        StringBuilder sb = new StringBuilder("(");
        for (Map.Entry<String, Double> e : compilePhases.entrySet()) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(e.getKey().replace("Ms", "")).append(' ').append(Math.round(e.getValue()));
        }
        return sb.append(')').toString();
    }
}
