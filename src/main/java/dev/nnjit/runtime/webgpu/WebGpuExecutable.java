package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.GpuTimer;
import dev.nnjit.gpu.GpuTransfer;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.runtime.DeviceCopy;
import dev.nnjit.runtime.DeviceValue;
import dev.nnjit.runtime.Executable;
import dev.nnjit.runtime.KernelChoice;
import dev.nnjit.runtime.Tunable;
import dev.nnjit.runtime.GpuRunStats;
import dev.nnjit.runtime.KernelTime;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.runtime.RunResult;
import dev.nnjit.runtime.ProgramTuner;
import dev.nnjit.runtime.TuningSetup;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.ModelCheck;
import dev.nnjit.tune.SiteTime;
import dev.nnjit.tune.TaskPlanner;
import dev.nnjit.tune.TuningBudget;
import dev.nnjit.tune.TuningKey;
import dev.nnjit.tune.TuningProgress;
import dev.nnjit.tune.TuningRecord;
import dev.nnjit.tune.TuningReport;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.tune.measure.GpuCandidateBench;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * A {@link GpuProgram} made ready to run on a device: pipelines compiled, buffers created by the {@link BufferPlan},
 * constants uploaded once, and one bind group per dispatch created up front (buffers never move, so a run only
 * writes feeds, encodes and reads back).
 *
 * <p>A run: feeds are written to their buffers; all dispatches go into one compute pass of one command buffer,
 * followed by copies of the requested graph outputs ({@link OutputReadback}); one submit, one map. Constants are the
 * backend's, uploaded once and shared by the programs it compiles.
 *
 * <p>Profiled runs time every dispatch through {@link GpuTimer}: with timestamp queries, each dispatch gets its own
 * compute pass (still one command buffer); with submission timing, each dispatch is submitted alone and awaited.
 */
final class WebGpuExecutable implements Executable, Tunable {
    private final GpuDevice gpu;
    private final KernelPipelines pipelines;
    private final GpuProgram program;
    private final BufferPlan plan;
    private final BackendBuffers backendBuffers;
    private final GpuTransfer transfer;
    private final GpuTimer timer;
    private GPUBuffer[] slots;
    private GPUBuffer[] constants;
    /** Per step: the kernel it dispatches (the lowered one until {@link #replaceKernel}), its pipeline, bind group. */
    private KernelInstance[] kernels;
    private GPUPipeline.Compute[] stepPipelines;
    private GPUBindGroup[] groups;
    private OutputReadback outputs;
    /** Per step: the key of the candidate it runs (the chooser's until a tuned winner is swapped in). */
    private String[] configKeys;

    // Tuning (all null/empty without a TuningSetup): the session, decisions waiting for the next run, and what the
    // session's planning needs of earlier runs.
    private final TuningSetup tuning;
    private ProgramTuner session;
    private final Map<String, String> pendingDecisions = new LinkedHashMap<>();
    private Map<String, Tensor> lastFeeds;
    /** The resident inputs of the last run: a profiling run for the tuner keeps them (their feeds hold no values). */
    private Set<String> lastResident = Set.of();
    private double[] lastKernelMs;
    /** Wall ms of the last run (upload to readback): what one run of a model check costs. */
    private double lastRunMs = Double.NaN;
    /** The config key of every step when the session started: the program its model check compares against. */
    private String[] keysBeforeSession;
    /** The model check's runs in progress (null before the session's last decision, and once it is done). */
    private ModelCheckRuns checkRuns;
    /** The session's model check, once made. */
    private ModelCheck modelCheck;

    WebGpuExecutable(GpuDevice gpu, KernelPipelines pipelines, GpuProgram program, BufferPlan plan,
                     BackendBuffers backendBuffers, GpuTransfer transfer, TuningSetup tuning) {
        this.gpu = gpu;
        this.pipelines = pipelines;
        this.program = program;
        this.plan = plan;
        this.backendBuffers = backendBuffers;
        this.transfer = transfer;
        this.timer = new GpuTimer(gpu);
        this.tuning = tuning;
    }

