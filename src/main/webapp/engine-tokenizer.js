// A Hugging Face tokenizer (tokenizer.json + tokenizer_config.json) run by the engine's Java tokenizers
// (dev.nnjit.tokenizer through EngineExports' tokenizer exports): the same ids on the JVM and both page builds.
//
//   const tok = engine.loadTokenizer(tokenizerJsonText, tokenizerConfigJsonText /* or null */);
//   tok.maxLength                          -> tokenizer_config.json's model_max_length (0: no limit), tok.padId
//   tok.encode("text", {pair, maxLength})  -> {ids: Int32Array, tokens: string[], typeIds, attentionMask,
//                                             specialTokensMask}  (maxLength: default tok.maxLength; 0 = none)
//   tok.encodeBatch(["a", "b c"], {pairs, maxLength, padToMultipleOf})
//                                          -> {batch, length, inputIds, attentionMask, tokenTypeIds}
//                                             (Int32Array, row-major [batch, length], padded with padId, mask 0)
//   tok.decode(ids, {skipSpecialTokens})   -> string
//   tok.dispose()
// Errors are thrown as Error with the engine's message (e.g. a malformed tokenizer.json names the JSON path).

export class EngineTokenizer {
  constructor(exports, unwrap, json, configJson) {
    if (typeof json !== "string") throw new TypeError("tokenizer.json must be given as text");
    if (configJson !== null && configJson !== undefined && typeof configJson !== "string") {
      throw new TypeError("tokenizer_config.json must be given as text (or null)");
    }
    this._exports = exports;
    this._unwrap = unwrap;
    const { handle, maxLength, padId, padLeft } = unwrap(exports.loadTokenizer(json, configJson ?? null));
    this.handle = handle;
    this.maxLength = maxLength;
    this.padId = padId;
    this.padLeft = padLeft;
  }

  encode(text, { pair = null, maxLength } = {}) {
    const value = this._unwrap(this._exports.encode(this.handle, String(text), pair === null ? null : String(pair),
      lengthArgument(maxLength)));
    return { ...value, tokens: Array.from(value.tokens, String) };
  }

  encodeBatch(texts, { pairs = null, maxLength, padToMultipleOf = 1 } = {}) {
    if (!Array.isArray(texts) || texts.length === 0) throw new TypeError("texts must be a non-empty array of strings");
    if (pairs !== null && (!Array.isArray(pairs) || pairs.length !== texts.length)) {
      throw new TypeError(`pairs must be an array as long as texts (${texts.length})`);
    }
    const options = { maxLength: lengthArgument(maxLength), padToMultipleOf };
    return { ...this._unwrap(this._exports.encodeBatch(this.handle, texts.map(String), pairs && pairs.map(String), options)) };
  }

  decode(ids, { skipSpecialTokens = false } = {}) {
    const array = ids instanceof Int32Array ? ids : Int32Array.from(ids, Number);
    return String(this._unwrap(this._exports.decode(this.handle, array, !!skipSpecialTokens)));
  }

  dispose() {
    this._unwrap(this._exports.disposeTokenizer(this.handle));
  }
}

/** maxLength as the facade takes it: -1 = the config's maximum, 0 = no truncation, n = n. */
function lengthArgument(maxLength) {
  if (maxLength === undefined || maxLength === null) return -1;
  if (maxLength === false) return 0;
  if (!Number.isInteger(maxLength) || maxLength < 0) throw new RangeError(`maxLength must be a non-negative integer, got ${maxLength}`);
  return maxLength;
}
