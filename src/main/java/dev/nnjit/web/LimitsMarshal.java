package dev.nnjit.web;

import dev.nnjit.schedule.AdapterLimits;
import org.teavm.jso.JSObject;

/** {@link AdapterLimits} to JavaScript: a plain object with one number per limit, named as in WebGPU. */
final class LimitsMarshal {
    private LimitsMarshal() {}

    static JSObject toJs(AdapterLimits l) {
        JSObject o = JsObjects.newObject();
        JsObjects.setNumber(o, "maxComputeInvocationsPerWorkgroup", l.maxComputeInvocationsPerWorkgroup());
        JsObjects.setNumber(o, "maxComputeWorkgroupSizeX", l.maxComputeWorkgroupSizeX());
        JsObjects.setNumber(o, "maxComputeWorkgroupSizeY", l.maxComputeWorkgroupSizeY());
        JsObjects.setNumber(o, "maxComputeWorkgroupSizeZ", l.maxComputeWorkgroupSizeZ());
        JsObjects.setNumber(o, "maxComputeWorkgroupStorageSize", l.maxComputeWorkgroupStorageSize());
        JsObjects.setNumber(o, "maxStorageBufferBindingSize", l.maxStorageBufferBindingSize());
        JsObjects.setNumber(o, "maxComputeWorkgroupsPerDimension", l.maxComputeWorkgroupsPerDimension());
        JsObjects.setNumber(o, "maxStorageBuffersPerShaderStage", l.maxStorageBuffersPerShaderStage());
        JsObjects.setNumber(o, "maxBufferSize", l.maxBufferSize());
        return o;
    }
}