    /** Compiles pipelines, creates buffers and bind groups, uploads constants. */
    void build() {
        List<GpuStep> steps = program.steps();
        kernels = new KernelInstance[steps.size()];
        configKeys = new String[steps.size()];
        for (int i = 0; i < kernels.length; i++) {
            kernels[i] = steps.get(i).kernel();
            configKeys[i] = steps.get(i).configKey();
        }
        gpu.scoped("compiling " + kernels.length + " kernels", () -> pipelines.prepare(Arrays.asList(kernels)));
        gpu.scoped("creating buffers and uploading constants", this::allocate);
        gpu.checkHealthy("building the program");
    }

    private void allocate() {
        int storage = GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_SRC | GPUBuffer.Usage.COPY_DST;
        slots = new GPUBuffer[plan.slots()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = backendBuffers.create(plan.slotBytes()[i], storage, "slot " + i);
        }

        constants = new GPUBuffer[program.tensors().size()];
        for (GpuStep s : program.steps()) {
            for (GpuTensor a : s.args()) {
                GpuTensor root = a.storage();
                if (root.kind() != GpuTensor.Kind.CONSTANT || constants[root.id()] != null) continue;
                constants[root.id()] = backendBuffers.constant(root.constant(), root.name());
            }
        }

        groups = new GPUBindGroup[kernels.length];
        stepPipelines = new GPUPipeline.Compute[kernels.length];
        for (int i = 0; i < kernels.length; i++) bind(i);

        outputs = new OutputReadback(gpu, program, transfer, backendBuffers);
    }

    /** Step i's pipeline and a bind group over its buffers, for {@code kernels[i]} (already prepared). */
    private void bind(int i) {
        GpuStep s = program.steps().get(i);
        GPUBuffer[] buffers = new GPUBuffer[s.args().size()];
        for (int k = 0; k < buffers.length; k++) buffers[k] = bufferOf(s.args().get(k));
        groups[i] = pipelines.bindGroup(kernels[i], buffers, s.node());
        stepPipelines[i] = pipelines.get(kernels[i]).pipeline();
    }

    /**
     * Makes step {@code stepIndex} dispatch {@code k} from the next run on (the tuner's hot swap). {@code k} must be
     * another schedule of the same computation over the same buffers: its bindings must agree with the current
     * kernel's in number, order, access, element type and element count (else IllegalArgumentException, and nothing
     * changes). Compiles k's pipeline through the shared cache ({@link KernelPipelines#prepare}), then rebuilds only
     * this step's bind group over the step's existing buffers: no buffer is created, moved or rewritten, and every
     * other step is untouched. Call between runs, never during one. Compile or validation errors throw a
     * {@code GpuException} and leave the step as it was. Browser only (needs the device).
     */
    void replaceKernel(int stepIndex, KernelInstance k) {
        String disagreement = bindingDisagreement(kernels[stepIndex].bindings(), k.bindings());
        if (disagreement != null) {
            throw new IllegalArgumentException("cannot swap " + program.steps().get(stepIndex).describe() + " for "
                    + k.cacheKey() + ": " + disagreement);
        }
        KernelInstance previous = kernels[stepIndex];
        gpu.scoped("compiling a replacement kernel " + k.cacheKey(), () -> pipelines.prepare(List.of(k)));
        kernels[stepIndex] = k;
        try {
            gpu.scoped("binding a replacement kernel " + k.cacheKey(), () -> bind(stepIndex));
        } catch (RuntimeException e) {
            kernels[stepIndex] = previous;
            bind(stepIndex);
            throw e;
        }
    }

    /** Why a kernel with bindings {@code b} cannot take the place of one with bindings {@code a}; null if it can. */
    static String bindingDisagreement(List<Binding> a, List<Binding> b) {
        if (a.size() != b.size()) return "it has " + b.size() + " bindings, the step " + a.size();
        for (int i = 0; i < a.size(); i++) {
            Binding x = a.get(i);
            Binding y = b.get(i);
            if (x.access() != y.access() || x.type() != y.type() || x.elements() != y.elements()) {
                return "binding " + i + " is " + y.access() + " " + y.type() + "[" + y.elements() + "], the step's "
                        + x.access() + " " + x.type() + "[" + x.elements() + "]";
            }
        }
        return null;
    }

