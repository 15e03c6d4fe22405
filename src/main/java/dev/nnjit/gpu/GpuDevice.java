package dev.nnjit.gpu;

import dev.nnjit.schedule.AdapterLimits;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Navigator;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.webgpu.GPU;
import org.teavm.jso.webgpu.GPUAdapter;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUDescriptor;
import org.teavm.jso.webgpu.GPUDevice;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * One WebGPU device and what nnjit needs to know about it.
 *
 * <p>Acquisition requests the adapter's own values of the limits kernels depend on ({@link #LIMIT_NAMES}), not the
 * spec defaults a plain {@code requestDevice()} would give (128 MiB storage bindings instead of the adapter's
 * larger ones), and the {@code timestamp-query} feature when the adapter has it. Device loss and uncaptured errors
 * are recorded on the JS side as they happen; {@link #checkHealthy(String)} turns them into exceptions at the next
 * use, so a lost device fails the next run with the browser's reason instead of hanging.
 */
public final class GpuDevice {
    /** The limits requested explicitly (adapter values), in {@link AdapterLimits} order plus the uniform ones. */
    static final String[] LIMIT_NAMES = {"maxComputeInvocationsPerWorkgroup", "maxComputeWorkgroupSizeX",
        "maxComputeWorkgroupSizeY", "maxComputeWorkgroupSizeZ", "maxComputeWorkgroupStorageSize",
        "maxStorageBufferBindingSize", "maxComputeWorkgroupsPerDimension", "maxStorageBuffersPerShaderStage",
        "maxBufferSize"};

    private final GPUDevice device;
    private final GPUQueue queue;
    private final AdapterLimits limits;
    private final boolean timestampQuery;
    private final String description;
    private final JSObject state;

    private GpuDevice(GPUDevice device, AdapterLimits limits, boolean timestampQuery, String description) {
        this.device = device;
        this.queue = device.getQueue();
        this.limits = limits;
        this.timestampQuery = timestampQuery;
        this.description = description;
        this.state = watch(device);
    }

    /** Whether this page exposes {@code navigator.gpu} at all. */
    public static boolean isSupported() { return Navigator.isWebGPUSupported(); }

    /**
     * Requests an adapter and a device with the adapter's limits. Throws {@link GpuException} naming the step that
     * failed (no WebGPU, no adapter, device request rejected).
     */
    public static GpuDevice acquire() {
        if (!isSupported()) {
            throw new GpuException("WebGPU is not available in this browser (navigator.gpu is undefined); Chromium needs"
                    + " --enable-unsafe-webgpu on Linux");
        }
        GPU gpu = Navigator.getGPU();
        GPUAdapter adapter = Settled.await(gpu.requestAdapter(), "requesting a WebGPU adapter");
        if (adapter == null) {
            throw new GpuException("requesting a WebGPU adapter: the browser returned none (WebGPU disabled or no"
                    + " usable GPU/driver)");
        }
        boolean timestamps = adapter.getFeatures().has("timestamp-query");
        GPUDescriptor.Device desc = GPUDescriptor.create();
        desc.setRequiredLimits(requiredLimits(adapter.getLimits(), JSArray.of(LIMIT_NAMES)));
        if (timestamps) desc.setRequiredFeatures(new String[] {"timestamp-query"});
        desc.setLabel("nnjit");
        GPUDevice device = Settled.await(adapter.requestDevice(desc), "requesting a WebGPU device");
        if (device == null) throw new GpuException("requesting a WebGPU device: the adapter returned none");
        return new GpuDevice(device, limitsOf(device), timestamps, describe(adapter));
    }

    @JSBody(params = "adapter", script = "var i = adapter.info; if (!i) return 'unknown adapter';"
            + " var parts = [i.vendor, i.architecture, i.device].filter(function(p) { return !!p; });"
            + " return parts.length ? parts.join(' ') : 'unknown adapter';")
    private static native String describe(GPUAdapter adapter);

    /** {name: adapterLimits[name]} for the given names. */
    @JSBody(params = {"limits", "names"}, script = "var r = {}; for (var i = 0; i < names.length; i++)"
            + " r[names[i]] = limits[names[i]]; return r;")
    private static native JSMapLike<JSNumber> requiredLimits(JSObject limits, JSArray<String> names);

    @JSBody(params = {"limits", "name"}, script = "return Number(limits[name]);")
    private static native double limit(JSObject limits, String name);

    private static AdapterLimits limitsOf(GPUDevice device) {
        JSObject l = device.getLimits();
        return new AdapterLimits((int) limit(l, "maxComputeInvocationsPerWorkgroup"),
                (int) limit(l, "maxComputeWorkgroupSizeX"), (int) limit(l, "maxComputeWorkgroupSizeY"),
                (int) limit(l, "maxComputeWorkgroupSizeZ"), (int) limit(l, "maxComputeWorkgroupStorageSize"),
                (long) limit(l, "maxStorageBufferBindingSize"), (int) limit(l, "maxComputeWorkgroupsPerDimension"),
                (int) limit(l, "maxStorageBuffersPerShaderStage"), (long) limit(l, "maxBufferSize"));
    }

    /** A JS object recording loss ({@code lost}) and uncaptured errors ({@code errors}) of the device. */
    @JSBody(params = "device", script = "var s = {lost: null, errors: []};"
            + " device.lost.then(function(info) { s.lost = (info.reason ? info.reason + ': ' : '') + info.message; });"
            + " device.addEventListener('uncapturederror', function(ev) {"
            + "   if (s.errors.length < 16) s.errors.push(ev.error && ev.error.message ? ev.error.message : String(ev)); });"
            + " return s;")
    private static native JSObject watch(GPUDevice device);

    @JSBody(params = "s", script = "return s.lost;")
    private static native String lostReason(JSObject s);

    /** Uncaptured errors since the last call, joined with "; " (null when none); clears them. */
    @JSBody(params = "s", script = "if (s.errors.length === 0) return null; var m = s.errors.join('; ');"
            + " s.errors = []; return m;")
    private static native String takeErrors(JSObject s);

    /** Throws when the device was lost or reported an uncaptured error; {@code what} names the current step. */
    public void checkHealthy(String what) {
        String lost = lostReason(state);
        if (lost != null) throw new GpuException(what + ": the WebGPU device was lost (" + lost + ")");
        String errors = takeErrors(state);
        if (errors != null) throw new GpuException(what + ": WebGPU reported errors: " + errors);
    }

    public GPUDevice raw() { return device; }
    public GPUQueue queue() { return queue; }

    /** The device's limits (the adapter's, as requested). */
    public AdapterLimits limits() { return limits; }

    public boolean hasTimestampQuery() { return timestampQuery; }

    /** "vendor architecture [device]" as the adapter reports it, e.g. "google swiftshader". */
    public String description() { return description; }

    /** A buffer of {@code bytes} (rounded up to a multiple of 4) with the given usage flags. */
    public GPUBuffer createBuffer(long bytes, int usage, String label) {
        GPUDescriptor.Buffer desc = GPUDescriptor.create();
        desc.setSize(roundUp4(Math.max(bytes, 4)));
        desc.setUsage(usage);
        desc.setLabel(label);
        return device.createBuffer(desc);
    }

    public GPUCommandEncoder createEncoder(String label) {
        GPUDescriptor.CommandEncoder desc = GPUDescriptor.create();
        desc.setLabel(label);
        return device.createCommandEncoder(desc);
    }

    /** Submits one command buffer. */
    public void submit(GPUCommandEncoder encoder) {
        queue.submit(JSArray.of(encoder.finish()));
    }

    /** Waits until everything submitted so far has run. */
    public void awaitIdle(String what) {
        Settled.await(queue.onSubmittedWorkDone(), what);
    }

    /**
     * Runs {@code action} inside validation and out-of-memory error scopes and throws the first error it caused,
     * prefixed by {@code what}. Errors are reported asynchronously by WebGPU, so this waits for the scopes to pop.
     */
    public void scoped(String what, Runnable action) {
        device.pushErrorScope("out-of-memory");
        device.pushErrorScope("validation");
        RuntimeException thrown = null;
        try {
            action.run();
        } catch (RuntimeException e) {
            thrown = e;
        }
        String validation = errorMessage(Settled.await(device.popErrorScope(), what));
        String oom = errorMessage(Settled.await(device.popErrorScope(), what));
        if (thrown != null) throw thrown;
        if (validation != null) throw new GpuException(what + ": WebGPU validation error: " + validation);
        if (oom != null) throw new GpuException(what + ": WebGPU is out of memory: " + oom);
    }

    @JSBody(params = "e", script = "return e == null ? null : String(e.message);")
    private static native String errorMessage(JSObject error);

    static double roundUp4(long bytes) { return (double) ((bytes + 3) & ~3L); }

    public void destroy() { device.destroy(); }
}
