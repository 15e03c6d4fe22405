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
 * <p>Models with a KV cache (Optimum's names: past_key_values.* in, present.* out): {@link
 * dev.nnjit.generate.KvCacheCausalModel} (decoder-only, plain or merged with an If on use_cache_branch) and {@link
 * dev.nnjit.generate.KvCacheSeq2SeqModel} (encoder_model + merged decoder, or decoder + decoder-with-past): the prefill
 * runs the prompt, each later step one token over the cache ({@link dev.nnjit.generate.KvDecoding}). The cache is a
 * host-side {@link dev.nnjit.generate.KvCache} fed at bucketed widths (a static cache: padded, masked, so the decode
 * steps of a bucket share one plan), checked against exact runs per decoding. Merged decoders run on every backend
 * because the session compiles an If on a condition input as its branch (one plan per value). Not yet: keeping the
 * cache in GPU buffers between steps (today the presents are read back and the pasts uploaded each step).
 */
package dev.nnjit.generate;
