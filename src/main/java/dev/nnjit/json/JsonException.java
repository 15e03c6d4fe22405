package dev.nnjit.json;

/** Malformed JSON, or JSON of the wrong shape for what reads it; the message names where. */
public class JsonException extends IllegalArgumentException {
    public JsonException(String message) { super(message); }
}
