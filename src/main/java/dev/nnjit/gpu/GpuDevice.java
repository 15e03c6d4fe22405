package dev.nnjit.gpu;

import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterInfo;
import dev.nnjit.schedule.AdapterLimits;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Navigator;
import org.teavm.jso.core.JSArray;
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
 * <p>Acquisition requests the adapter's own value of every limit in {@link AdapterLimits#NAMES}, not the spec
 * defaults a plain {@code requestDevice()} would give (128 MiB storage bindings instead of the adapter's larger
 * ones), and each of {@link #OPTIONAL_FEATURES} the adapter offers. Device loss and uncaptured errors are recorded on
 * the JS side as they happen; {@link #checkHealthy(String)} turns them into exceptions at the next use, so a lost
 * device fails the next run with the browser's reason instead of hanging.
 */
public final class GpuDevice {
    /**
     * Features requested when the adapter offers them: {@code timestamp-query} (kernel timing), {@code subgroups}
     * and {@code shader-f16} (for kernels that may use them; a kernel checks {@link #hasFeature} first).
     */
    public static final List<String> OPTIONAL_FEATURES = List.of("timestamp-query", "subgroups", "shader-f16");

    private final GPUDevice device;
    private final GPUQueue queue;
    private final AdapterInfo adapter;
    private final AdapterLimits limits;
    private final List<String> features;
    private final AdapterFeatures scheduleFeatures;
    private final JSObject state;

    private GpuDevice(GPUDevice device, AdapterInfo adapter, int[] subgroupSizes, Set<String> wgslFeatures) {
        this.device = device;
        this.queue = device.getQueue();
        this.adapter = adapter;
        this.limits = AdapterReader.limits(device.getLimits());
        this.features = List.of(AdapterReader.features(device.getFeatures()));
        this.scheduleFeatures = AdapterFeatures.of(new HashSet<>(features), wgslFeatures, subgroupSizes[0], subgroupSizes[1])
                .withSoftwareAdapter(adapter.softwareRenderer());
        this.state = watch(device);
    }

    /** Whether this page exposes {@code navigator.gpu} at all. */
    public static boolean isSupported() { return Navigator.isWebGPUSupported(); }

    /**
     * Requests an adapter and a device with the adapter's limits and the optional features it offers. Throws
     * {@link GpuException} naming the step that failed (no WebGPU, no adapter, device request rejected).
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
        AdapterInfo info = AdapterReader.info(adapter);
        GPUDescriptor.Device desc = deviceDescriptor("nnjit");
        for (String name : AdapterLimits.NAMES) requireLimit(desc, adapter.getLimits(), name);
        for (String name : OPTIONAL_FEATURES) {
            if (info.hasFeature(name)) requireFeature(desc, name);
        }
        GPUDevice device = Settled.await(adapter.requestDevice(desc), "requesting a WebGPU device");
        if (device == null) throw new GpuException("requesting a WebGPU device: the adapter returned none");
        return new GpuDevice(device, info, AdapterReader.subgroupSizes(adapter),
                new HashSet<>(Arrays.asList(AdapterReader.wgslLanguageFeatures(gpu))));
    }

    // Names go to JS as @JSBody string parameters, one at a time: a JSArray.of(String...) reaches JS as wrapped Java
    // objects under Wasm GC, and Chromium then ignores every limit ("The limit "[object Object]" is not recognized").
    @JSBody(params = "label", script = "return {label: label, requiredLimits: {}, requiredFeatures: []};")
    private static native GPUDescriptor.Device deviceDescriptor(String label);

    @JSBody(params = {"desc", "adapterLimits", "name"}, script = "desc.requiredLimits[name] = adapterLimits[name];")
    private static native void requireLimit(GPUDescriptor.Device desc, JSObject adapterLimits, String name);

    @JSBody(params = {"desc", "name"}, script = "desc.requiredFeatures.push(name);")
    private static native void requireFeature(GPUDescriptor.Device desc, String name);

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

    /** The device's limits, as the device reports them (the adapter's, as requested). */
    public AdapterLimits limits() { return limits; }

    /** The device's features, sorted: the {@link #OPTIONAL_FEATURES} the adapter offered (plus any implied). */
    public List<String> features() { return features; }

    public boolean hasFeature(String name) { return features.contains(name); }

    /**
     * What schedule spaces may use of this device: its features (subgroups, shader-f16), the WGSL language features
     * of the browser ({@code subgroup_id}) and the adapter's subgroup sizes.
     */
    public AdapterFeatures scheduleFeatures() { return scheduleFeatures; }

    public boolean hasTimestampQuery() { return hasFeature("timestamp-query"); }

    /** The adapter this device came from: its identity, features and limits (a tuning cache's namespace). */
    public AdapterInfo adapter() { return adapter; }

    /** "vendor architecture [device]" as the adapter reports it, e.g. "google swiftshader". */
    public String description() { return adapter.summary(); }

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
