package dev.nnjit.cli;

/** The command line is malformed (unknown option, missing value...): exit code 2 with the usage hint. */
public class UsageException extends RuntimeException {
    public UsageException(String message) { super(message); }
}
