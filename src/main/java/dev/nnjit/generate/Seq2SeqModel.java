package dev.nnjit.generate;

/** An encoder-decoder model (T5, BART): the encoder reads the input once; the decoder's sequence starts with a start id. */
public interface Seq2SeqModel {
    /** Context length (checked for the encoder input and for the decoder sequence) and its source. */
    ModelConfig config();

    /** Begins decoding {@code inputIds} (at least one id) from {@code decoderStartTokenId}. */
    Decoding start(long[] inputIds, long decoderStartTokenId);
}
