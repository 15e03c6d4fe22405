// The "feature-extraction" task (transformers.js's name): texts -> the encoder's hidden states, pooled per text.
//
//   const extractor = await pipeline("feature-extraction", model, options);
//   const out = await extractor(["a text", "another"], {pooling: "mean", normalize: true});
//   out.dims -> [2, 384]; out.data -> Float32Array; out.tolist() -> [[...], [...]]
// pooling: "none" (default, as transformers.js: [batch, length, hidden], padded positions included), "mean" (over the
// real tokens: the attention mask weights the average) or "cls" (the first token). normalize: divide each vector
// (the last axis) by its L2 norm. A single string gives batch 1. Texts longer than tokenizer_config.json's
// model_max_length are truncated to it; a batch is padded to its longest text (rounded up to a multiple of
// PAD_TO_MULTIPLE_OF, which keeps the number of shapes the engine compiles for small) and masked.
// extractor.lastTimings -> {tokenizeMs, runMs, poolMs, batch, length} of the last call.

import { Tensor } from "./tensor.js";
import { loadPretrained, compileAndTune, clockMs } from "./pretrained.js";

/** Rows are padded to a multiple of this many tokens; padding is masked, so results do not depend on it. */
const PAD_TO_MULTIPLE_OF = 16;

/** The encoder output that holds per-token hidden states, by the names exporters give it. */
const HIDDEN_STATE_OUTPUTS = ["last_hidden_state", "token_embeddings", "hidden_states"];

const POOLINGS = new Set(["none", "mean", "cls"]);

export async function featureExtraction(model, options = {}) {
  const pretrained = await loadPretrained(model, options);
  const { session, tokenizer } = pretrained;
  const output = HIDDEN_STATE_OUTPUTS.find((n) => session.outputNames.includes(n)) || session.outputNames[0];
  const encode = (texts) => tokenizer.encodeBatch(texts, { padToMultipleOf: PAD_TO_MULTIPLE_OF });
  const warmUp = await compileAndTune(pretrained, feedsOf(session, encode([""])));
  const extractor = async (texts, { pooling = "none", normalize = false } = {}) => {
    if (!POOLINGS.has(pooling)) throw new TypeError(`unknown pooling '${pooling}' (expected none, mean or cls)`);
    const list = typeof texts === "string" ? [texts] : texts;
    if (!Array.isArray(list) || list.length === 0 || list.some((t) => typeof t !== "string")) {
      throw new TypeError("texts must be a string or a non-empty array of strings");
    }
    const t0 = clockMs();
    const batch = encode(list);
    const t1 = clockMs();
    const result = await session.run(feedsOf(session, batch), [output]);
    const t2 = clockMs();
    const hidden = result[output];
    if (hidden.dims.length !== 3 || hidden.dims[0] !== batch.batch || hidden.dims[1] !== batch.length) {
      throw new Error(`output '${output}' has dims [${hidden.dims.join(", ")}], expected [${batch.batch}, ${batch.length}, hidden]`);
    }
    const pooled = pool(hidden, batch.attentionMask, pooling);
    if (normalize) normalizeLastAxis(pooled.data, pooled.dims[pooled.dims.length - 1]);
    extractor.lastTimings = { tokenizeMs: t1 - t0, runMs: t2 - t1, poolMs: clockMs() - t2, batch: batch.batch,
      length: batch.length };
    return pooled;
  };
  extractor.task = "feature-extraction";
  extractor.model = pretrained.name;
  extractor.config = pretrained.config;
  extractor.tokenizer = tokenizer;
  extractor.session = session;
  extractor.executionProvider = session.executionProvider;
  extractor.backendChoice = session.backendChoice;
  extractor.engine = session.model.engine.kind;
  extractor.timings = { ...pretrained.timings, compileMs: warmUp.compileMs };
  extractor.tuning = warmUp.tuning;
  extractor.lastTimings = null;
  extractor.dispose = async () => {
    tokenizer.dispose();
    await session.release();
  };
  pretrained.progress({ status: "ready", task: "feature-extraction", executionProvider: session.executionProvider });
  return extractor;
}

/** The model's inputs among input_ids, attention_mask, token_type_ids, in the types it declares. */
function feedsOf(session, batch) {
  const arrays = { input_ids: batch.inputIds, attention_mask: batch.attentionMask, token_type_ids: batch.tokenTypeIds };
  const feeds = {};
  for (const meta of session.inputMetadata) {
    const values = arrays[meta.name];
    if (values === undefined) {
      throw new Error(`the model's input '${meta.name}' is not one a text encoder gets (input_ids, attention_mask, token_type_ids)`);
    }
    const data = meta.type === "int32" ? Int32Array.from(values) : BigInt64Array.from(values, (v) => BigInt(v));
    feeds[meta.name] = new Tensor(meta.type === "int32" ? "int32" : "int64", data, [batch.batch, batch.length]);
  }
  return feeds;
}

/** hidden [batch, length, width] -> [batch, width] (mean over masked tokens, or the first) or itself (none). */
function pool(hidden, mask, pooling) {
  const [batch, length, width] = hidden.dims;
  const h = hidden.data;
  if (pooling === "none") return new Tensor("float32", Float32Array.from(h), [batch, length, width]);
  const out = new Float32Array(batch * width);
  const sum = new Float64Array(width);
  for (let b = 0; b < batch; b++) {
    if (pooling === "cls") {
      out.set(h.subarray(b * length * width, b * length * width + width), b * width);
      continue;
    }
    sum.fill(0);
    let count = 0;
    for (let t = 0; t < length; t++) {
      if (mask[b * length + t] === 0) continue;
      count++;
      const row = (b * length + t) * width;
      for (let i = 0; i < width; i++) sum[i] += h[row + i];
    }
    for (let i = 0; i < width; i++) out[b * width + i] = count === 0 ? 0 : sum[i] / count;
  }
  return new Tensor("float32", out, [batch, width]);
}

/** Each run of `width` values divided by its L2 norm (a zero vector stays zero). */
function normalizeLastAxis(data, width) {
  for (let at = 0; at < data.length; at += width) {
    let sq = 0;
    for (let i = 0; i < width; i++) sq += data[at + i] * data[at + i];
    const norm = Math.sqrt(sq);
    if (norm === 0) continue;
    for (let i = 0; i < width; i++) data[at + i] /= norm;
  }
}
