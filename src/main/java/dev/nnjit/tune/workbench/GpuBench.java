package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.HostStaging;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.gpu.Settled;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
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
 * Runs the candidates of one {@link BenchCase} on a WebGPU device (browser only): the case's inputs are uploaded
 * once into buffers every candidate binds; each candidate is compiled, run once on an output buffer filled with NaN
 * (so an element a kernel forgets to write fails the comparison), read back and compared, then timed.
 *
 * <p>Timing: a sample is {@code repeat} dispatches of the kernel in one compute pass, {@code repeat} chosen after a
 * one-dispatch calibration sample so that a sample lasts at least {@value #TARGET_TIMESTAMP_MS} ms with timestamps
 * (Chromium rounds timestamps to 100 us unless started with --enable-webgpu-developer-features) or
 * {@value #TARGET_SUBMIT_MS} ms by wall time (submit and onSubmittedWorkDone cost a round trip to the GPU process).
 * With timestamp-query all samples are passes of one command buffer, each with begin/end timestamps; without it,
 * each sample is submitted alone and timed from submit until onSubmittedWorkDone resolves. Dispatches of a sample
 * rewrite the same output, so caches are warm: this measures the kernel, not the first touch of its data.
 */
final class GpuBench {
    static final double TARGET_TIMESTAMP_MS = 1.0;
    static final double TARGET_SUBMIT_MS = 10.0;
    static final int MAX_REPEAT = 256;

    private final GpuDevice gpu;
    private final BenchCase bench;
    private final KernelPipelines pipelines;
    private final HostStaging staging = new HostStaging();
    private final GPUBuffer[] buffers;
    private final GPUBuffer readback;
    private final long outputElements;

    GpuBench(GpuDevice gpu, BenchCase bench) {
        this.gpu = gpu;
        this.bench = bench;
        this.pipelines = new KernelPipelines(gpu);
        List<float[]> inputs = bench.inputs();
        outputElements = bench.outputElements();
        buffers = new GPUBuffer[inputs.size() + 1];
        int usage = GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_SRC | GPUBuffer.Usage.COPY_DST;
        gpu.scoped("uploading the workbench inputs", () -> {
            for (int i = 0; i < inputs.size(); i++) {
                buffers[i] = gpu.createBuffer(4L * inputs.get(i).length, usage, "input " + i);
                upload(buffers[i], inputs.get(i));
            }
            buffers[inputs.size()] = gpu.createBuffer(4 * outputElements, usage, "output");
        });
        readback = gpu.createBuffer(4 * outputElements, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST, "readback");
    }

    void destroy() {
        for (GPUBuffer b : buffers) if (b != null) b.destroy();
        readback.destroy();
    }

    /** Compiles, checks and times one candidate; failures are reported in the result, not thrown. */
    CandidateResult measure(BenchCase.Candidate c, int runs, boolean timestamps) {
        KernelInstance k = c.kernel();
        String wg = k.workgroupSizeX() + "x" + k.workgroupSizeY() + "x" + k.workgroupSizeZ();
        DispatchSize d = k.dispatch();
        String dispatch = d.x() + "x" + d.y() + "x" + d.z();
        String violation = k.violation(gpu.limits());
        if (violation != null) return CandidateResult.failed(c.index(), c.configKey(), wg, dispatch, Double.NaN, violation);
        checkBindings(k);
        double compileMs;
        try {
            long t0 = System.nanoTime();
            gpu.scoped("compiling candidate " + c.index() + " (" + c.configKey() + ")",
                    () -> pipelines.prepare(List.of(k)));
            compileMs = (System.nanoTime() - t0) / 1e6;
        } catch (RuntimeException e) {
            return CandidateResult.failed(c.index(), c.configKey(), wg, dispatch, Double.NaN, message(e));
        }
        try {
            GPUPipeline.Compute pipeline = pipelines.get(k).pipeline();
            GPUBindGroup group = pipelines.bindGroup(k, buffers, c.configKey());
            float[] out = runOnce(pipeline, group, d, "running candidate " + c.index() + " (" + c.configKey() + ")");
            ErrorStats error = bench.tolerance().compare(out, bench.reference());

            double[] calibration = timestamps ? sampleTimestamps(pipeline, group, d, 1, 1) : sampleSubmit(pipeline, group, d, 1, 1);
            double target = timestamps ? TARGET_TIMESTAMP_MS : TARGET_SUBMIT_MS;
            int repeat = calibration[0] >= target ? 1
                    : (int) Math.min(MAX_REPEAT, Math.ceil(target / Math.max(calibration[0], 1e-3)));
            double[] ms = timestamps ? sampleTimestamps(pipeline, group, d, runs, repeat)
                    : sampleSubmit(pipeline, group, d, runs, repeat);
            gpu.checkHealthy("timing candidate " + c.index());
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
            double gflops = bench.flops() > 0 ? bench.flops() / (median * 1e6) : Double.NaN;
            double gbps = bench.bytes() / (median * 1e6);
            return new CandidateResult(c.index(), c.configKey(), wg, dispatch, compileMs, median, sorted[0],
                    sorted[sorted.length - 1], repeat, runs, gflops, gbps, error, null);
        } catch (RuntimeException e) {
            return CandidateResult.failed(c.index(), c.configKey(), wg, dispatch, compileMs, message(e));
        }
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
        fillNaN(buffers[buffers.length - 1]);
        GPUCommandEncoder enc = gpu.createEncoder("workbench check");
        GPUComputePassEncoder pass = enc.beginComputePass();
        dispatch(pass, pipeline, group, d, 1);
        pass.end();
        enc.copyBufferToBuffer(buffers[buffers.length - 1], 0, readback, 0, 4.0 * outputElements);
        gpu.scoped(what, () -> gpu.submit(enc));
        Settled.await(readback.mapAsync(GPUBuffer.MapMode.READ), what + ": reading the output back");
        ArrayBuffer mapped = readback.getMappedRange();
        float[] out = new float[(int) outputElements];
        int chunk = HostStaging.CHUNK_BYTES / 4;
        for (int off = 0; off < out.length; off += chunk) {
            int len = Math.min(chunk, out.length - off);
            staging.read(mapped, off * 4, len * 4).asFloatBuffer().get(out, off, len);
        }
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

    /** Per sample: ms per dispatch from the pass's begin/end timestamps; all samples in one submit. */
    private double[] sampleTimestamps(GPUPipeline.Compute pipeline, GPUBindGroup group, DispatchSize d, int samples,
                                      int repeat) {
        GPUDescriptor.QuerySet qd = GPUDescriptor.create();
        qd.setType("timestamp");
        qd.setCount(2 * samples);
        GPUDevice.QuerySet set = gpu.raw().createQuerySet(qd);
        GPUBuffer resolve = gpu.createBuffer(16L * samples, GPUBuffer.Usage.QUERY_RESOLVE | GPUBuffer.Usage.COPY_SRC,
                "timestamps");
        GPUBuffer read = gpu.createBuffer(16L * samples, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST,
                "timestamps read");
        try {
            GPUCommandEncoder enc = gpu.createEncoder("workbench timing");
            for (int s = 0; s < samples; s++) {
                GPUDescriptor.ComputePassTimestampWrites w = GPUDescriptor.create();
                w.setQuerySet(set);
                w.setBeginningOfPassWriteIndex(2 * s);
                w.setEndOfPassWriteIndex(2 * s + 1);
                GPUDescriptor.ComputePass pd = GPUDescriptor.create();
                pd.setTimestampWrites(w);
                GPUComputePassEncoder pass = enc.beginComputePass(pd);
                dispatch(pass, pipeline, group, d, repeat);
                pass.end();
            }
            enc.resolveQuerySet(set, 0, 2 * samples, resolve, 0);
            enc.copyBufferToBuffer(resolve, 0, read, 0, 16.0 * samples);
            gpu.scoped("timing with timestamp queries", () -> gpu.submit(enc));
            Settled.await(read.mapAsync(GPUBuffer.MapMode.READ), "reading timestamps");
            double[] ms = durations(read.getMappedRange(), samples, repeat);
            read.unmap();
            return ms;
        } finally {
            resolve.destroy();
            read.destroy();
            set.destroy();
        }
    }

    /** Per sample: wall ms from submit to onSubmittedWorkDone, per dispatch. */
    private double[] sampleSubmit(GPUPipeline.Compute pipeline, GPUBindGroup group, DispatchSize d, int samples,
                                  int repeat) {
        double[] ms = new double[samples];
        for (int s = 0; s < samples; s++) {
            GPUCommandEncoder enc = gpu.createEncoder("workbench timing");
            GPUComputePassEncoder pass = enc.beginComputePass();
            dispatch(pass, pipeline, group, d, repeat);
            pass.end();
            long t0 = System.nanoTime();
            gpu.submit(enc);
            gpu.awaitIdle("timing by submission");
            ms[s] = (System.nanoTime() - t0) / 1e6 / repeat;
        }
        return ms;
    }

    /** (end - begin) / repeat in ms for each sample, from resolved 64-bit nanosecond timestamps (0 if it went back). */
    @JSBody(params = {"buffer", "samples", "repeat"}, script = "var t = new BigUint64Array(buffer); var r = [];"
            + " for (var i = 0; i < samples; i++) { var b = t[2 * i], e = t[2 * i + 1];"
            + "   r.push(e > b ? Number(e - b) / 1e6 / repeat : 0); }"
            + " return r;")
    private static native double[] durations(ArrayBuffer buffer, int samples, int repeat);

    private void upload(GPUBuffer target, float[] v) {
        int chunk = HostStaging.CHUNK_BYTES / 4;
        for (int off = 0; off < v.length; off += chunk) {
            int len = Math.min(chunk, v.length - off);
            FloatBuffer fb = staging.clear().asFloatBuffer();
            fb.put(v, off, len);
            staging.write(gpu.queue(), target, (long) off * 4, len * 4);
        }
    }

    private void fillNaN(GPUBuffer target) {
        int chunk = HostStaging.CHUNK_BYTES / 4;
        for (long off = 0; off < outputElements; off += chunk) {
            int len = (int) Math.min(chunk, outputElements - off);
            FloatBuffer fb = staging.clear().asFloatBuffer();
            for (int i = 0; i < len; i++) fb.put(Float.NaN);
            staging.write(gpu.queue(), target, off * 4, len * 4);
        }
    }
}
