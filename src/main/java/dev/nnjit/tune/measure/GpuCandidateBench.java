package dev.nnjit.tune.measure;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.GpuTimer;
import dev.nnjit.gpu.GpuTransfer;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.gpu.Settled;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.CandidateBench;
import dev.nnjit.tune.TuningSite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * Measures kernels on a WebGPU device (browser only): the one measuring mechanism of nnjit, behind the tuner's
 * {@link CandidateBench} and the kernel workbench. It owns its buffers, staging and timestamp queries; it never
 * touches an executable's.
 *
 * <p>Buffers: one per binding of the kernel the bench is opened with (every candidate binds the same buffers). Read
 * bindings of f32 hold seeded values uniform in [-1, 1) ({@link #SEED}; or the caller's inputs, as the workbench
 * passes its case's), integer and bool bindings hold 0 (WebGPU zero-initialises buffers; 0 is always a valid index).
 * Written bindings are filled with NaN before each {@link #output} run, so an element a kernel forgets to write
 * fails any comparison.
 *
 * <p>Compiling: the legality check ({@link KernelInstance#violation}) first, then
 * {@link KernelPipelines#prepare} (createComputePipelineAsync, awaited) under an error scope.
 *
 * <p>Timing (through {@link GpuTimer}): a sample is R dispatches of the kernel in one compute pass, submitted
 * alone, divided by R. R is chosen at a candidate's first sample from a one-dispatch calibration sample, so that a
 * sample lasts at least {@value #TARGET_TIMESTAMP_MS} ms with timestamp queries (Chromium rounds timestamps to
 * 100 us unless started with --enable-webgpu-developer-features) or {@value #TARGET_SUBMIT_MS} ms by submission
 * (submit and onSubmittedWorkDone cost a round trip to the GPU process). With timestamps a sample is the pass's end
 * minus begin; without, the wall time from submit until onSubmittedWorkDone. A sample of one long dispatch (with
 * timestamps) is preceded by an untimed {@link CacheEviction} pass, so the kernel reads its inputs from memory as
 * it does inside a model. Batched dispatches read rotating copies of the read bindings instead ({@link #copies}):
 * enough copies that each dispatch's inputs were last touched more than {@link CacheEviction#BYTES} of reads ago, so
 * they too come from memory. Without that, a GPU's L2 (50 MiB on an H100) kept a 16x2048x2048 matmul's 16 MiB
 * weight between the dispatches of a sample, and schedules that read it twice (two 8-row blocks) timed 1.4x faster
 * alone while making llama2-2l 1.9x slower; only bindings too small to matter stay warm.
 */
public final class GpuCandidateBench implements CandidateBench {
    public static final double TARGET_TIMESTAMP_MS = 1.0;
    public static final double TARGET_SUBMIT_MS = 10.0;
    public static final int MAX_REPEAT = 256;
    /** Most copies of the read bindings: inputs under BYTES / (MAX_COPIES - 1) in all stay cache-warm (small data). */
    static final int MAX_COPIES = 16;
    /** The seed of the tuner's inputs. */
    public static final long SEED = 0x6E6E6A6974L;

    /** A compiled candidate: its kernel, pipeline, bind group over the bench's buffers, and repeat (0: uncalibrated). */
    private static final class Compiled {
        final KernelInstance kernel;
        final GPUPipeline.Compute pipeline;
        final GPUBindGroup group;
        /** Bind groups over each copy of the read bindings (index 0: {@link #group}), made when first dispatched. */
        GPUBindGroup[] copyGroups;
        int repeat;

        Compiled(KernelInstance kernel, GPUPipeline.Compute pipeline, GPUBindGroup group) {
            this.kernel = kernel;
            this.pipeline = pipeline;
            this.group = group;
        }
    }

    private final GpuDevice gpu;
    private final KernelPipelines pipelines;
    private final GpuTransfer transfer;
    private final GpuTimer timer;
    /** Timing by timestamp queries; turned off for good when a pass of the most dispatches still reads 0. */
    private boolean timestamps;
    private boolean timestampsReadZero;
    private final Map<String, Compiled> compiled = new HashMap<>();
    private List<Binding> bindings;
    private GPUBuffer[] buffers;
    /**
     * Per copy, the buffers a dispatch binds (copy 0 is {@link #buffers}; the others share the written bindings and
     * hold copies of the read ones), made at the first batched sample; {@link #nextCopy} rotates through them across
     * samples, so a copy comes round again only after the others were read.
     */
    private GPUBuffer[][] copies;
    private int copyCount = 1;
    private int nextCopy;
    private GPUBuffer readback;
    private long readbackBytes;
    private GpuTimer.PassTimestamps passTimestamps;

    /**
     * @param pipelines the pipeline cache to compile through (the page's shared one, so a winner is compiled once;
     *     or a fresh one, for real compile times)
     * @param useTimestamps time with timestamp queries where the device has them (false: always by submission)
     */
    public GpuCandidateBench(GpuDevice gpu, KernelPipelines pipelines, boolean useTimestamps) {
        this.gpu = gpu;
        this.pipelines = pipelines;
        this.transfer = new GpuTransfer(gpu);
        this.timer = new GpuTimer(gpu);
        this.timestamps = useTimestamps && timer.hasTimestamps();
    }

    /** Whether samples are timed by timestamp queries (else by submission). */
    public boolean timestamps() { return timestamps; }

    // ---- CandidateBench ----

    @Override public void open(TuningSite<?> site) { open(site.defaultInstance().bindings(), null); }

    @Override public String compile(TuningSite<?> site, String key) { return compile(key, site.instance(key)); }

    @Override public double sample(TuningSite<?> site, String key) { return sample(key); }

    @Override public float[] output(TuningSite<?> site, String key) { return output(key); }

    @Override public void close(TuningSite<?> site) { close(); }

    @Override public String timing() {
        return timestamps ? "timestamp-query" : timestampsReadZero ? "submit (timestamp-query read 0)" : "submit";
    }

    // ---- the mechanism ----

    /**
     * Creates one buffer per binding. {@code readInputs}, when not null, gives the f32 values of the read bindings
     * in binding order (the workbench's case inputs); when null, f32 read bindings are seeded from {@link #SEED}.
     */
    public void open(List<Binding> kernelBindings, List<float[]> readInputs) {
        close();
        bindings = List.copyOf(kernelBindings);
        buffers = new GPUBuffer[bindings.size()];
        int usage = GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_SRC | GPUBuffer.Usage.COPY_DST;
        SeededInputs seeded = new SeededInputs(SEED);
        gpu.scoped("creating the bench's buffers", () -> {
            int input = 0;
            long written = 0;
            for (int i = 0; i < bindings.size(); i++) {
                Binding b = bindings.get(i);
                buffers[i] = gpu.createBuffer(b.sizeBytes(), usage, "bench " + b.name());
                if (b.access() == Binding.Access.READ_WRITE) {
                    written += b.sizeBytes();
                } else if (b.type() == ScalarType.F32) {
                    float[] v = readInputs != null ? readInputs.get(input) : seeded.uniform(b.elements(), -1, 1);
                    if (v.length != b.elements()) {
                        throw new IllegalArgumentException("binding " + b.name() + " has " + b.elements()
                                + " elements, its input " + v.length);
                    }
                    transfer.upload(buffers[i], v);
                }
                if (b.access() == Binding.Access.READ) input++;
            }
            readbackBytes = written;
        });
        copyCount = copyCount(bindings);
        copies = null;
        nextCopy = 0;
        readback = gpu.createBuffer(Math.max(4, readbackBytes), GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST,
                "bench readback");
    }

    /** Compiles a kernel for the open buffers; null on success, else why it cannot run (nothing is thrown). */
    public String compile(String key, KernelInstance k) {
        String violation = k.violation(gpu.limits());
        if (violation != null) return violation;
        String mismatch = mismatch(k);
        if (mismatch != null) return mismatch;
        try {
            gpu.scoped("compiling " + key, () -> pipelines.prepare(List.of(k)));
            GPUPipeline.Compute pipeline = pipelines.get(k).pipeline();
            GPUBindGroup group = pipelines.bindGroup(k, buffers, key);
            gpu.checkHealthy("compiling " + key);
            compiled.put(key, new Compiled(k, pipeline, group));
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    /** Dispatches per sample of a compiled kernel (0 before its first {@link #sample}). */
    public int repeat(String key) { return get(key).repeat; }

    /** One timed sample of a compiled kernel, in ms per dispatch (the first also calibrates the repeat count). */
    public double sample(String key) {
        Compiled c = get(key);
        if (c.repeat == 0) {
            double once = time(c, 1);
            double target = timestamps ? TARGET_TIMESTAMP_MS : TARGET_SUBMIT_MS;
            c.repeat = once >= target ? 1 : (int) Math.min(MAX_REPEAT, Math.ceil(target / Math.max(once, 1e-3)));
        }
        double ms = time(c, c.repeat);
        if (timestamps && !(ms > 0)) {
            // Below the timer's resolution (or timestamps that do not advance, seen with Dawn in Node): the most
            // dispatches per sample, then timing by submission for the rest of this bench, every repeat recalibrated.
            if (c.repeat < MAX_REPEAT) {
                c.repeat = MAX_REPEAT;
                ms = time(c, c.repeat);
            }
            if (!(ms > 0)) {
                timestamps = false;
                timestampsReadZero = true;
                for (Compiled other : compiled.values()) other.repeat = 0;
                return sample(key);
            }
        }
        return ms;
    }

    /**
     * One dispatch of a compiled kernel on NaN-filled outputs; the written bindings read back, concatenated in
     * binding order, as f32 (integer and bool elements converted).
     */
    public float[] output(String key) {
        Compiled c = get(key);
        String what = "running " + key + " once";
        for (int i = 0; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            if (b.access() == Binding.Access.READ_WRITE) transfer.fill(buffers[i], b.elements(), Float.NaN);
        }
        GPUCommandEncoder enc = gpu.createEncoder("bench check");
        GPUComputePassEncoder pass = enc.beginComputePass();
        dispatch(pass, c, 1);
        pass.end();
        long offset = 0;
        for (int i = 0; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            if (b.access() != Binding.Access.READ_WRITE) continue;
            enc.copyBufferToBuffer(buffers[i], 0, readback, offset, b.sizeBytes());
            offset += b.sizeBytes();
        }
        gpu.scoped(what, () -> gpu.submit(enc));
        Settled.await(readback.mapAsync(GPUBuffer.MapMode.READ), what + ": reading the output back");
        float[] out = new float[(int) (readbackBytes / 4)];
        try {
            ArrayBuffer mapped = readback.getMappedRange();
            int at = 0;
            for (Binding b : bindings) {
                if (b.access() != Binding.Access.READ_WRITE) continue;
                int n = (int) b.elements();
                if (b.type() == ScalarType.F32) {
                    System.arraycopy(transfer.downloadFloats(mapped, at * 4, n), 0, out, at, n);
                } else {
                    long[] v = transfer.download(mapped, at * 4, DType.INT32, new int[] {n}).longs();
                    for (int j = 0; j < n; j++) out[at + j] = v[j];
                }
                at += n;
            }
        } finally {
            readback.unmap();
        }
        gpu.checkHealthy(what);
        return out;
    }

    /**
     * Copies of the read bindings a batched sample rotates through: enough that the other copies' reads exceed
     * {@link CacheEviction#BYTES} (one when the reads alone do, or there are none), at most {@link #MAX_COPIES}.
     */
    static int copyCount(List<Binding> bindings) {
        long read = 0;
        for (Binding b : bindings) if (b.access() == Binding.Access.READ) read += b.sizeBytes();
        if (read == 0 || read >= CacheEviction.BYTES) return 1;
        return (int) Math.min(MAX_COPIES, (CacheEviction.BYTES + read - 1) / read + 1);
    }

    /** The buffers of every copy, made (read bindings copied on the device from copy 0) on first use. */
    private GPUBuffer[][] copies() {
        if (copies != null) return copies;
        GPUBuffer[][] made = new GPUBuffer[copyCount][];
        made[0] = buffers;
        int usage = GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_SRC | GPUBuffer.Usage.COPY_DST;
        gpu.scoped("copying the bench's inputs", () -> {
            GPUCommandEncoder enc = gpu.createEncoder("bench input copies");
            for (int k = 1; k < made.length; k++) {
                made[k] = buffers.clone();
                for (int i = 0; i < bindings.size(); i++) {
                    Binding b = bindings.get(i);
                    if (b.access() != Binding.Access.READ) continue;
                    made[k][i] = gpu.createBuffer(b.sizeBytes(), usage, "bench " + b.name() + " copy " + k);
                    enc.copyBufferToBuffer(buffers[i], 0, made[k][i], 0, b.sizeBytes());
                }
            }
            gpu.submit(enc);
        });
        copies = made;
        return made;
    }

    /** Releases the buffers and forgets compiled kernels (pipelines stay in their cache). */
    public void close() {
        if (copies != null) {
            for (int k = 1; k < copies.length; k++) {
                for (int i = 0; i < copies[k].length; i++) if (copies[k][i] != buffers[i]) copies[k][i].destroy();
            }
        }
        copies = null;
        if (buffers != null) for (GPUBuffer b : buffers) if (b != null) b.destroy();
        if (readback != null) readback.destroy();
        if (passTimestamps != null) passTimestamps.destroy();
        if (evictScratch != null) evictScratch.destroy();
        evictScratch = null;
        evict = null;
        buffers = null;
        readback = null;
        passTimestamps = null;
        bindings = null;
        compiled.clear();
    }

    private Compiled get(String key) {
        Compiled c = compiled.get(key);
        if (c == null) throw new IllegalStateException("candidate " + key + " was not compiled on this bench");
        return c;
    }

    /** Why {@code k} cannot bind the open buffers, or null. */
    private String mismatch(KernelInstance k) {
        if (bindings == null) throw new IllegalStateException("the bench is not open");
        List<Binding> b = k.bindings();
        if (b.size() != bindings.size()) return k.cacheKey() + " has " + b.size() + " bindings, the bench " + bindings.size();
        for (int i = 0; i < b.size(); i++) {
            Binding x = bindings.get(i);
            Binding y = b.get(i);
            if (x.elements() != y.elements() || x.type() != y.type() || x.access() != y.access()) {
                return k.cacheKey() + " binding " + y.name() + " (" + y.elements() + " " + y.type() + " " + y.access()
                        + ") differs from the bench's " + x.name() + " (" + x.elements() + " " + x.type() + " "
                        + x.access() + ")";
            }
        }
        return null;
    }

    private static void dispatch(GPUComputePassEncoder pass, Compiled c, int repeat) {
        pass.setPipeline(c.pipeline);
        pass.setBindGroup(0, c.group);
        DispatchSize d = c.kernel.dispatch();
        for (int i = 0; i < repeat; i++) pass.dispatchWorkgroups(d.x(), d.y(), d.z());
    }

    /** A timed batch: {@code repeat} dispatches, each over the next copy of the inputs (see {@link #copies}). */
    private void dispatchRotating(GPUComputePassEncoder pass, Compiled c, int repeat) {
        if (copyCount == 1 || repeat == 1) {
            dispatch(pass, c, repeat);
            return;
        }
        if (c.copyGroups == null) {
            GPUBuffer[][] all = copies();
            c.copyGroups = new GPUBindGroup[all.length];
            c.copyGroups[0] = c.group;
            for (int k = 1; k < all.length; k++) {
                c.copyGroups[k] = pipelines.bindGroup(c.kernel, all[k], c.kernel.cacheKey() + " copy " + k);
            }
        }
        pass.setPipeline(c.pipeline);
        DispatchSize d = c.kernel.dispatch();
        for (int i = 0; i < repeat; i++) {
            pass.setBindGroup(0, c.copyGroups[nextCopy]);
            nextCopy = (nextCopy + 1) % copyCount;
            pass.dispatchWorkgroups(d.x(), d.y(), d.z());
        }
    }

    /**
     * The cache-eviction pass's kernel, pipeline and bind group over its scratch buffer (made at the first sample
     * that needs it), or null.
     */
    private Compiled evict;
    private GPUBuffer evictScratch;

    /**
     * Encodes the untimed {@link CacheEviction} pass ahead of a sample of one long dispatch (with timestamps only:
     * submission timing would count it). Short kernels are batched R to a sample and keep warm caches: their data is
     * small, and inside a model it was mostly just written by the kernel before.
     */
    private void evictCaches(GPUCommandEncoder enc) {
        if (evict == null) {
            KernelInstance k = CacheEviction.kernel();
            if (k.violation(gpu.limits()) != null) return; // a device too small to need it
            gpu.scoped("preparing the cache-eviction kernel", () -> pipelines.prepare(List.of(k)));
            evictScratch = gpu.createBuffer(CacheEviction.BYTES, GPUBuffer.Usage.STORAGE, "bench cache eviction");
            evict = new Compiled(k, pipelines.get(k).pipeline(),
                    pipelines.bindGroup(k, new GPUBuffer[] {evictScratch}, "cache eviction"));
        }
        GPUComputePassEncoder pass = enc.beginComputePass();
        dispatch(pass, evict, 1);
        pass.end();
    }

    /** ms per dispatch of one pass of {@code repeat} dispatches. */
    private double time(Compiled c, int repeat) {
        if (!timestamps) {
            GPUCommandEncoder enc = gpu.createEncoder("bench timing");
            GPUComputePassEncoder pass = enc.beginComputePass();
            dispatchRotating(pass, c, repeat);
            pass.end();
            return timer.submitAndAwait(enc, "timing by submission") / repeat;
        }
        if (passTimestamps == null) passTimestamps = timer.timestamps(1);
        GPUCommandEncoder enc = gpu.createEncoder("bench timing");
        if (repeat == 1) evictCaches(enc);
        GPUComputePassEncoder pass = enc.beginComputePass(passTimestamps.pass(0));
        dispatchRotating(pass, c, repeat);
        pass.end();
        passTimestamps.resolve(enc);
        gpu.submit(enc);
        return passTimestamps.readMs()[0] / repeat;
    }
}
