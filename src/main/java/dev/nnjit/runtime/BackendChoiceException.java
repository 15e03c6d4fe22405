package dev.nnjit.runtime;

/** No candidate backend of the "auto" choice could load or run the model; the message names each one's failure. */
public final class BackendChoiceException extends RuntimeException {
    public BackendChoiceException(String message) { super(message); }
}
