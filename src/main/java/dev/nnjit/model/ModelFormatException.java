package dev.nnjit.model;

/**
 * The ONNX bytes are malformed or describe something impossible. The message names the byte offset and/or the
 * tensor, node or field concerned.
 */
public class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) { super(message); }
    public ModelFormatException(String message, Throwable cause) { super(message, cause); }
}
