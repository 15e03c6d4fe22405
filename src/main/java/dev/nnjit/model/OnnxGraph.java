package dev.nnjit.model;

import dev.nnjit.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A decoded ONNX GraphProto.
 *
 * @param initializers by name, in file order; tensors are lazy views of the model bytes until first used
 * @param valueInfos the optional intermediate value types the file declares
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, Map<String, Tensor> initializers,
                        List<ValueInfo> inputs, List<ValueInfo> outputs, List<ValueInfo> valueInfos) {
}
