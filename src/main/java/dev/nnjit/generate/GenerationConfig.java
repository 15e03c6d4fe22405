package dev.nnjit.generate;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonException;
import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * How to generate: Hugging Face's generation parameters under their meanings in transformers' GenerationConfig.
 * Sampling parameters (temperature, topK, topP, seed) are checked only when {@code doSample}; greedy ignores them.
 *
 * @param maxNewTokens tokens to generate at most (exactly this many unless an EOS id or a stop string ends earlier)
 * @param topK 0 turns top-k off
 * @param topP 1 turns top-p off
 * @param repetitionPenalty 1 turns it off; applies in greedy mode too, as in transformers
 * @param eosTokenIds generation stops after any of these (the EOS id is kept in the output)
 * @param stopStrings generation stops after the token that makes the decoded output contain one of these
 * @param seed the sampler's seed; null takes one from the clock (not reproducible)
 * @param decoderStartTokenId the first decoder id of an encoder-decoder model; null when not given
 * @param padTokenId recorded for batched generation (a single sequence never pads); null when not given
 */
public record GenerationConfig(int maxNewTokens, boolean doSample, float temperature, int topK, double topP,
                               float repetitionPenalty, List<Long> eosTokenIds, List<String> stopStrings, Long seed,
                               Long decoderStartTokenId, Long padTokenId) {
    /** transformers' defaults (max_length 20 becomes 20 new tokens; top_k 50), greedy, no EOS. */
    public static final GenerationConfig DEFAULTS =
            new GenerationConfig(20, false, 1f, 50, 1.0, 1f, List.of(), List.of(), null, null, null);

    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        stopStrings = List.copyOf(stopStrings);
        if (maxNewTokens < 1) throw new GenerationException("max_new_tokens must be at least 1, got " + maxNewTokens);
        if (!(repetitionPenalty > 0) || Float.isInfinite(repetitionPenalty)) {
            throw new GenerationException("repetition_penalty must be a positive number, got " + repetitionPenalty);
        }
        for (String s : stopStrings) if (s.isEmpty()) throw new GenerationException("a stop string is empty");
        if (doSample) {
            if (!(temperature > 0) || Float.isInfinite(temperature)) {
                throw new GenerationException("temperature must be a positive number when sampling, got " + temperature);
            }
            if (topK < 0) throw new GenerationException("top_k must be 0 (off) or positive, got " + topK);
            if (!(topP > 0 && topP <= 1)) throw new GenerationException("top_p must be in (0, 1], got " + topP);
        }
    }

    public GenerationConfig withMaxNewTokens(int n) {
        return new GenerationConfig(n, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds, stopStrings,
                seed, decoderStartTokenId, padTokenId);
    }

    /** Sampling on, with these parameters (the others kept). */
    public GenerationConfig withSampling(float temperature, int topK, double topP, Long seed) {
        return new GenerationConfig(maxNewTokens, true, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                stopStrings, seed, decoderStartTokenId, padTokenId);
    }

    public GenerationConfig withGreedy() {
        return new GenerationConfig(maxNewTokens, false, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                stopStrings, seed, decoderStartTokenId, padTokenId);
    }

    public GenerationConfig withEosTokenIds(List<Long> ids) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, ids,
                stopStrings, seed, decoderStartTokenId, padTokenId);
    }

    public GenerationConfig withStopStrings(List<String> strings) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                strings, seed, decoderStartTokenId, padTokenId);
    }

    public GenerationConfig withRepetitionPenalty(float penalty) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, penalty, eosTokenIds,
                stopStrings, seed, decoderStartTokenId, padTokenId);
    }

    public GenerationConfig withDecoderStartTokenId(Long id) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                stopStrings, seed, id, padTokenId);
    }

    /** The processors in transformers' order: repetition penalty, then (sampling only) temperature, top-k, top-p. */
    public List<LogitsProcessor> processors() {
        List<LogitsProcessor> list = new ArrayList<>();
        if (repetitionPenalty != 1f) list.add(new RepetitionPenalty(repetitionPenalty));
        if (doSample) {
            if (temperature != 1f) list.add(new Temperature(temperature));
            if (topK > 0) list.add(new TopK(topK));
            if (topP < 1) list.add(new TopP(topP));
        }
        return list;
    }

    /**
     * Defaults from a model folder: {@link #DEFAULTS}, then the generation fields of config.json, then those of
     * generation_config.json (which wins, as in transformers). Either text may be null (file absent).
     */
    public static GenerationConfig fromJson(String configJson, String generationConfigJson) {
        GenerationConfig c = DEFAULTS;
        if (configJson != null) c = c.overriddenBy(JsonObject.root(parse(configJson, "config.json"), "config.json"));
        if (generationConfigJson != null) {
            c = c.overriddenBy(JsonObject.root(parse(generationConfigJson, "generation_config.json"),
                    "generation_config.json"));
        }
        return c;
    }

    private static Object parse(String text, String what) {
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            throw new GenerationException(what + " is not valid JSON: " + e.getMessage());
        }
    }

    private GenerationConfig overriddenBy(JsonObject o) {
        try {
            int maxNew = o.integer("max_new_tokens", maxNewTokens);
            boolean sample = o.bool("do_sample", doSample);
            float temp = (float) o.number("temperature", temperature);
            int k = o.integer("top_k", topK);
            double p = o.number("top_p", topP);
            float penalty = (float) o.number("repetition_penalty", repetitionPenalty);
            List<Long> eos = o.has("eos_token_id") ? ids(o, "eos_token_id") : eosTokenIds;
            List<String> stops = o.has("stop_strings") ? strings(o, "stop_strings") : stopStrings;
            Long start = o.has("decoder_start_token_id") ? Long.valueOf(o.integer("decoder_start_token_id")) : decoderStartTokenId;
            Long pad = o.has("pad_token_id") ? Long.valueOf(o.integer("pad_token_id")) : padTokenId;
            return new GenerationConfig(maxNew, sample, temp, k, p, penalty, eos, stops, seed, start, pad);
        } catch (JsonException e) {
            throw new GenerationException(e.getMessage());
        } catch (GenerationException e) {
            throw new GenerationException(o.path() + ": " + e.getMessage());
        }
    }

    /** An id or a list of ids ("eos_token_id": 2 or [2, 32000]). */
    private static List<Long> ids(JsonObject o, String key) {
        Object v = o.get(key);
        if (!(v instanceof List)) return List.of((long) o.integer(key));
        List<Long> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
            if (!(e instanceof Number) || ((Number) e).doubleValue() != Math.rint(((Number) e).doubleValue())) {
                throw new GenerationException(o.path() + "." + key + ": expected integer ids, found " + JsonObject.kind(e)
                        + (e instanceof Number ? " " + e : ""));
            }
            out.add(((Number) e).longValue());
        }
        return out;
    }

    private static List<String> strings(JsonObject o, String key) {
        Object v = o.get(key);
        if (v instanceof String) return List.of((String) v);
        List<String> out = new ArrayList<>();
        for (Object s : o.array(key)) {
            if (!(s instanceof String)) throw new GenerationException(o.path() + "." + key + ": expected strings, found "
                    + JsonObject.kind(s));
            out.add((String) s);
        }
        return out;
    }
}
