package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.HostStaging;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.gpu.Settled;
import dev.nnjit.runtime.Executable;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUDescriptor;
import org.teavm.jso.webgpu.GPUDevice;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * A {@link GpuProgram} made ready to run on a device: pipelines compiled, buffers created by the {@link BufferPlan},
 * constants uploaded once, and one bind group per dispatch created up front (buffers never move, so a run only
 * writes feeds, encodes and reads back).
 *
 * <p>A run: feeds are written to their buffers; all dispatches go into one compute pass of one command buffer,
 * followed by copies of the requested graph outputs (only those; by default all of them) into one mappable buffer;
 * one submit, one map, one copy per output. Outputs that are graph inputs or constants are answered from the CPU
 * without a GPU round trip. Constants are the backend's, uploaded once and shared by the programs it compiles.
 *
 * <p>Profiled runs time every dispatch: with {@code timestamp-query}, each dispatch gets its own compute pass with
 * begin/end timestamps (still one command buffer); without it, each dispatch is submitted alone and awaited.
 */
final class WebGpuExecutable implements Executable {
    private static final int QUERIES_PER_SET = 4096;

    private final GpuDevice gpu;
    private final KernelPipelines pipelines;
    private final GpuProgram program;
    private final BufferPlan plan;
    private final WebGpuBackend backend;
    private final HostStaging staging;
    private GPUBuffer[] slots;
    private GPUBuffer[] constants;
    private GPUBindGroup[] groups;
    private GPUPipeline.Compute[] stepPipelines;
    private GPUBuffer readback;
    private int[] readbackOffset;
    private int readbackBytes;

    WebGpuExecutable(GpuDevice gpu, KernelPipelines pipelines, GpuProgram program, BufferPlan plan,
                     WebGpuBackend backend, HostStaging staging) {
        this.gpu = gpu;
        this.pipelines = pipelines;
        this.program = program;
        this.plan = plan;
        this.backend = backend;
        this.staging = staging;
    }

    /** Compiles pipelines, creates buffers and bind groups, uploads constants. */
    void build() {
        List<KernelInstance> kernels = new ArrayList<>();
        for (GpuStep s : program.steps()) kernels.add(s.kernel());
        gpu.scoped("compiling " + kernels.size() + " kernels", () -> pipelines.prepare(kernels));
        gpu.scoped("creating buffers and uploading constants", this::allocate);
        gpu.checkHealthy("building the program");
    }

    private void allocate() {
        int storage = GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_SRC | GPUBuffer.Usage.COPY_DST;
        slots = new GPUBuffer[plan.slots()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = backend.track(gpu.createBuffer(plan.slotBytes()[i], storage, "slot " + i));
        }

        constants = new GPUBuffer[program.tensors().size()];
        for (GpuStep s : program.steps()) {
            for (GpuTensor a : s.args()) {
                GpuTensor root = a.storage();
                if (root.kind() != GpuTensor.Kind.CONSTANT || constants[root.id()] != null) continue;
                constants[root.id()] = backend.constantBuffer(root.constant(), root.name(), staging);
            }
        }

        List<GpuStep> steps = program.steps();
        groups = new GPUBindGroup[steps.size()];
        stepPipelines = new GPUPipeline.Compute[steps.size()];
        for (int i = 0; i < groups.length; i++) {
            GpuStep s = steps.get(i);
            GPUBuffer[] buffers = new GPUBuffer[s.args().size()];
            for (int k = 0; k < buffers.length; k++) buffers[k] = bufferOf(s.args().get(k));
            groups[i] = pipelines.bindGroup(s.kernel(), buffers, s.node());
            stepPipelines[i] = pipelines.get(s.kernel()).pipeline();
        }

        readbackOffset = new int[program.outputs().size()];
        int bytes = 0;
        for (int i = 0; i < readbackOffset.length; i++) {
            GpuTensor t = program.outputs().get(i).tensor();
            readbackOffset[i] = -1;
            if (!readsBack(t)) continue;
            readbackOffset[i] = bytes;
            bytes += (int) t.bytes();
        }
        readbackBytes = bytes;
        if (bytes > 0) {
            readback = backend.track(gpu.createBuffer(bytes, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST,
                    "outputs"));
        }
    }

    /** Whether an output is computed on the GPU (else it is a feed, a constant or empty, known on the CPU). */
    private boolean readsBack(GpuTensor t) {
        return !t.isEmpty() && t.storage().kind() == GpuTensor.Kind.INTERMEDIATE;
    }

    private GPUBuffer bufferOf(GpuTensor t) {
        GpuTensor root = t.storage();
        if (root.kind() == GpuTensor.Kind.CONSTANT) return constants[root.id()];
        int slot = plan.slotOf()[root.id()];
        if (slot < 0) throw new IllegalStateException("tensor " + root + " has no buffer");
        return slots[slot];
    }

