package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.GpuTimer;
import dev.nnjit.gpu.GpuTransfer;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.gpu.Settled;
import dev.nnjit.tune.ErrorStats;
import java.util.Arrays;
import java.util.List;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * Runs the candidates of one {@link BenchCase} on a WebGPU device (browser only): the case's inputs are uploaded
 * once into buffers every candidate binds; each candidate is compiled, run once on an output buffer filled with NaN
 * (so an element a kernel forgets to write fails the comparison), read back and compared, then timed.
 *
 * <p>Timing (through {@link GpuTimer}, as the run profiler times): a sample is {@code repeat} dispatches of the
 * kernel in one compute pass, submitted alone;
 * {@code repeat} is chosen after a one-dispatch calibration sample so that a sample lasts at least
 * {@value #TARGET_TIMESTAMP_MS} ms with timestamps (Chromium rounds timestamps to 100 us unless started with
 * --enable-webgpu-developer-features) or {@value #TARGET_SUBMIT_MS} ms by wall time (submit and
 * onSubmittedWorkDone cost a round trip to the GPU process). With timestamp-query the sample's time is the pass's
 * end minus begin timestamp; without it, the wall time from submit until onSubmittedWorkDone resolves. Dispatches
 * of a sample rewrite the same output, so caches are warm: this measures the kernel, not the first touch of its
 * data. The caller decides the order of samples ({@link Workbench} interleaves candidates).
 */
final class GpuBench {
    static final double TARGET_TIMESTAMP_MS = 1.0;
    static final double TARGET_SUBMIT_MS = 10.0;
    static final int MAX_REPEAT = 256;

    private final GpuDevice gpu;
    private final BenchCase bench;
    private final KernelPipelines pipelines;
    private final GpuTransfer transfer;
    private final GpuTimer timer;
    private final GPUBuffer[] buffers;
    private final GPUBuffer readback;
    private final long outputElements;
    /** One timed pass per sample; created at the first timestamp sample. */
    private GpuTimer.PassTimestamps passTimestamps;

    GpuBench(GpuDevice gpu, BenchCase bench) {
        this.gpu = gpu;
        this.bench = bench;
        this.pipelines = new KernelPipelines(gpu);
        this.transfer = new GpuTransfer(gpu);
        this.timer = new GpuTimer(gpu);
        List<float[]> inputs = bench.inputs();
        outputElements = bench.outputElements();
        buffers = new GPUBuffer[inputs.size() + 1];
        int usage = GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_SRC | GPUBuffer.Usage.COPY_DST;
        gpu.scoped("uploading the workbench inputs", () -> {
            for (int i = 0; i < inputs.size(); i++) {
                buffers[i] = gpu.createBuffer(4L * inputs.get(i).length, usage, "input " + i);
                transfer.upload(buffers[i], inputs.get(i));
            }
            buffers[inputs.size()] = gpu.createBuffer(4 * outputElements, usage, "output");
        });
        readback = gpu.createBuffer(4 * outputElements, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST, "readback");
    }

    void destroy() {
        for (GPUBuffer b : buffers) if (b != null) b.destroy();
        readback.destroy();
        if (passTimestamps != null) passTimestamps.destroy();
    }

    /**
     * A candidate compiled, checked and calibrated, collecting timed samples; or, when {@link #failed} is set, one
     * that could not be compiled or run (then nothing else is).
     */
    static final class Prepared {
        final CandidateResult failed;
        final BenchCase.Candidate candidate;
        final String workgroup, dispatch;
        final double compileMs;
        final ErrorStats error;
        final int repeat;
        private final GPUPipeline.Compute pipeline;
        private final GPUBindGroup group;
        private final double[] samples;
        private int count;

        Prepared(BenchCase.Candidate candidate, String workgroup, String dispatch, double compileMs, ErrorStats error,
                 int repeat, GPUPipeline.Compute pipeline, GPUBindGroup group, int runs) {
            this.failed = null;
            this.candidate = candidate;
            this.workgroup = workgroup;
            this.dispatch = dispatch;
            this.compileMs = compileMs;
            this.error = error;
            this.repeat = repeat;
            this.pipeline = pipeline;
            this.group = group;
            this.samples = new double[runs];
        }

        Prepared(BenchCase.Candidate candidate, CandidateResult failed) {
            this.failed = failed;
            this.candidate = candidate;
            this.workgroup = failed.workgroup();
            this.dispatch = failed.dispatch();
            this.compileMs = failed.compileMs();
            this.error = null;
            this.repeat = 0;
            this.pipeline = null;
            this.group = null;
            this.samples = new double[0];
        }
    }

