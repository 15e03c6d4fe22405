package dev.nnjit.web;

import dev.nnjit.tokenizer.BatchEncoding;
import dev.nnjit.tokenizer.Encoding;
import dev.nnjit.tokenizer.Tokenizer;
import dev.nnjit.tokenizer.TokenizerConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.ArrayBufferView;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The page's tokenizers ({@code dev.nnjit.tokenizer}) behind {@link EngineExports}' tokenizer exports: a table of
 * loaded tokenizers (a handle is an index, null once disposed) and the marshalling of their results. Ids cross the
 * boundary as Int32Array (token ids and masks fit; the pipeline widens them to the model's int64 inputs).
 */
final class TokenizerBridge {
    private record Loaded(Tokenizer tokenizer, TokenizerConfig config) {}

    private static final List<Loaded> loaded = new ArrayList<>();

    private TokenizerBridge() {}

    /** {@code {handle, maxLength (0: none), padId, padLeft}}; configJson may be null (no tokenizer_config.json). */
    static JSObject load(String json, String configJson) {
        Tokenizer tokenizer = Tokenizer.fromJson(json);
        TokenizerConfig config = TokenizerConfig.fromJson(configJson);
        int padId = config.padId(tokenizer);
        loaded.add(new Loaded(tokenizer, config));
        JSObject value = JsObjects.newObject();
        JsObjects.setNumber(value, "handle", loaded.size() - 1);
        JsObjects.setNumber(value, "maxLength", config.maxLength());
        JsObjects.setNumber(value, "padId", padId);
        JsObjects.set(value, "padLeft", JSBoolean.valueOf(config.padLeft()));
        return value;
    }

    /**
     * One input: {@code {ids: Int32Array, tokens: string[], typeIds, attentionMask, specialTokensMask}}.
     *
     * @param pair null for a single sequence
     * @param maxLength truncate to this many ids (special tokens included); 0: none; negative: the config's maximum
     */
    static JSObject encode(int handle, String text, String pair, int maxLength) {
        Loaded t = get(handle);
        Encoding e = t.tokenizer().encode(text, pair, maxLength < 0 ? t.config().maxLength() : maxLength);
        JSObject value = JsObjects.newObject();
        JsObjects.set(value, "ids", ints(e.ids()));
        JSObject tokens = JsObjects.newArray();
        for (String token : e.tokens()) JsObjects.push(tokens, JSString.valueOf(token));
        JsObjects.set(value, "tokens", tokens);
        JsObjects.set(value, "typeIds", ints(e.typeIds()));
        JsObjects.set(value, "attentionMask", ints(e.attentionMask()));
        JsObjects.set(value, "specialTokensMask", ints(e.specialTokensMask()));
        return value;
    }

    /**
     * A padded batch: {@code {batch, length, inputIds, attentionMask, tokenTypeIds}} (Int32Array, row-major
     * [batch, length]).
     *
     * @param texts array of strings; pairs: array of the same length, or null
     * @param options {@code maxLength} (number: 0 none, absent or negative: the config's), {@code padToMultipleOf}
     *     (default 1)
     */
    static JSObject encodeBatch(int handle, JSObject texts, JSObject pairs, JSObject options) {
        Loaded t = get(handle);
        double maxLength = options == null ? Double.NaN : JsObjects.getNumber(options, "maxLength");
        double multiple = options == null ? Double.NaN : JsObjects.getNumber(options, "padToMultipleOf");
        BatchEncoding.Options o = new BatchEncoding.Options(
                maxLength >= 0 ? (int) maxLength : t.config().maxLength(),
                multiple >= 1 ? (int) multiple : 1, t.config().padId(t.tokenizer()), t.config().padLeft());
        BatchEncoding b = BatchEncoding.encode(t.tokenizer(), JsObjects.strings(texts),
                pairs == null || JsObjects.isNullish(pairs) ? null : JsObjects.strings(pairs), o);
        JSObject value = JsObjects.newObject();
        JsObjects.setNumber(value, "batch", b.batch());
        JsObjects.setNumber(value, "length", b.length());
        JsObjects.set(value, "inputIds", ints(b.ids()));
        JsObjects.set(value, "attentionMask", ints(b.attentionMask()));
        JsObjects.set(value, "tokenTypeIds", ints(b.typeIds()));
        return value;
    }

    /** The text of {@code ids} (an Int32Array). */
    static String decode(int handle, ArrayBufferView ids, boolean skipSpecialTokens) {
        if (!JsObjects.isTypedArray(ids, "Int32Array")) {
            throw new IllegalArgumentException("ids must be an Int32Array, got " + JsObjects.describe(ids));
        }
        int[] values = new int[ids.getLength()];
        BulkCopy.copyIn(ids).asIntBuffer().get(values);
        return get(handle).tokenizer().decode(values, skipSpecialTokens);
    }

    static void dispose(int handle) {
        get(handle);
        loaded.set(handle, null);
    }

    private static Loaded get(int handle) {
        Loaded t = handle >= 0 && handle < loaded.size() ? loaded.get(handle) : null;
        if (t == null) throw new IllegalArgumentException("no loaded tokenizer with handle " + handle);
        return t;
    }

    private static Int32Array ints(int[] values) {
        ByteBuffer b = BulkCopy.allocate(values.length * 4);
        b.asIntBuffer().put(values);
        return new Int32Array(BulkCopy.copyOut(b).getBuffer());
    }
}