    private GPUBuffer bufferOf(GpuTensor t) {
        GpuTensor root = t.storage();
        if (slots == null) throw new IllegalStateException("this plan was released; its tensors are gone");
        if (root.kind() == GpuTensor.Kind.CONSTANT) return constants[root.id()];
        int slot = plan.slotOf()[root.id()];
        if (slot < 0) throw new IllegalStateException("tensor " + root + " has no buffer");
        return slots[slot];
    }

    /** Destroys this plan's intermediate and readback buffers (constants are the backend's, shared). */
    @Override public void release() {
        if (slots != null) for (GPUBuffer b : slots) backendBuffers.destroy(b);
        if (outputs != null) backendBuffers.destroy(outputs.buffer());
        slots = null;
        outputs = null;
    }

    @Override public RunResult run(Map<String, Tensor> feeds, RunOptions options) {
        gpu.checkHealthy("starting a run");
        swapInDecisions();
        lastFeeds = feeds;
        lastResident = options.resident();
        long t0 = System.nanoTime();
        for (GpuTensor in : program.inputs()) {
            if (in.isEmpty() || plan.slotOf()[in.id()] < 0 || options.resident().contains(in.name())) continue;
            transfer.upload(slots[plan.slotOf()[in.id()]], feeds.get(in.name()), "feed '" + in.name() + "'");
        }
        if (!options.copies().isEmpty()) {
            GPUCommandEncoder enc = gpu.createEncoder("nnjit device copies");
            for (DeviceCopy c : options.copies()) encodeCopy(enc, c, options);
            gpu.scoped("copying device values into resident inputs", () -> gpu.submit(enc));
        }
        long t1 = System.nanoTime();
        List<KernelTime> times = new ArrayList<>();
        boolean bySubmission = options.profile()
                && (options.timing() == RunOptions.Timing.SUBMISSION || !timer.hasTimestamps());
        String timing = !options.profile() ? "off" : bySubmission ? "per-dispatch submission" : "timestamp-query";
        long t2;
        if (bySubmission) {
            for (int i = 0; i < kernels.length; i++) {
                GPUCommandEncoder enc = gpu.createEncoder("nnjit step " + i);
                GPUComputePassEncoder pass = enc.beginComputePass();
                dispatch(pass, i);
                pass.end();
                times.add(kernelTime(i, timer.submitAndAwait(enc, "timing " + program.steps().get(i).describe())));
            }
            t2 = System.nanoTime();
            GPUCommandEncoder enc = gpu.createEncoder("nnjit outputs");
            outputs.encodeCopies(enc, this::bufferOf, options);
            gpu.scoped("running the program", () -> gpu.submit(enc));
        } else {
            GPUCommandEncoder enc = gpu.createEncoder("nnjit run");
            GpuTimer.PassTimestamps ts = options.profile() && kernels.length > 0
                    ? timer.timestamps(kernels.length) : null;
            encodeSteps(enc, ts);
            outputs.encodeCopies(enc, this::bufferOf, options);
            if (ts != null) ts.resolve(enc);
            t2 = System.nanoTime();
            gpu.scoped("running the program", () -> gpu.submit(enc));
            if (ts != null) {
                double[] ms = ts.readMs();
                ts.destroy();
                for (int i = 0; i < ms.length; i++) times.add(kernelTime(i, ms[i]));
            }
        }
        outputs.awaitResults(options);
        long t3 = System.nanoTime();
        Map<String, Tensor> values = outputs.collect(feeds, options);
        Map<String, DeviceValue> device = deviceValues(options);
        long t4 = System.nanoTime();
        gpu.checkHealthy("running the program");
        lastRunMs = (t4 - t0) / 1e6;

        if (options.profile() && times.size() == kernels.length) {
            lastKernelMs = new double[times.size()];
            for (int i = 0; i < lastKernelMs.length; i++) lastKernelMs[i] = times.get(i).ms();
        }
        Map<String, Double> opTimes = new LinkedHashMap<>();
        for (KernelTime k : times) opTimes.merge("op." + k.opType(), k.ms(), Double::sum);
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("uploadMs", (t1 - t0) / 1e6);
        phases.put("encodeMs", (t2 - t1) / 1e6);
        phases.put("gpuMs", (t3 - t2) / 1e6);
        phases.put("readbackMs", (t4 - t3) / 1e6);
        return new RunResult(values, opTimes, new GpuRunStats(phases, times, timing, planStats()), device);
    }

