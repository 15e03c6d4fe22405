package dev.nnjit.cli;

/** A tensor document (feeds or outputs JSON) is malformed; the message names the tensor and the problem. */
public class TensorJsonException extends IllegalArgumentException {
    public TensorJsonException(String message) { super(message); }
    public TensorJsonException(String message, Throwable cause) { super(message, cause); }
}
