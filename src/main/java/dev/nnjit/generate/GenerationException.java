package dev.nnjit.generate;

/** A generation request that cannot be served (bad configuration, a model without logits, a prompt too long). */
public final class GenerationException extends RuntimeException {
    public GenerationException(String message) { super(message); }
}
