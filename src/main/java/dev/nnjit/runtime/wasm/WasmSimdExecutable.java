package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.runtime.CpuExecutor;
import dev.nnjit.runtime.Executable;
import dev.nnjit.runtime.KernelChoice;
import dev.nnjit.runtime.ProgramTuner;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.runtime.RunResult;
import dev.nnjit.runtime.Tunable;
import dev.nnjit.runtime.TuningSetup;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.SiteTime;
import dev.nnjit.tune.TaskPlanner;
import dev.nnjit.tune.TuningBudget;
import dev.nnjit.tune.TuningProgress;
import dev.nnjit.tune.TuningReport;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.wasm.kernels.WasmCpu;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>Tunable ({@link Tunable}) like the WebGPU executable: with a {@link TuningSetup}, a session between runs measures
 * the sites of its GEMM (and other tunable) steps with a {@link WasmCandidateBench}, weighted by the last run's step
 * times; winners are persisted and swapped in when the session ends or at the start of the next run, whichever comes
 * first ({@link TunedStep}).
 */
public final class WasmSimdExecutable implements Executable, Tunable {
    private final WasmProgram program;
    private final MemoryPlan plan;
    private final CpuExecutor reference;
    private final LinearMemory memory;
    private KernelThreads threads;
    /** Per step: the calls it runs now (empty: a reference step); a tuned winner replaces a step's calls. */
    private final List<List<KernelCall>> stepCalls = new ArrayList<>();
    /** Per step: the candidate key it runs now, null for steps without a site. */
    private final String[] configKeys;
    /** Per step: its time in the last run (ms), NaN before one; what the tuner weighs workloads by. */
    private final double[] lastStepMs;
    // Tuning (null without a TuningSetup): the session and the decisions waiting for the next run.
    private final TuningSetup tuning;
    private final WasmCpu cpu;
    private ProgramTuner session;
    /** The session's bench (its memory and threads), closed with the program. */
    private WasmCandidateBench bench;
    private final Map<String, String> pendingDecisions = new LinkedHashMap<>();
    private final int[] nodeIndex;
    private final Map<Value, Integer> lastUse = new IdentityHashMap<>();
    private final WasmSimdReport report;
    /** The feeds of the last run: a tuning session needs one run's step times first. */
    private Map<String, Tensor> lastFeeds;

    /**
     * @param model the model's memory layout: the constants copied in here are recorded there as filled
     * @param memory the model's memory, already grown to {@code plan.memoryBytes()}
     * @param threadsReason why the kernels run on {@code plan.threads()} threads
     * @param compileStartNanos when compiling began (System.nanoTime), for the report's compile time
     * @param phases the compile's phases so far (ms, in order); this adds its own (see {@link WasmSimdReport})
     * @param tuning where decisions are looked up and stored, and the tuner's clock (null: not tunable)
     * @param cpu the CPU the program's sites were built for (the bench runs on its threads and memory kind)
     */
    WasmSimdExecutable(WasmProgram program, MemoryPlan plan, CpuExecutor reference, ModelMemory model,
                       LinearMemory memory, String threadsReason, long compileStartNanos, Map<String, Double> phases,
                       TuningSetup tuning, WasmCpu cpu) {
        this.tuning = tuning;
        this.cpu = cpu;
        this.configKeys = new String[program.steps().size()];
        this.lastStepMs = new double[program.steps().size()];
        Arrays.fill(lastStepMs, Double.NaN);
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
        for (int s = 0; s < steps.size(); s++) {
            WasmStep step = steps.get(s);
            nodeIndex[s] = indexOf.get(step.node());
            for (Value in : step.node().inputs()) if (in != null) lastUse.put(in, s);
            stepCalls.add(step.calls());
            TunedStep tuned = step.tuned();
            configKeys[s] = tuned == null ? null : tuned.key();
        }
        for (Value out : program.graph().outputs()) lastUse.put(out, Integer.MAX_VALUE);
        Started started = startThreads();
        phases.put("modulesMs", started.modulesMs());
        phases.put("threadsMs", started.threadsMs());
        report = WasmSimdReport.of(program, plan, model, memory.shared(), started.modules(), threadsReason,
                (System.nanoTime() - compileStartNanos) / 1e6, phases);
    }

    /** What starting the threads took: distinct modules, their compile time and the pool's start (ms). */
    private record Started(int modules, double modulesMs, double threadsMs) {}

