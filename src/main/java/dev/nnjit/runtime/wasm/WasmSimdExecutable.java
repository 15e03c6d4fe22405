package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.runtime.CpuExecutor;
import dev.nnjit.runtime.Executable;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.runtime.RunResult;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSObject;

/**
 * A wasm-simd program (one plan of a model) bound to the model's linear memory: the constants no earlier plan copied
 * in are copied in and the kernels instantiated once (when built), then each run writes the f32 feeds into memory, runs the steps in order (kernel steps as one call into JavaScript,
 * reference steps through {@link CpuExecutor#computeNode} reading their inputs from memory and writing their outputs
 * into it) and reads the requested outputs back.
 *
 * <p>A reference step's Java result is also kept, until the value's last reader, so that a chain of reference ops
 * does not read back what it just wrote: a value's bytes are written only by its producer while it lives, so the
 * Java copy and the memory agree. Integer and bool values (ids, masks, shapes) only ever live in Java.
 */
public final class WasmSimdExecutable implements Executable {
    private final WasmProgram program;
    private final MemoryPlan plan;
    private final CpuExecutor reference;
    private final LinearMemory memory;
    private final KernelThreads threads;
    private final int[] nodeIndex;
    private final Map<Value, Integer> lastUse = new IdentityHashMap<>();
    private final WasmSimdReport report;

    /**
     * @param model the model's memory layout: the constants copied in here are recorded there as filled
     * @param memory the model's memory, already grown to {@code plan.memoryBytes()}
     * @param threadsReason why the kernels run on {@code plan.threads()} threads
     * @param compileStartNanos when compiling began (System.nanoTime), for the report's compile time
     * @param phases the compile's phases so far (ms, in order); this adds its own (see {@link WasmSimdReport})
     */
    WasmSimdExecutable(WasmProgram program, MemoryPlan plan, CpuExecutor reference, ModelMemory model,
                       LinearMemory memory, String threadsReason, long compileStartNanos, Map<String, Double> phases) {
        this.program = program;
        this.plan = plan;
        this.reference = reference;
        this.memory = memory;
        List<WasmStep> steps = program.steps();
        nodeIndex = new int[steps.size()];
        Map<Node, Integer> indexOf = new IdentityHashMap<>();
        List<Node> nodes = program.graph().nodes();
        for (int i = 0; i < nodes.size(); i++) indexOf.put(nodes.get(i), i);
        long copyStart = System.nanoTime(), decodeNanos = 0, packNanos = 0;
        for (MemTensor t : plan.copyIn()) {
            if (!model.needsCopy(t)) continue; // the same constant twice in this program
            long d0 = System.nanoTime();
            // decoded here and not kept: the weight stays a view of the model's bytes in the Java heap, its floats
            // live in the model's memory only (a reference op that reads the constant decodes it again, and keeps it)
            float[] decoded = t.constant().floatsUncached();
            long p0 = System.nanoTime();
            float[] data = t.laidOut(decoded);
            long w0 = System.nanoTime();
            decodeNanos += p0 - d0;
            packNanos += w0 - p0;
            memory.writeFloats(plan.addressOf(t), data);
            model.filled(t);
        }
        long modulesStart = System.nanoTime();
        phases.put("copyInMs", (modulesStart - copyStart) / 1e6);
        phases.put("decodeMs", decodeNanos / 1e6);
        phases.put("packMs", packNanos / 1e6);
        double compileModulesMs = 0;
        Map<String, Integer> moduleIndex = new HashMap<>();
        JSObject modules = KernelThreads.newList();
        JSObject stepCalls = KernelThreads.newList();
        for (int s = 0; s < steps.size(); s++) {
            WasmStep step = steps.get(s);
            nodeIndex[s] = indexOf.get(step.node());
            for (Value in : step.node().inputs()) if (in != null) lastUse.put(in, s);
            if (!step.isKernel()) {
                KernelThreads.pushNull(stepCalls);
                continue;
            }
            JSObject calls = KernelThreads.newList();
            for (KernelCall c : step.calls()) {
                Integer m = moduleIndex.get(c.kernel().cacheKey());
                if (m == null) {
                    m = moduleIndex.size();
                    moduleIndex.put(c.kernel().cacheKey(), m);
                    long c0 = System.nanoTime();
                    KernelThreads.push(modules, KernelModules.module(c.kernel()));
                    compileModulesMs += (System.nanoTime() - c0) / 1e6;
                }
                JSObject args = KernelThreads.newList();
                int workspaceArg = -1;
                for (int i = 0; i < c.args().size(); i++) {
                    KernelCall.Arg a = c.args().get(i);
                    if (a.workspace()) workspaceArg = i;
                    KernelThreads.pushInt(args, a.workspace() ? (int) plan.workspace(0)
                            : a.tensor() != null ? (int) (plan.addressOf(a.tensor()) + a.deltaBytes()) : a.value());
                }
                KernelThreads.push(calls, KernelThreads.call(m, args, workspaceArg, c.grain()));
            }
            KernelThreads.push(stepCalls, calls);
        }
        for (Value out : program.graph().outputs()) lastUse.put(out, Integer.MAX_VALUE);
        JSObject workspaces = KernelThreads.newList();
        for (int t = 0; t < plan.threads(); t++) KernelThreads.pushInt(workspaces, (int) plan.workspace(t));
        phases.put("modulesMs", compileModulesMs);
        long threadsStart = System.nanoTime();
        threads = KernelThreads.start(memory, plan.control(), plan.threads(), modules, stepCalls, workspaces);
        phases.put("threadsMs", (System.nanoTime() - threadsStart) / 1e6);
        report = WasmSimdReport.of(program, plan, model, memory.shared(), moduleIndex.size(), threadsReason,
                (System.nanoTime() - compileStartNanos) / 1e6, phases);
    }

