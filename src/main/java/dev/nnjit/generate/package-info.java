/**
 * Text generation over any {@link dev.nnjit.api.Session} backend, TeaVM-safe (runs on the JVM and, later, in the page).
 *
 * <p>Data flow: {@link dev.nnjit.generate.GenerationConfig} (transformers' parameters; {@code fromJson} of
 * config.json then generation_config.json) → {@link dev.nnjit.generate.Generator} asks a
 * {@link dev.nnjit.generate.Decoding} for next-token scores, applies the config's
 * {@link dev.nnjit.generate.LogitsProcessor}s (repetition penalty; when sampling, temperature, top-k, top-p, in
 * transformers' order), lets a {@link dev.nnjit.generate.TokenChooser} pick (argmax, or a draw from the softmax with
 * {@link dev.nnjit.tensor.SplitMix64}, whose stream is the same on every target), streams the id to a
 * {@link dev.nnjit.generate.TokenStreamer} (false cancels), and stops on EOS, a stop string, cancellation or
 * max_new_tokens → {@link dev.nnjit.generate.GenerationResult}. Models: {@link dev.nnjit.generate.CausalModel}
 * (decoder-only) and {@link dev.nnjit.generate.Seq2SeqModel} (encoder-decoder) start a Decoding; the adapters over a
 * Session today are cache-less ({@link dev.nnjit.generate.CachelessCausalModel},
 * {@link dev.nnjit.generate.CachelessSeq2SeqModel}: the whole sequence re-run per token), picked by
 * {@link dev.nnjit.generate.SessionGenerator}. So that a growing sequence does not compile a plan per token, its
 * lengths follow {@link dev.nnjit.generate.LengthBuckets} (powers of two on WebGPU, right-padded, checked per model
 * by {@link dev.nnjit.generate.PaddedSequence}); the result reports the plans compiled and each step's time.
 *
 * <p>TODO (issue 9, item 2), designed but not built, since no KV-cache export exists here to test against: a
 * {@code KvCacheCausalModel} for Optimum's decoder exports. Inputs {@code input_ids}, {@code attention_mask} (ones over
 * past + new), {@code position_ids} where present, {@code past_key_values.{i}.key/value} ([1, kv_heads, past, head_dim],
 * the first step with past = 0 (an empty tensor), or for a merged decoder {@code use_cache_branch} = false with a
 * one-position dummy); outputs {@code logits} and {@code present.{i}.key/value}, fed back as the next step's past. Only
 * the new token is fed after the prefill. Shapes come from the declared input types (symbolic dims
 * {@code past_sequence_length}). For encoder-decoders ({@code encoder_model.onnx} + {@code decoder_model*.onnx}): the
 * encoder runs once; {@code present.{i}.encoder.key/value} from the first decoder step are reused unchanged, only
 * {@code present.{i}.decoder.*} advance. Merged decoders need {@code If} (the CPU reference has it; the WebGPU
 * backend does not lower it yet). Each new past length would also compile a new plan: a cache-aware run needs
 * bucketed past lengths (a static cache preallocated to a bucket, masked) or shape-generic plans.
 */
package dev.nnjit.generate;
