package dev.nnjit.ops;

import dev.nnjit.graph.GraphException;

/** An op cannot be typed or computed for this node; the message starts with the node's description. */
public class OpException extends GraphException {
    public OpException(String message) { super(message); }
}
