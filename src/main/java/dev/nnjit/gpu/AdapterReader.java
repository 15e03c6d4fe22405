package dev.nnjit.gpu;

import dev.nnjit.schedule.AdapterInfo;
import dev.nnjit.schedule.AdapterLimits;
import java.util.Arrays;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.webgpu.GPUAdapter;

/**
 * Reads what WebGPU says about an adapter or device into nnjit's plain records: limits ({@code GPUSupportedLimits}
 * → {@link AdapterLimits}), features ({@code GPUSupportedFeatures} → sorted names) and identity
 * ({@code GPUAdapter.info} → {@link AdapterInfo}). The one place these JS objects are read.
 *
 * <p>Names cross to JS only as {@code @JSBody} string parameters: under Wasm GC a {@code JSArray.of(String...)}
 * hands JS wrapped Java objects, not strings (so a limit looked up by such a name is undefined).
 */
final class AdapterReader {
    private AdapterReader() {}

    /** Every {@link AdapterLimits} limit of a {@code GPUSupportedLimits} (adapter.limits or device.limits). */
    static AdapterLimits limits(JSObject supportedLimits) {
        return AdapterLimits.read(name -> limit(supportedLimits, name));
    }

    /** The names in a {@code GPUSupportedFeatures} set, sorted. */
    static String[] features(JSObject supportedFeatures) {
        String[] names = featureNames(supportedFeatures);
        Arrays.sort(names);
        return names;
    }

    /** The adapter's identity, features and limits. {@code adapter.info} (Chromium 114+) may be absent: then "". */
    static AdapterInfo info(GPUAdapter adapter) {
        return new AdapterInfo(infoField(adapter, "vendor"), infoField(adapter, "architecture"),
                infoField(adapter, "device"), infoField(adapter, "description"),
                Arrays.asList(features(adapter.getFeatures())), limits(adapter.getLimits()));
    }

    /**
     * {@code adapter.info.subgroupMinSize} and {@code subgroupMaxSize} (Chromium 131+), each 0 when absent or not
     * sensible (then the spec's bounds apply, see AdapterFeatures).
     */
    static int[] subgroupSizes(GPUAdapter adapter) {
        int min = infoInt(adapter, "subgroupMinSize");
        int max = infoInt(adapter, "subgroupMaxSize");
        return min > 0 && max >= min ? new int[] {min, max} : new int[] {0, 0};
    }

    /** The names in {@code navigator.gpu.wgslLanguageFeatures} (empty where the browser has none). */
    static String[] wgslLanguageFeatures(JSObject gpu) {
        JSObject set = wgslSet(gpu);
        return set == null ? new String[0] : featureNames(set);
    }

    @JSBody(params = "gpu", script = "return gpu.wgslLanguageFeatures || null;")
    private static native JSObject wgslSet(JSObject gpu);

    @JSBody(params = {"adapter", "name"}, script = "var i = adapter.info; var v = i ? Number(i[name]) : 0;"
            + " return v > 0 && v < 65536 ? (v | 0) : 0;")
    private static native int infoInt(GPUAdapter adapter, String name);

    /** {@code limits[name]} as a number (NaN when absent, which {@link AdapterLimits#read} rejects by name). */
    @JSBody(params = {"limits", "name"}, script = "var v = limits[name]; return v == null ? NaN : Number(v);")
    private static native double limit(JSObject limits, String name);

    /**
     * The names in a WebGPU setlike. Browsers give it {@code forEach}; Dawn in Node (npm {@code webgpu}) gives only
     * {@code has}, {@code size} and a {@code keys()} that returns an array (not an iterator), so keys() is the
     * fallback, read as either.
     */
    @JSBody(params = "set", script = "var r = []; if (typeof set.forEach === 'function') {"
            + " set.forEach(function(f) { r.push(String(f)); }); } else if (typeof set.keys === 'function') {"
            + " var k = set.keys(); if (typeof k.length === 'number') { for (var i = 0; i < k.length; i++)"
            + " r.push(String(k[i])); } else { for (var n = k.next(); !n.done; n = k.next()) r.push(String(n.value)); } }"
            + " return r;")
    private static native String[] featureNames(JSObject set);

    @JSBody(params = {"adapter", "name"}, script = "var i = adapter.info;"
            + " return i && i[name] != null ? String(i[name]) : '';")
    private static native String infoField(GPUAdapter adapter, String name);
}
