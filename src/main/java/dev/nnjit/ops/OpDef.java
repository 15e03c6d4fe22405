package dev.nnjit.ops;

import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * One ONNX operator: its type rule and its plain-Java reference implementation.
 *
 * <p>Contract: both methods are pure functions of the context (attributes, opset, input types or tensors). The
 * reference is the ground truth that every generated kernel is checked against, so it favours clarity and exact
 * ONNX semantics over speed (except MatMul-like ops, which must be fast enough to run real models on the JVM).
 * Errors are thrown with {@link OpContext#error(String)}, which names the node, op and opset.
 */
public interface OpDef {
    /** The ONNX op type, e.g. "MatMul". */
    String opType();

    /** The domain; "" for the default ONNX domain. */
    default String domain() { return ""; }

    /** Lowest opset whose semantics this definition implements (older nodes are rejected as unsupported). */
    default int minOpset() { return 1; }

    /**
     * Output types from input types (and constant inputs where the rule needs values, e.g. Reshape's shape).
     * Dims it cannot know are returned as unknown or symbolic; it must not guess.
     */
    TensorType[] inferTypes(OpContext ctx);

    /** Computes the outputs; {@code inputs[i]} is null for an omitted optional input. */
    Tensor[] compute(OpContext ctx, Tensor[] inputs);

    /**
     * Outputs that follow from the input types alone, or null (the default). Shape and Size of a tensor whose shape
     * is static are known at compile time even when the tensor itself is not: this lets constant folding see through
     * them. Called only where not every input is a constant.
     */
    default Tensor[] computeFromTypes(OpContext ctx) { return null; }

    /**
     * Whether the op may be evaluated at compile time when all its inputs are constants. False for ops whose
     * output would be large relative to their inputs is not needed: the folding pass bounds output size itself.
     */
    default boolean foldable() { return true; }
}
