package dev.nnjit.cli;

/** A problem with the command's files (missing, unreadable, malformed feeds): exit code 1, message only. */
public class CliException extends RuntimeException {
    public CliException(String message) { super(message); }
    public CliException(String message, Throwable cause) { super(message, cause); }
}
