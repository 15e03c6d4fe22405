package dev.nnjit.generate;

/**
 * What a decoding cost in compilation, for the result.
 *
 * @param compiledShapes plans the model's session compiled while this decoding ran (one per new input shape set)
 * @param lengths how sequence lengths were chosen ("exact", "powers of two from 16 (padding checked)", or why padding
 *     was abandoned)
 */
public record DecodingStats(int compiledShapes, String lengths) {
    public static final DecodingStats NONE = new DecodingStats(0, "exact");
}
