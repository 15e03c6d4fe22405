package dev.nnjit.web;

import dev.nnjit.runtime.GpuRunStats;
import dev.nnjit.runtime.KernelTime;
import dev.nnjit.runtime.RunOptions;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.JSObject;

/** A run's options from JavaScript ({@code runAsync}'s options object) and its GPU stats to JavaScript. */
final class RunMarshal {
    private RunMarshal() {}

    /**
     * {@code {profile: true | "submission" | false, outputs: [name, ...]}}, each optional; null: the defaults.
     * {@code profile: "submission"} times each dispatch submitted alone even where timestamp queries exist.
     */
    static RunOptions options(JSObject options) {
        if (options == null) return RunOptions.DEFAULT;
        boolean submission = JsObjects.isString(options, "profile", "submission");
        boolean profile = submission || JsObjects.getBoolean(options, "profile");
        Set<String> outputs = null;
        if (!JsObjects.isNullish(JsObjects.get(options, "outputs"))) {
            outputs = new LinkedHashSet<>();
            for (String name : JsObjects.strings(JsObjects.get(options, "outputs"))) outputs.add(name);
        }
        return new RunOptions(outputs, profile, submission ? RunOptions.Timing.SUBMISSION : RunOptions.Timing.AUTO);
    }

    /** {@code {timing, phases: {name: ms}, plan: {name: number}, kernels: [{node, op, family, ms}]}}. */
    static JSObject gpuStats(GpuRunStats stats) {
        JSObject o = JsObjects.newObject();
        JsObjects.setString(o, "timing", stats.timing());
        JsObjects.set(o, "phases", numbers(stats.phasesMs()));
        JsObjects.set(o, "plan", numbers(stats.plan()));
        JSObject kernels = JsObjects.newArray();
        for (KernelTime k : stats.kernels()) {
            JSObject kt = JsObjects.newObject();
            JsObjects.setString(kt, "node", k.node());
            JsObjects.setString(kt, "op", k.opType());
            JsObjects.setString(kt, "family", k.family());
            JsObjects.setNumber(kt, "ms", k.ms());
            JsObjects.push(kernels, kt);
        }
        JsObjects.set(o, "kernels", kernels);
        return o;
    }

    /** A plain object {name: number} in the map's order. */
    static JSObject numbers(Map<String, Double> values) {
        JSObject o = JsObjects.newObject();
        for (Map.Entry<String, Double> e : values.entrySet()) JsObjects.setNumber(o, e.getKey(), e.getValue());
        return o;
    }
}
