package dev.nnjit.tokenizer;

/** A tokenizer.json that cannot be read or used; the message names the JSON path ("tokenizer.json.model.vocab"). */
public class TokenizerException extends RuntimeException {
    public TokenizerException(String message) { super(message); }

    public TokenizerException(String message, Throwable cause) { super(message, cause); }
}
