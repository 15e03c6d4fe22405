package dev.nnjit.gpu;

import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUDescriptor;
import org.teavm.jso.webgpu.GPUDevice;

/**
 * The one implementation of GPU timing in nnjit (browser only); the run profiler and the kernel workbench both time
 * through it, so their numbers mean the same thing. Two mechanisms:
 * <ul>
 *   <li><b>timestamp queries</b> ({@link PassTimestamps}): each timed compute pass writes a begin and an end timestamp
 *       into a query set; after the passes, the same command buffer resolves the queries into a buffer, which is read
 *       back once the work is done. A pass's time is end minus begin (GPU time, no host round trip).
 *   <li><b>submission</b> ({@link #submitAndAwait}): a command buffer submitted alone, then
 *       {@code onSubmittedWorkDone} awaited; the wall time between (includes a round trip to the GPU process), for
 *       adapters without {@code timestamp-query}.
 * </ul>
 *
 * <p>Resolution: Chromium rounds timestamps to 100 us unless started with --enable-webgpu-developer-features (a
 * user's browser is not), so a kernel much shorter than that must be timed as a pass of many dispatches, divided by
 * their number: the caller chooses that batching (the workbench's {@code repeat}).
 */
public final class GpuTimer {
    /** Queries per query set: WebGPU's maximum {@code count}. */
    static final int QUERIES_PER_SET = 4096;
    private static final int PASSES_PER_SET = QUERIES_PER_SET / 2;

    private final GpuDevice gpu;

    public GpuTimer(GpuDevice gpu) { this.gpu = gpu; }

    /** Whether the device can time passes with timestamp queries. */
    public boolean hasTimestamps() { return gpu.hasTimestampQuery(); }

    /** Query sets and buffers to time {@code passes} compute passes of one command buffer; reusable, see the class. */
    public PassTimestamps timestamps(int passes) { return new PassTimestamps(passes); }

    /**
     * Submits {@code encoder} (finishing it) alone and waits until the GPU has done all submitted work.
     *
     * @return wall milliseconds from submit until {@code onSubmittedWorkDone} resolved
     */
    public double submitAndAwait(GPUCommandEncoder encoder, String what) {
        long t0 = System.nanoTime();
        gpu.submit(encoder);
        gpu.awaitIdle(what);
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Begin/end timestamps of a fixed number of compute passes, in query sets of {@value #QUERIES_PER_SET}. Use per
     * command buffer: begin pass {@code i} with {@link #pass(int)} for every i below {@link #passes()}, call
     * {@link #resolve} after the last pass, submit, then {@link #readMs}. The same object may time the next command
     * buffer the same way; {@link #destroy} frees it.
     */
    public final class PassTimestamps {
        private final int passes;
        private final GPUDevice.QuerySet[] sets;
        private final GPUBuffer resolved;
        private final GPUBuffer read;

        private PassTimestamps(int passes) {
            if (passes < 1) throw new IllegalArgumentException("passes must be positive, got " + passes);
            this.passes = passes;
            sets = new GPUDevice.QuerySet[(passes + PASSES_PER_SET - 1) / PASSES_PER_SET];
            for (int s = 0; s < sets.length; s++) {
                GPUDescriptor.QuerySet d = GPUDescriptor.create();
                d.setType("timestamp");
                d.setCount(2 * Math.min(PASSES_PER_SET, passes - s * PASSES_PER_SET));
                sets[s] = gpu.raw().createQuerySet(d);
            }
            long bytes = 16L * passes;
            resolved = gpu.createBuffer(bytes, GPUBuffer.Usage.QUERY_RESOLVE | GPUBuffer.Usage.COPY_SRC, "timestamps");
            read = gpu.createBuffer(bytes, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST, "timestamps read");
        }

        public int passes() { return passes; }

        /** The descriptor for compute pass {@code i}: writes its begin and end timestamps. */
        public GPUDescriptor.ComputePass pass(int i) {
            GPUDescriptor.ComputePassTimestampWrites w = GPUDescriptor.create();
            w.setQuerySet(sets[i / PASSES_PER_SET]);
            w.setBeginningOfPassWriteIndex(2 * (i % PASSES_PER_SET));
            w.setEndOfPassWriteIndex(2 * (i % PASSES_PER_SET) + 1);
            GPUDescriptor.ComputePass d = GPUDescriptor.create();
            d.setTimestampWrites(w);
            return d;
        }

        /** Encodes resolving every pass's timestamps and copying them into the mappable buffer. */
        public void resolve(GPUCommandEncoder encoder) {
            for (int s = 0; s < sets.length; s++) {
                int used = Math.min(PASSES_PER_SET, passes - s * PASSES_PER_SET);
                encoder.resolveQuerySet(sets[s], 0, 2 * used, resolved, (double) s * PASSES_PER_SET * 16);
            }
            encoder.copyBufferToBuffer(resolved, 0, read, 0, 16.0 * passes);
        }

        /**
         * After the command buffer was submitted: waits for the timestamps and returns each pass's end minus begin
         * in milliseconds (0 where the clock went back).
         */
        public double[] readMs() {
            Settled.await(read.mapAsync(GPUBuffer.MapMode.READ), "reading kernel timestamps");
            // Read in JS while mapped: the 64-bit values are converted there, because copying a BigInt64Array into
            // Java fails on Wasm GC, and a mapped range reads as empty after unmap on the JS target.
            double[] ms = durations(read.getMappedRange(), passes);
            read.unmap();
            return ms;
        }

        public void destroy() {
            resolved.destroy();
            read.destroy();
            for (GPUDevice.QuerySet q : sets) q.destroy();
        }
    }

    /** (end - begin) of each pass in ms from resolved 64-bit nanosecond timestamps; 0 where the clock went back. */
    @JSBody(params = {"buffer", "passes"}, script = "var t = new BigUint64Array(buffer); var r = [];"
            + " for (var i = 0; i < passes; i++) { var b = t[2 * i], e = t[2 * i + 1];"
            + "   r.push(e > b ? Number(e - b) / 1e6 : 0); }"
            + " return r;")
    private static native double[] durations(ArrayBuffer buffer, int passes);
}
