package dev.nnjit.web;

import dev.nnjit.api.PlanCache;
import dev.nnjit.api.Session;
import dev.nnjit.generate.GenerationConfig;
import dev.nnjit.generate.GenerationException;
import dev.nnjit.generate.GenerationResult;
import dev.nnjit.generate.LengthBuckets;
import dev.nnjit.generate.ModelConfig;
import dev.nnjit.generate.SessionGenerator;
import dev.nnjit.generate.TextDecoder;
import dev.nnjit.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Generation in the page: a request object from JavaScript → {@link SessionGenerator} → a result object. Every
 * request field is optional but {@code inputIds}:
 * <pre>
 * {inputIds: [ids], config: config.json text, generationConfig: generation_config.json text,
 *  maxNewTokens, doSample, temperature, topK, topP, seed, repetitionPenalty, eosTokenId: id | [ids],
 *  decoderStartTokenId, lengths: "buckets" | "exact" (default: buckets on webgpu and wasm-simd), planCacheLimit,
 *  tokenizer: a {@link GenerationTokenizers} handle (decodes for stop strings),
 *  encoder, decoderWithPast: handles of loaded models, for an encoder-decoder split (Optimum's encoder_model.onnx
 *  with this model as decoder_model_merged.onnx, or as decoder_model.onnx with decoder_with_past_model.onnx)}
 * </pre>
 * Values given override the config texts, which override transformers' defaults; {@code doSample: false} makes it
 * greedy. The result: {@code {ids, stopReason, prefillMs, decodeMsPerToken, tokensPerSecond, compiledShapes, lengths,
 * stepMs, planCache: {size, limit, compiles, evictions}}}.
 */
final class GenerationBridge {
    private GenerationBridge() {}

    static JSObject generate(Session session, JSObject request, JSObject onToken, IntFunction<Session> sessions) {
        long[] inputIds = ids(JsObjects.get(request, "inputIds"), "inputIds");
        String configJson = text(request, "config");
        ModelConfig modelConfig = ModelConfig.fromJson(configJson, "config.json");
        GenerationConfig config = overrides(GenerationConfig.fromJson(configJson, text(request, "generationConfig")),
                request);
        LengthBuckets buckets = null;
        String lengths = text(request, "lengths");
        if ("exact".equals(lengths)) buckets = LengthBuckets.EXACT;
        else if ("buckets".equals(lengths)) buckets = LengthBuckets.POWERS_OF_TWO;
        else if (lengths != null) throw new GenerationException("lengths must be \"buckets\" or \"exact\", got '" + lengths + "'");
        if (has(request, "planCacheLimit")) {
            session.planCache().setLimit((int) JsObjects.getNumber(request, "planCacheLimit"));
        }
        TextDecoder decoder = null;
        if (has(request, "tokenizer")) {
            Tokenizer t = GenerationTokenizers.get((int) JsObjects.getNumber(request, "tokenizer"));
            decoder = ids -> t.decode(ints(ids), true);
        }
        dev.nnjit.generate.TokenStreamer streamer = (id, index) -> onToken == null || callToken(onToken, id, index);
        GenerationResult r;
        if (has(request, "encoder")) {
            Session encoder = sessions.apply((int) JsObjects.getNumber(request, "encoder"));
            Session withPast = has(request, "decoderWithPast")
                    ? sessions.apply((int) JsObjects.getNumber(request, "decoderWithPast")) : null;
            r = SessionGenerator.generate(encoder, session, withPast, modelConfig, inputIds, config, buckets, streamer,
                    decoder);
        } else {
            r = SessionGenerator.generate(session, modelConfig, inputIds, config, buckets, streamer, decoder);
        }
        JSObject o = JsObjects.newObject();
        JSObject idList = JsObjects.newArray();
        for (long id : r.ids()) JsObjects.push(idList, number(id));
        JsObjects.set(o, "ids", idList);
        JsObjects.setString(o, "stopReason", r.stopReason().name().toLowerCase());
        JsObjects.setNumber(o, "prefillMs", r.prefillMs());
        JsObjects.setNumber(o, "decodeMsPerToken", r.decodeMsPerToken());
        JsObjects.setNumber(o, "tokensPerSecond", r.tokensPerSecond());
        JsObjects.setNumber(o, "compiledShapes", r.compiledShapes());
        JsObjects.setString(o, "lengths", r.lengths());
        JSObject steps = JsObjects.newArray();
        for (double ms : r.stepMs()) JsObjects.push(steps, number(ms));
        JsObjects.set(o, "stepMs", steps);
        PlanCache plans = session.planCache();
        JSObject cache = JsObjects.newObject();
        JsObjects.setNumber(cache, "size", plans.size());
        JsObjects.setNumber(cache, "limit", plans.limit());
        JsObjects.setNumber(cache, "compiles", plans.compiles());
        JsObjects.setNumber(cache, "evictions", plans.evictions());
        JsObjects.set(o, "planCache", cache);
        return o;
    }

