package dev.nnjit.web;

import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.schedule.AdapterInfo;
import dev.nnjit.schedule.AdapterLimits;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSString;

/** The adapter, device and limits as the plain JS objects the facade returns (see {@link EngineExports}). */
final class AdapterJson {
    private AdapterJson() {}

    /** {@code {vendor, architecture, device, description, features: [name], limits: {name: number}}}. */
    static JSObject adapter(AdapterInfo info) {
        JSObject o = JsObjects.newObject();
        JsObjects.setString(o, "vendor", info.vendor());
        JsObjects.setString(o, "architecture", info.architecture());
        JsObjects.setString(o, "device", info.device());
        JsObjects.setString(o, "description", info.description());
        JsObjects.set(o, "features", strings(info.features()));
        JsObjects.set(o, "limits", limits(info.limits()));
        return o;
    }

    /** What the device nnjit requested has: {@code {features: [name], limits: {name: number}}}. */
    static JSObject device(GpuDevice gpu) {
        JSObject o = JsObjects.newObject();
        JsObjects.set(o, "features", strings(gpu.features()));
        JsObjects.set(o, "limits", limits(gpu.limits()));
        return o;
    }

    /** Every {@link AdapterLimits} field by its WebGPU name: {@code {maxBufferSize: number, ...}}. */
    static JSObject limits(AdapterLimits limits) {
        JSObject o = JsObjects.newObject();
        for (Map.Entry<String, Long> e : limits.toMap().entrySet()) JsObjects.setNumber(o, e.getKey(), e.getValue());
        return o;
    }

    private static JSObject strings(List<String> values) {
        JSObject array = JsObjects.newArray();
        for (String v : values) JsObjects.push(array, JSString.valueOf(v));
        return array;
    }
}
