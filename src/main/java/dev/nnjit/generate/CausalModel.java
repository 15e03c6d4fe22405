package dev.nnjit.generate;

/** A decoder-only language model (GPT-2, Llama): the prompt is the start of the sequence it continues. */
public interface CausalModel {
    /** Context length and where it came from; {@link ModelConfig#UNKNOWN} when not known. */
    ModelConfig config();

    /** Begins a sequence with the prompt (at least one id). */
    Decoding start(long[] promptIds);
}
