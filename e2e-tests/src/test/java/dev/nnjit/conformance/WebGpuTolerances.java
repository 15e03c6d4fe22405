package dev.nnjit.conformance;

import dev.nnjit.model.OnnxModel;
import dev.nnjit.model.OnnxNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tolerances of the webgpu conformance run. The default is ONNX's own for node tests (rtol 1e-3, atol 1e-7,
 * {@link TensorComparison}). A family of ops whose GPU implementation is an approximation gets a looser, stated
 * bound here, with its reason; a test uses the loosest bound among its graph's ops. Nothing else is loosened.
 */
final class WebGpuTolerances {
    private WebGpuTolerances() {}

    /** A tolerance and why it is needed. */
    record Bound(String name, double rtol, double atol, String reason) {
        boolean isDefault() { return this == ONNX; }
    }

    static final Bound ONNX = new Bound("onnx", TensorComparison.ONNX_RTOL, TensorComparison.ONNX_ATOL,
            "ONNX's node-test default");

    /**
     * Op type → its looser bound. Empty: every test passes at ONNX's tolerance, because the functions WGSL's
     * builtins compute loosely (sin/cos, atan, exp and the exp-based hyperbolics) run on dev.nnjit.codegen.WgslMath's
     * accurate versions instead (see its accuracy contract and WgslMathGpuTest for their measured error).
     */
    private static final Map<String, Bound> BY_OP = new LinkedHashMap<>();

    static Bound forModel(OnnxModel model) {
        Bound b = ONNX;
        for (OnnxNode n : model.graph().nodes()) {
            Bound o = BY_OP.get(n.opType());
            if (o != null && (o.atol() > b.atol() || o.rtol() > b.rtol())) b = o;
        }
        return b;
    }

    /** Every bound in use, for the summary. */
    static String describe() {
        StringBuilder sb = new StringBuilder("default rtol " + ONNX.rtol() + " atol " + ONNX.atol());
        Map<Bound, StringBuilder> ops = new LinkedHashMap<>();
        BY_OP.forEach((op, b) -> ops.computeIfAbsent(b, k -> new StringBuilder()).append(ops.get(b) == null ? "" : "")
                .append(op).append(' '));
        ops.forEach((b, names) -> sb.append("; ").append(b.name()).append(" (").append(names.toString().strip())
                .append("): rtol ").append(b.rtol()).append(" atol ").append(b.atol()).append(", ").append(b.reason()));
        return sb.toString();
    }
}