    /**
     * Compiles (page-wide cache) the modules of every step's current calls and starts the threads on them; the one
     * way the pool is made, when the executable is built and when tuned winners are swapped in.
     */
    private Started startThreads() {
        double compileModulesMs = 0;
        Map<String, Integer> moduleIndex = new HashMap<>();
        JSObject modules = KernelThreads.newList();
        JSObject jsSteps = KernelThreads.newList();
        for (List<KernelCall> callsOfStep : stepCalls) {
            if (callsOfStep.isEmpty()) {
                KernelThreads.pushNull(jsSteps);
                continue;
            }
            JSObject calls = KernelThreads.newList();
            for (KernelCall c : callsOfStep) {
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
            KernelThreads.push(jsSteps, calls);
        }
        JSObject workspaces = KernelThreads.newList();
        for (int t = 0; t < plan.threads(); t++) KernelThreads.pushInt(workspaces, (int) plan.workspace(t));
        long threadsStart = System.nanoTime();
        threads = KernelThreads.start(memory, plan.control(), plan.threads(), modules, jsSteps, workspaces);
        return new Started(moduleIndex.size(), compileModulesMs, (System.nanoTime() - threadsStart) / 1e6);
    }

    /**
     * Stops this plan's Web Workers (the model is disposed, or the session's plan cache evicted this plan); runs fail
     * afterwards. The model's memory, its constants and its activation area stay: other plans read them.
     */
    @Override public void release() {
        threads.stop();
        if (bench != null) bench.close(null); // a session stopped mid-workload: its bench threads too
    }

    /** Which node ran where, and the memory plan's numbers. */
    public WasmSimdReport report() { return report; }

    @Override public RunResult run(Map<String, Tensor> feeds, RunOptions options) {
        swapInDecisions();
        lastFeeds = feeds;
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
                threads.run(s); // the step's current calls (stepCalls), which a tuned winner may have replaced
            } else {
                runReference(s, step.node(), java);
            }
            double ms = (System.nanoTime() - a) / 1e6;
            lastStepMs[s] = ms;
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

    // ---- tuning (Tunable), as the WebGPU executable does it ----

    @Override public void startTuning(TuningBudget budget) {
        if (tuning == null) {
            throw new IllegalStateException("this wasm-simd backend was made without a tuning cache: nothing to tune into");
        }
        List<WasmStep> steps = program.steps();
        if (budget.enabled() && lastFeeds == null) {
            throw new IllegalStateException("run the model once before tuning: the tuner weighs its workloads by the"
                    + " step times of the last run");
        }
        List<SiteTime> times = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).tuned() != null) times.add(new SiteTime(steps.get(i).tuned().site(), lastStepMs[i]));
        }
        if (bench != null) bench.close(null);
        bench = new WasmCandidateBench(cpu.threads(), cpu.sharedMemory(), tuning.clock());
        session = new ProgramTuner(tuning, budget, TaskPlanner.plan(times), bench);
    }

    @Override public boolean tuningStarted() { return session != null; }

    @Override public boolean tuneStep() {
        if (session == null) throw new IllegalStateException("no tuning session: call startTuning first");
        pendingDecisions.putAll(session.step());
        if (session.finished()) swapInDecisions(); // between runs: the next run does not pay the threads' restart
        return !session.finished();
    }

    @Override public TuningProgress tuningProgress() {
        return session != null ? session.progress() : new TuningProgress(0, 0, 0, 0, 1.0, true);
    }

    @Override public TuningReport tuningReport() {
        return session != null ? session.report() : new TuningReport(0, 0, 0, List.of());
    }

    @Override public List<KernelChoice> kernelChoices() {
        List<KernelChoice> out = new ArrayList<>();
        List<WasmStep> steps = program.steps();
        for (int i = 0; i < steps.size(); i++) {
            TunedStep t = steps.get(i).tuned();
            if (t == null) continue;
            Node n = steps.get(i).node();
            TuningSite<?> site = t.site();
            out.add(new KernelChoice(n.name(), n.opType(), site.family(), site.problemKey(), configKeys[i],
                    site.defaultKey(), site.size()));
        }
        return out;
    }

    /**
     * At the start of a run, or when a session finishes (never inside a run): steps whose workload has a decision that runs another candidate get
     * that candidate's calls, and the threads restart on the new modules (workers take their modules and calls when
     * they start); every other step keeps its calls.
     */
    private void swapInDecisions() {
        if (pendingDecisions.isEmpty()) return;
        List<WasmStep> steps = program.steps();
        boolean changed = false;
        for (int i = 0; i < steps.size(); i++) {
            TunedStep t = steps.get(i).tuned();
            if (t == null) continue;
            String key = pendingDecisions.get(t.site().family() + "|" + t.site().problemKey());
            if (key == null || key.equals(configKeys[i]) || t.site().indexOf(key) < 0) continue;
            stepCalls.set(i, t.callsFor().apply(key));
            configKeys[i] = key;
            changed = true;
        }
        pendingDecisions.clear();
        if (changed) {
            threads.stop();
            startThreads();
        }
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