    /** The tensors {@code options.onDevice()} names (graph outputs, else inputs), as this plan's device values. */
    private Map<String, DeviceValue> deviceValues(RunOptions options) {
        Map<String, DeviceValue> out = new LinkedHashMap<>();
        for (String name : options.onDevice()) {
            GpuTensor t = null;
            for (GpuProgram.Output o : program.outputs()) if (o.name().equals(name)) t = o.tensor();
            if (t == null) t = input(name);
            if (t == null) throw new IllegalArgumentException("'" + name + "' is neither an output nor an input of the plan");
            out.put(name, new WebGpuDeviceValue(this, t, name));
        }
        return out;
    }

    private GpuTensor input(String name) {
        for (GpuTensor in : program.inputs()) if (in.name().equals(name)) return in;
        return null;
    }

    /** Encodes one {@link DeviceCopy} as a copy per block; skips one that copies a region onto itself. */
    private void encodeCopy(GPUCommandEncoder enc, DeviceCopy c, RunOptions options) {
        if (!options.resident().contains(c.input())) {
            throw new IllegalArgumentException("a device copy writes input '" + c.input() + "', which is not resident"
                    + " (its feed would overwrite it)");
        }
        GpuTensor dst = input(c.input());
        if (dst == null) throw new IllegalArgumentException("'" + c.input() + "' is not an input of the plan");
        if (!(c.source() instanceof WebGpuDeviceValue)) {
            throw new IllegalArgumentException("the source of a copy into '" + c.input() + "' is not a WebGPU device value");
        }
        WebGpuDeviceValue src = (WebGpuDeviceValue) c.source();
        if (c.blocks() == 0 || c.blockElements() == 0) return;
        long srcEnd = c.srcOffset() + (c.blocks() - 1) * c.srcStride() + c.blockElements();
        long dstEnd = c.dstOffset() + (c.blocks() - 1) * c.dstStride() + c.blockElements();
        if (srcEnd > src.tensor().elements() || dstEnd > dst.elements()) {
            throw new IllegalArgumentException("a device copy from '" + src.name() + "' " + src.tensor().describe()
                    + " into '" + c.input() + "' " + dst.describe() + " reaches past an end (source elements to "
                    + srcEnd + ", destination to " + dstEnd + ")");
        }
        GPUBuffer from = src.executable().bufferOf(src.tensor());
        GPUBuffer to = bufferOf(dst);
        if (from == to) {
            if (src.tensor().storage() == dst.storage() && c.srcOffset() == c.dstOffset()
                    && c.srcStride() == c.dstStride()) {
                return;
            }
            throw new IllegalArgumentException("a device copy from '" + src.name() + "' into '" + c.input()
                    + "' would read and write one buffer at different places");
        }
        for (int b = 0; b < c.blocks(); b++) {
            enc.copyBufferToBuffer(from, (c.srcOffset() + b * c.srcStride()) * 4, to,
                    (c.dstOffset() + b * c.dstStride()) * 4, c.blockElements() * 4);
        }
    }

    private KernelTime kernelTime(int step, double ms) {
        GpuStep s = program.steps().get(step);
        return new KernelTime(s.node(), s.opType(), kernels[step].family(), ms);
    }

