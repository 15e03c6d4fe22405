package dev.nnjit.generate;

/** Receives each generated id as soon as it is chosen. */
public interface TokenStreamer {
    /** Does nothing and never cancels. */
    TokenStreamer NONE = (id, index) -> true;

    /**
     * @param id the new token
     * @param index its position among the generated tokens (0 for the first)
     * @return false to cancel: generation stops after this token, which stays in the result
     */
    boolean onToken(long id, int index);
}