    @Override public Map<String, Tensor> run(Map<String, Tensor> feeds, Map<String, Double> opTimesMs) {
        gpu.checkHealthy("starting a run");
        java.util.Set<String> requested = backend.requestedOutputs();
        boolean profile = backend.isProfiling();
        long t0 = System.nanoTime();
        for (GpuTensor in : program.inputs()) {
            if (in.isEmpty() || plan.slotOf()[in.id()] < 0) continue;
            TensorTransfer.upload(staging, gpu.queue(), slots[plan.slotOf()[in.id()]], feeds.get(in.name()),
                    "feed '" + in.name() + "'");
        }
        long t1 = System.nanoTime();
        List<KernelTime> kernels = new ArrayList<>();
        String timing = "off";
        long t2;
        if (profile && backend.submissionTiming()) {
            timing = "per-dispatch submission";
            timeBySubmission(kernels);
            t2 = System.nanoTime();
            GPUCommandEncoder enc = gpu.createEncoder("nnjit outputs");
            encodeReadback(enc, requested);
            gpu.scoped("running the program", () -> gpu.submit(enc));
        } else {
            GPUCommandEncoder enc = gpu.createEncoder("nnjit run");
            TimestampQueries ts = profile ? new TimestampQueries(program.steps().size()) : null;
            if (ts != null) timing = "timestamp-query";
            encodeSteps(enc, ts);
            encodeReadback(enc, requested);
            if (ts != null) ts.resolve(enc);
            t2 = System.nanoTime();
            gpu.scoped("running the program", () -> gpu.submit(enc));
            if (ts != null) ts.collect(kernels);
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        long t3;
        long t4;
        if (readback != null && readsBackAny(requested)) {
            Settled.await(readback.mapAsync(GPUBuffer.MapMode.READ), "reading the outputs back");
            t3 = System.nanoTime();
            ArrayBuffer mapped = readback.getMappedRange();
            collectOutputs(feeds, mapped, outputs, requested);
            readback.unmap();
        } else {
            gpu.awaitIdle("running the program");
            t3 = System.nanoTime();
            collectOutputs(feeds, null, outputs, requested);
        }
        t4 = System.nanoTime();
        gpu.checkHealthy("running the program");

        if (opTimesMs != null) for (KernelTime k : kernels) opTimesMs.merge(k.opType(), k.ms(), Double::sum);
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("uploadMs", (t1 - t0) / 1e6);
        phases.put("encodeMs", (t2 - t1) / 1e6);
        phases.put("gpuMs", (t3 - t2) / 1e6);
        phases.put("readbackMs", (t4 - t3) / 1e6);
        backend.recordRun(new RunStats(phases, kernels, timing, planStats()));
        return outputs;
    }

    Map<String, Double> planStats() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("kernels", (double) program.steps().size());
        m.put("pipelines", (double) pipelines.size());
        m.put("constantBytes", (double) program.constantBytes());
        m.put("pooledBytes", (double) plan.pooledBytes());
        m.put("peakLiveBytes", (double) plan.peakLiveBytes());
        m.put("unpooledBytes", (double) plan.unpooledBytes());
        m.put("slots", (double) plan.slots());
        return m;
    }

    private void encodeSteps(GPUCommandEncoder enc, TimestampQueries ts) {
        List<GpuStep> steps = program.steps();
        if (ts == null) {
            GPUComputePassEncoder pass = enc.beginComputePass();
            for (int i = 0; i < steps.size(); i++) dispatch(pass, i);
            pass.end();
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            GPUComputePassEncoder pass = enc.beginComputePass(ts.passDescriptor(i));
            dispatch(pass, i);
            pass.end();
        }
    }

    private void dispatch(GPUComputePassEncoder pass, int i) {
        pass.setPipeline(stepPipelines[i]);
        pass.setBindGroup(0, groups[i]);
        DispatchSize d = program.steps().get(i).kernel().dispatch();
        pass.dispatchWorkgroups(d.x(), d.y(), d.z());
    }

    private boolean wanted(int output, java.util.Set<String> requested) {
        return requested == null || requested.contains(program.outputs().get(output).name());
    }

    private boolean readsBackAny(java.util.Set<String> requested) {
        for (int i = 0; i < readbackOffset.length; i++) if (readbackOffset[i] >= 0 && wanted(i, requested)) return true;
        return false;
    }

    private void encodeReadback(GPUCommandEncoder enc, java.util.Set<String> requested) {
        for (int i = 0; i < readbackOffset.length; i++) {
            if (readbackOffset[i] < 0 || !wanted(i, requested)) continue;
            GpuTensor t = program.outputs().get(i).tensor();
            enc.copyBufferToBuffer(bufferOf(t), 0, readback, readbackOffset[i], t.bytes());
        }
    }

