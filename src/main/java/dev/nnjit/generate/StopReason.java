package dev.nnjit.generate;

/** Why generation ended. */
public enum StopReason {
    /** max_new_tokens were generated. */
    MAX_NEW_TOKENS,
    /** The last id is one of the EOS ids. */
    EOS,
    /** The decoded output contains a stop string. */
    STOP_STRING,
    /** The streamer returned false. */
    CANCELLED
}