    private static GenerationConfig overrides(GenerationConfig c, JSObject r) {
        if (has(r, "maxNewTokens")) c = c.withMaxNewTokens(integer(r, "maxNewTokens"));
        if (has(r, "repetitionPenalty")) c = c.withRepetitionPenalty((float) JsObjects.getNumber(r, "repetitionPenalty"));
        if (has(r, "eosTokenId")) {
            JSObject v = JsObjects.get(r, "eosTokenId");
            List<Long> eos = new ArrayList<>();
            if (JsObjects.isArray(v)) for (long id : ids(v, "eosTokenId")) eos.add(id);
            else eos.add((long) integer(r, "eosTokenId"));
            c = c.withEosTokenIds(eos);
        }
        if (has(r, "decoderStartTokenId")) c = c.withDecoderStartTokenId((long) integer(r, "decoderStartTokenId"));
        boolean sample = has(r, "doSample") ? JsObjects.getBoolean(r, "doSample") : c.doSample();
        if (!sample) return c.withGreedy();
        return c.withSampling(has(r, "temperature") ? (float) JsObjects.getNumber(r, "temperature") : c.temperature(),
                has(r, "topK") ? integer(r, "topK") : c.topK(),
                has(r, "topP") ? JsObjects.getNumber(r, "topP") : c.topP(),
                has(r, "seed") ? Long.valueOf(Long.parseLong(JsObjects.getString(r, "seed"))) : c.seed());
    }

    private static boolean has(JSObject o, String key) {
        return !JsObjects.isNullish(JsObjects.get(o, key));
    }

    private static String text(JSObject o, String key) {
        return has(o, key) ? JsObjects.getString(o, key) : null;
    }

    private static int integer(JSObject o, String key) {
        double v = JsObjects.getNumber(o, key);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new GenerationException(key + " must be an integer, got " + JsObjects.getString(o, key));
        }
        return (int) v;
    }

    /** A JS array of non-negative integer ids (numbers or bigints). */
    private static long[] ids(JSObject array, String what) {
        if (array == null || JsObjects.isNullish(array) || !JsObjects.isArray(array)) {
            throw new GenerationException(what + " must be an array of token ids");
        }
        String[] parts = JsObjects.strings(array);
        long[] ids = new long[parts.length];
        for (int i = 0; i < ids.length; i++) {
            try {
                ids[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new GenerationException(what + "[" + i + "] is not an integer id: " + parts[i]);
            }
            if (ids[i] < 0) throw new GenerationException(what + "[" + i + "] is negative: " + parts[i]);
        }
        return ids;
    }

    private static int[] ints(long[] ids) {
        int[] a = new int[ids.length];
        for (int i = 0; i < a.length; i++) a[i] = (int) ids[i];
        return a;
    }

    /** Calls the page's per-token callback; only an explicit false cancels. */
    @JSBody(params = {"fn", "id", "index"}, script = "return fn(id, index) !== false;")
    private static native boolean callToken(JSObject fn, double id, int index);

    @JSBody(params = "v", script = "return v;")
    private static native JSObject number(double v);
}