    private Map<String, Double> planStats() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("kernels", (double) kernels.length);
        m.put("pipelines", (double) pipelines.size());
        m.put("constantBytes", (double) program.constantBytes());
        m.put("pooledBytes", (double) plan.pooledBytes());
        m.put("peakLiveBytes", (double) plan.peakLiveBytes());
        m.put("unpooledBytes", (double) plan.unpooledBytes());
        m.put("slots", (double) plan.slots());
        return m;
    }

    /** Every dispatch into one compute pass; or, when timed by timestamps, each into a pass of its own. */
    private void encodeSteps(GPUCommandEncoder enc, GpuTimer.PassTimestamps ts) {
        if (ts == null) {
            GPUComputePassEncoder pass = enc.beginComputePass();
            for (int i = 0; i < kernels.length; i++) dispatch(pass, i);
            pass.end();
            return;
        }
        for (int i = 0; i < kernels.length; i++) {
            GPUComputePassEncoder pass = enc.beginComputePass(ts.pass(i));
            dispatch(pass, i);
            pass.end();
        }
    }

    private void dispatch(GPUComputePassEncoder pass, int i) {
        pass.setPipeline(stepPipelines[i]);
        pass.setBindGroup(0, groups[i]);
        DispatchSize d = kernels[i].dispatch();
        pass.dispatchWorkgroups(d.x(), d.y(), d.z());
    }

    // ---- tuning (Tunable) ----

    @Override public void startTuning(TuningBudget budget) {
        if (tuning == null) {
            throw new IllegalStateException("this WebGPU backend was made without a tuning cache: nothing to tune into");
        }
        List<GpuStep> steps = program.steps();
        if (budget.enabled() && lastKernelMs == null && anyUndecided()) {
            if (lastFeeds == null) {
                throw new IllegalStateException("run the model once before tuning: the tuner weighs its workloads"
                        + " by a profiled run of the last feeds");
            }
            run(lastFeeds, RunOptions.DEFAULT.withProfile(true, RunOptions.Timing.AUTO)
                    .withDeviceState(Set.of(), lastResident, List.of()));
        }
        List<SiteTime> times = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            times.add(new SiteTime(steps.get(i).site(), lastKernelMs == null ? Double.NaN : lastKernelMs[i]));
        }
        session = new ProgramTuner(tuning, budget, TaskPlanner.plan(times), new GpuCandidateBench(gpu, pipelines, true));
        swapInDecisions();  // earlier sessions' decisions belong to the program this session's winners must beat
        keysBeforeSession = configKeys.clone();
        checkRuns = null;
        modelCheck = null;
    }

    /** Whether some tunable site has no valid stored decision (only then is a profile worth a run). */
    private boolean anyUndecided() {
        Map<String, Boolean> checked = new HashMap<>();
        for (GpuStep s : program.steps()) {
            TuningSite<?> site = s.site();
            if (!site.tunable() || checked.put(workload(site), Boolean.TRUE) != null) continue;
            if (tuning.cache().lookup(tuning.adapter(), site) == null) return true;
        }
        return false;
    }

    @Override public boolean tuningStarted() { return session != null; }

    /**
     * One action: a step of the session while it has work, then the runs of its {@link ModelCheck} (one run each),
     * which swap its winners in, time them against the program before the session, and keep or take them back.
     */
    @Override public boolean tuneStep() {
        if (session == null) throw new IllegalStateException("no tuning session: call startTuning first");
        if (!session.finished()) {
            pendingDecisions.putAll(session.step());
            return true;
        }
        return modelCheck == null && checkStep();
    }

    @Override public TuningProgress tuningProgress() {
        if (session == null) return new TuningProgress(0, 0, 0, 0, 1.0, true);
        TuningProgress p = session.progress();
        boolean done = p.finished() && modelCheck != null;
        return new TuningProgress(p.workloadsDone(), p.workloadsTotal(), p.spentMs(), p.budgetMs(), p.estimatedSpeedup(),
                done);
    }

    @Override public TuningReport tuningReport() {
        return session != null ? session.report().withModelCheck(modelCheck) : new TuningReport(0, 0, 0, List.of());
    }

    /** One run of the model check (or its verdict); false once the check is made. */
    private boolean checkStep() {
        if (checkRuns == null) {
            swapInDecisions();
            String[] tuned = configKeys.clone();
            if (Arrays.equals(tuned, keysBeforeSession)) {
                modelCheck = ModelCheck.notChecked("the session changed no kernel");
                return false;
            }
            TuningProgress p = session.progress();
            int pairs = ModelCheck.pairsFor(p.budgetMs(), p.spentMs(), lastRunMs);
            if (pairs == 0 || lastFeeds == null) {
                modelCheck = ModelCheck.notChecked(lastFeeds == null ? "no feeds to run"
                        : "a run (" + Math.round(lastRunMs) + " ms) costs more than the budget leaves for a check");
                return false;
            }
            checkRuns = new ModelCheckRuns(keysBeforeSession, tuned, pairs);
        }
        // interleaved: tuned, untuned, untuned, tuned, ... so drift hits both programs alike
        boolean tunedTurn = checkRuns.nextIsTuned();
        useKeys(tunedTurn ? checkRuns.tuned : checkRuns.untuned);
        long t0 = System.nanoTime();
        run(lastFeeds, RunOptions.DEFAULT.withDeviceState(Set.of(), lastResident, List.of()));
        checkRuns.record(tunedTurn, (System.nanoTime() - t0) / 1e6);
        if (!checkRuns.done()) return true;

        List<String> changed = changedWorkloads(checkRuns.untuned, checkRuns.tuned);
        modelCheck = ModelCheck.of(checkRuns.untunedMs(), checkRuns.tunedMs(), changed);
        useKeys(modelCheck.kept() ? checkRuns.tuned : checkRuns.untuned);
        if (!modelCheck.kept()) storeRevertedDecisions(checkRuns.untuned);
        checkRuns = null;
        return false;
    }

    /** Makes every step run the candidate {@code keys} names (steps already running it are untouched). */
    private void useKeys(String[] keys) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null || keys[i].equals(configKeys[i])) continue;
            replaceKernel(i, program.steps().get(i).site().instance(keys[i]));
            configKeys[i] = keys[i];
        }
    }

    /** The workloads ("family|problem") of the steps whose key differs, once each, in program order. */
    private List<String> changedWorkloads(String[] a, String[] b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            String w = workload(program.steps().get(i).site());
            if (!a[i].equals(b[i]) && !out.contains(w)) out.add(w);
        }
        return out;
    }

    /**
     * Stores, for each workload the check took back, its record with the schedule the step ran before the session as
     * the winner (the evidence kept), so this device does not adopt the rejected winner again on a reload.
     */
    private void storeRevertedDecisions(String[] untuned) {
        Set<String> done = new HashSet<>();
        for (int i = 0; i < untuned.length; i++) {
            TuningSite<?> site = program.steps().get(i).site();
            if (!done.add(workload(site))) continue;
            TuningRecord r = tuning.cache().get(tuning.adapter(), TuningKey.of(site));
            if (r == null || r.winnerKey().equals(untuned[i])) continue;
            tuning.cache().put(new TuningRecord(r.adapter(), r.key(), untuned[i],
                    site.codeChecksum(untuned[i]), r.defaultKey(), r.results(),
                    r.timing() + "; winner " + r.winnerKey() + " taken back: the tuned program ran slower in the model",
                    tuning.clock().epochMs()));
        }
        tuning.persist();
    }

    @Override public List<KernelChoice> kernelChoices() {
        List<KernelChoice> out = new ArrayList<>();
        for (int i = 0; i < configKeys.length; i++) {
            GpuStep s = program.steps().get(i);
            TuningSite<?> site = s.site();
            out.add(new KernelChoice(s.node(), s.opType(), site.family(), site.problemKey(), configKeys[i],
                    site.defaultKey(), site.size()));
        }
        return out;
    }

    /**
     * At the start of a run (never inside one): swaps in the kernels of decisions made since the last run, for the
     * steps whose site they answer and that run another candidate now; every other step keeps its pipeline.
     */
    private void swapInDecisions() {
        if (pendingDecisions.isEmpty()) return;
        String[] keys = configKeys.clone();
        List<GpuStep> steps = program.steps();
        for (int i = 0; i < steps.size(); i++) {
            TuningSite<?> site = steps.get(i).site();
            String key = pendingDecisions.get(workload(site));
            if (key != null && site.indexOf(key) >= 0) keys[i] = key;
        }
        useKeys(keys);
        pendingDecisions.clear();
    }

    private static String workload(TuningSite<?> site) { return site.family() + "|" + site.problemKey(); }
}
