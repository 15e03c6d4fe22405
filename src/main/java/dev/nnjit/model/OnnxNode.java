package dev.nnjit.model;

import java.util.List;
import java.util.Map;

/**
 * A decoded ONNX NodeProto.
 *
 * @param inputs input value names; "" marks an omitted optional input
 * @param domain "" for the default ONNX domain (also when the file says "ai.onnx")
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, Attribute> attributes) {
}
