package dev.nnjit.host;

/**
 * A failure inside the browser. For engine errors the message is exactly the engine's (the same text the JVM
 * engine gives for the same input) and {@link #errorType()} names the engine's exception class (e.g.
 * "GraphException"); page-level failures use "PageError", "PageCrash", "Timeout", "Startup".
 */
public class BrowserException extends RuntimeException {
    private final String errorType;

    public BrowserException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public BrowserException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    public String errorType() { return errorType; }
}
