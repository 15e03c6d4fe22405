package dev.nnjit.graph;

/** A model that cannot be compiled or run: unsupported op, inconsistent shapes, bad feeds. The message names where. */
public class GraphException extends RuntimeException {
    public GraphException(String message) { super(message); }
    public GraphException(String message, Throwable cause) { super(message, cause); }
}
