package dev.nnjit.model;

import java.util.Map;

/**
 * A decoded ONNX ModelProto: what nnjit needs of it.
 *
 * @param opsetImports opset version by domain ("" and "ai.onnx" both mean the default domain and are stored as "")
 */
public record OnnxModel(long irVersion, String producerName, String producerVersion,
                        Map<String, Integer> opsetImports, OnnxGraph graph) {

    /** The default-domain opset, or -1 when the model does not import it. */
    public int defaultOpset() {
        Integer v = opsetImports.get("");
        return v == null ? -1 : v;
    }
}