    private void timeBySubmission(List<KernelTime> kernels) {
        List<GpuStep> steps = program.steps();
        for (int i = 0; i < steps.size(); i++) {
            GPUCommandEncoder enc = gpu.createEncoder("nnjit step " + i);
            GPUComputePassEncoder pass = enc.beginComputePass();
            dispatch(pass, i);
            pass.end();
            long t0 = System.nanoTime();
            gpu.submit(enc);
            gpu.awaitIdle("timing " + steps.get(i).describe());
            GpuStep s = steps.get(i);
            kernels.add(new KernelTime(s.node(), s.opType(), s.kernel().family(), (System.nanoTime() - t0) / 1e6));
        }
    }

    private void collectOutputs(Map<String, Tensor> feeds, ArrayBuffer mapped, Map<String, Tensor> outputs,
                                java.util.Set<String> requested) {
        for (int i = 0; i < readbackOffset.length; i++) {
            if (!wanted(i, requested)) continue;
            GpuProgram.Output o = program.outputs().get(i);
            GpuTensor t = o.tensor();
            int[] shape = t.shape();
            Tensor value;
            if (readbackOffset[i] >= 0) {
                value = TensorTransfer.download(staging, mapped, readbackOffset[i], t.dtype(), shape);
            } else if (t.isEmpty()) {
                value = Tensor.zeros(t.dtype(), shape);
            } else if (t.storage().kind() == GpuTensor.Kind.CONSTANT) {
                value = t.storage().constant().reshape(shape);
            } else {
                value = feeds.get(t.storage().name()).reshape(shape);
            }
            outputs.put(o.name(), value);
        }
    }

    /** Begin/end timestamps of every dispatch, in query sets of {@value #QUERIES_PER_SET}. */
    private final class TimestampQueries {
        private final int steps;
        private final GPUDevice.QuerySet[] sets;
        private final GPUBuffer resolve;
        private final GPUBuffer read;

        TimestampQueries(int steps) {
            this.steps = steps;
            int perSet = QUERIES_PER_SET / 2;
            sets = new GPUDevice.QuerySet[Math.max(1, (steps + perSet - 1) / perSet)];
            for (int s = 0; s < sets.length; s++) {
                GPUDescriptor.QuerySet d = GPUDescriptor.create();
                d.setType("timestamp");
                d.setCount(QUERIES_PER_SET);
                sets[s] = gpu.raw().createQuerySet(d);
            }
            long bytes = (long) sets.length * QUERIES_PER_SET * 8;
            resolve = gpu.createBuffer(bytes, GPUBuffer.Usage.QUERY_RESOLVE | GPUBuffer.Usage.COPY_SRC, "timestamps");
            read = gpu.createBuffer(bytes, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST, "timestamps read");
        }

        GPUDescriptor.ComputePass passDescriptor(int step) {
            int perSet = QUERIES_PER_SET / 2;
            GPUDescriptor.ComputePassTimestampWrites w = GPUDescriptor.create();
            w.setQuerySet(sets[step / perSet]);
            w.setBeginningOfPassWriteIndex(2 * (step % perSet));
            w.setEndOfPassWriteIndex(2 * (step % perSet) + 1);
            GPUDescriptor.ComputePass d = GPUDescriptor.create();
            d.setTimestampWrites(w);
            return d;
        }

        void resolve(GPUCommandEncoder enc) {
            int perSet = QUERIES_PER_SET / 2;
            for (int s = 0; s < sets.length; s++) {
                int used = Math.min(perSet, steps - s * perSet);
                if (used <= 0) break;
                enc.resolveQuerySet(sets[s], 0, 2 * used, resolve, (double) s * QUERIES_PER_SET * 8);
            }
            enc.copyBufferToBuffer(resolve, 0, read, 0, (double) sets.length * QUERIES_PER_SET * 8);
        }

        void collect(List<KernelTime> out) {
            Settled.await(read.mapAsync(GPUBuffer.MapMode.READ), "reading kernel timestamps");
            double[] ms = durations(read.getMappedRange(), steps, QUERIES_PER_SET / 2);
            read.unmap();
            for (int i = 0; i < steps; i++) {
                GpuStep s = program.steps().get(i);
                out.add(new KernelTime(s.node(), s.opType(), s.kernel().family(), ms[i]));
            }
            resolve.destroy();
            read.destroy();
            for (GPUDevice.QuerySet q : sets) q.destroy();
        }
    }

    /** (end - begin) of each step in ms from resolved 64-bit nanosecond timestamps; 0 where the clock went back. */
    @JSBody(params = {"buffer", "steps", "perSet"}, script = "var t = new BigUint64Array(buffer); var r = [];"
            + " for (var i = 0; i < steps; i++) { var s = Math.floor(i / perSet), k = i % perSet;"
            + "   var b = t[s * perSet * 2 + 2 * k], e = t[s * perSet * 2 + 2 * k + 1];"
            + "   r.push(e > b ? Number(e - b) / 1e6 : 0); }"
            + " return r;")
    private static native double[] durations(ArrayBuffer buffer, int steps, int perSet);
}