    /**
     * Stops this plan's Web Workers (the model is disposed, or the session's plan cache evicted this plan); runs fail
     * afterwards. The model's memory, its constants and its activation area stay: other plans read them.
     */
    @Override public void release() { threads.stop(); }

    /** Which node ran where, and the memory plan's numbers. */
    public WasmSimdReport report() { return report; }

    @Override public RunResult run(Map<String, Tensor> feeds, RunOptions options) {
        Map<Value, Tensor> java = new IdentityHashMap<>();
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (Value in : program.graph().inputs()) {
            Tensor t = feeds.get(in.name());
            java.put(in, t);
            MemTensor m = program.memoryOf().get(in);
            if (m != null) memory.writeFloats(plan.addressOf(m), t.floats());
        }
        double kernelMs = 0, referenceMs = 0;
        List<WasmStep> steps = program.steps();
        for (int s = 0; s < steps.size(); s++) {
            WasmStep step = steps.get(s);
            long a = System.nanoTime();
            if (step.isKernel()) {
                threads.run(s);
            } else {
                runReference(s, step.node(), java);
            }
            double ms = (System.nanoTime() - a) / 1e6;
            if (step.isKernel()) kernelMs += ms;
            else referenceMs += ms;
            timings.merge("op." + step.node().opType(), ms, Double::sum);
            for (Value v : step.node().inputs()) {
                if (v != null && lastUse.getOrDefault(v, -1) == s) java.remove(v);
            }
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (Value out : program.graph().outputs()) {
            if (options.wants(out.name())) outputs.put(out.name(), valueOf(out, java));
        }
        timings.put("wasm.kernelMs", kernelMs);
        timings.put("wasm.referenceMs", referenceMs);
        timings.put("wasm.totalMs", (System.nanoTime() - t0) / 1e6);
        return new RunResult(outputs, timings, null);
    }

    private void runReference(int s, Node n, Map<Value, Tensor> java) {
        Tensor[] ins = new Tensor[n.inputs().size()];
        for (int k = 0; k < ins.length; k++) {
            Value v = n.input(k);
            if (v != null) ins[k] = valueOf(v, java);
        }
        Tensor[] outs = reference.computeNode(nodeIndex[s], ins);
        for (int k = 0; k < n.outputs().size(); k++) {
            Value out = n.output(k);
            if (k >= outs.length || outs[k] == null) continue;
            java.put(out, outs[k]);
            MemTensor m = program.memoryOf().get(out);
            if (m != null) {
                if (outs[k].dtype() != DType.FLOAT) {
                    throw new GraphException("internal error: " + n.describe() + " computed " + outs[k].describe()
                            + " for the f32 value '" + out.name() + "'");
                }
                memory.writeFloats(plan.addressOf(m), outs[k].floats());
            }
        }
    }

    /** A value as a Java tensor: a constant, a kept copy, or read from memory (and kept). */
    private Tensor valueOf(Value v, Map<Value, Tensor> java) {
        if (v.isConstant()) return v.constant();
        Tensor t = java.get(v);
        if (t != null) return t;
        MemTensor m = program.memoryOf().get(v);
        if (m == null) throw new GraphException("internal error: '" + v.name() + "' has no value");
        t = Tensor.ofFloats(m.shape(), memory.readFloats(plan.addressOf(m), m.elements()));
        java.put(v, t);
        return t;
    }
}
