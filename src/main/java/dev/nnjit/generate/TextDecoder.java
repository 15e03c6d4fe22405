package dev.nnjit.generate;

/** Ids to text (a tokenizer's decode), needed only to match stop strings. */
public interface TextDecoder {
    String decode(long[] ids);
}