    /**
     * Compiles a candidate, runs it once and compares its output, and picks its repeat count from one calibration
     * sample. Failures (compile errors, validation errors, a lost device) are recorded in the result, not thrown.
     */
    Prepared prepare(BenchCase.Candidate c, int runs, boolean timestamps) {
        KernelInstance k = c.kernel();
        String wg = k.workgroupSizeX() + "x" + k.workgroupSizeY() + "x" + k.workgroupSizeZ();
        DispatchSize d = k.dispatch();
        String dispatch = d.x() + "x" + d.y() + "x" + d.z();
        String violation = k.violation(gpu.limits());
        if (violation != null) {
            return new Prepared(c, CandidateResult.failed(c.index(), c.configKey(), wg, dispatch, Double.NaN, violation));
        }
        checkBindings(k);
        double compileMs;
        try {
            long t0 = System.nanoTime();
            gpu.scoped("compiling candidate " + c.index() + " (" + c.configKey() + ")",
                    () -> pipelines.prepare(List.of(k)));
            compileMs = (System.nanoTime() - t0) / 1e6;
        } catch (RuntimeException e) {
            return new Prepared(c, CandidateResult.failed(c.index(), c.configKey(), wg, dispatch, Double.NaN, message(e)));
        }
        try {
            GPUPipeline.Compute pipeline = pipelines.get(k).pipeline();
            GPUBindGroup group = pipelines.bindGroup(k, buffers, c.configKey());
            float[] out = runOnce(pipeline, group, d, "running candidate " + c.index() + " (" + c.configKey() + ")");
            ErrorStats error = bench.tolerance().compare(out, bench.reference());
            double calibration = timestamps ? sampleTimestamps(pipeline, group, d, 1) : sampleSubmit(pipeline, group, d, 1);
            double target = timestamps ? TARGET_TIMESTAMP_MS : TARGET_SUBMIT_MS;
            int repeat = calibration >= target ? 1
                    : (int) Math.min(MAX_REPEAT, Math.ceil(target / Math.max(calibration, 1e-3)));
            return new Prepared(c, wg, dispatch, compileMs, error, repeat, pipeline, group, runs);
        } catch (RuntimeException e) {
            return new Prepared(c, CandidateResult.failed(c.index(), c.configKey(), wg, dispatch, compileMs, message(e)));
        }
    }

    /** Takes one more timed sample of {@code p} (ms per dispatch). */
    void sample(Prepared p, boolean timestamps) {
        DispatchSize d = p.candidate.kernel().dispatch();
        p.samples[p.count++] = timestamps ? sampleTimestamps(p.pipeline, p.group, d, p.repeat)
                : sampleSubmit(p.pipeline, p.group, d, p.repeat);
    }

    /** The result of a prepared candidate from its samples: median, min, max and rates. */
    CandidateResult result(Prepared p) {
        if (p.failed != null) return p.failed;
        double[] sorted = Arrays.copyOf(p.samples, p.count);
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        double gflops = bench.flops() > 0 ? bench.flops() / (median * 1e6) : Double.NaN;
        double gbps = bench.bytes() / (median * 1e6);
        BenchCase.Candidate c = p.candidate;
        return new CandidateResult(c.index(), c.configKey(), p.workgroup, p.dispatch, p.compileMs, median, sorted[0],
                sorted[n - 1], p.repeat, n, gflops, gbps, p.error, null);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Every candidate of a case binds the case's buffers: check the sizes agree before binding. */
    private void checkBindings(KernelInstance k) {
        List<Binding> b = k.bindings();
        if (b.size() != buffers.length) {
            throw new IllegalStateException("kernel " + k.cacheKey() + " has " + b.size() + " bindings, the case "
                    + buffers.length);
        }
        List<float[]> inputs = bench.inputs();
        for (int i = 0; i < b.size(); i++) {
            long want = i < inputs.size() ? inputs.get(i).length : outputElements;
            if (b.get(i).elements() != want) {
                throw new IllegalStateException("kernel " + k.cacheKey() + " binding " + b.get(i).name() + " has "
                        + b.get(i).elements() + " elements, the case " + want);
            }
        }
    }

    /** One dispatch on a NaN-filled output; the output read back. */
    private float[] runOnce(GPUPipeline.Compute pipeline, GPUBindGroup group, DispatchSize d, String what) {
        GPUBuffer output = buffers[buffers.length - 1];
        transfer.fill(output, outputElements, Float.NaN);
        GPUCommandEncoder enc = gpu.createEncoder("workbench check");
        GPUComputePassEncoder pass = enc.beginComputePass();
        dispatch(pass, pipeline, group, d, 1);
        pass.end();
        enc.copyBufferToBuffer(output, 0, readback, 0, 4.0 * outputElements);
        gpu.scoped(what, () -> gpu.submit(enc));
        Settled.await(readback.mapAsync(GPUBuffer.MapMode.READ), what + ": reading the output back");
        float[] out = transfer.downloadFloats(readback.getMappedRange(), 0, (int) outputElements);
        readback.unmap();
        gpu.checkHealthy(what);
        return out;
    }

    private static void dispatch(GPUComputePassEncoder pass, GPUPipeline.Compute pipeline, GPUBindGroup group,
                                 DispatchSize d, int repeat) {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, group);
        for (int i = 0; i < repeat; i++) pass.dispatchWorkgroups(d.x(), d.y(), d.z());
    }

    /** One sample: ms per dispatch from the begin/end timestamps of a pass of {@code repeat} dispatches. */
    private double sampleTimestamps(GPUPipeline.Compute pipeline, GPUBindGroup group, DispatchSize d, int repeat) {
        if (passTimestamps == null) passTimestamps = timer.timestamps(1);
        GPUCommandEncoder enc = gpu.createEncoder("workbench timing");
        GPUComputePassEncoder pass = enc.beginComputePass(passTimestamps.pass(0));
        dispatch(pass, pipeline, group, d, repeat);
        pass.end();
        passTimestamps.resolve(enc);
        gpu.submit(enc);
        return passTimestamps.readMs()[0] / repeat;
    }

    /** One sample: wall ms from submit to onSubmittedWorkDone, per dispatch. */
    private double sampleSubmit(GPUPipeline.Compute pipeline, GPUBindGroup group, DispatchSize d, int repeat) {
        GPUCommandEncoder enc = gpu.createEncoder("workbench timing");
        GPUComputePassEncoder pass = enc.beginComputePass();
        dispatch(pass, pipeline, group, d, repeat);
        pass.end();
        return timer.submitAndAwait(enc, "timing by submission") / repeat;
    }
}
