// Writes reference.json: greedy ids from native ONNX Runtime (onnxruntime-node, CPU) on the hand-built KV-cache models
// of build_models.py, through every variant of each model: the cache-less graph (the whole sequence re-run per token),
// the with-past graphs (prefill, then one token per step with the presents fed back as pasts) and the merged graphs
// (use_cache_branch false at the prefill, true after it). All variants carry the same weights, so their ids must be
// equal: the script exits non-zero if they are not. No EOS: exactly MAX_NEW_TOKENS ids per case, argmax with the
// lowest id among equal scores. minMargin is the smallest gap between the best and second-best score over the steps
// of the cache-less run (a tiny one would make a comparison fragile).
//
// Usage: python3 build_models.py && npm install --ignore-scripts && node make_reference.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';

const MAX_NEW_TOKENS = 16;
const CASES = [
  { model: 'decoder-only', kind: 'causal', prompt: [1, 17, 42, 5, 60, 7] },
  { model: 'decoder-only', kind: 'causal', prompt: [3] },
  { model: 'encoder-decoder', kind: 'seq2seq', prompt: [0, 17, 42, 5, 60, 7, 1], decoderStart: 2 },
  { model: 'encoder-decoder', kind: 'seq2seq', prompt: [0, 9, 1], decoderStart: 2 },
];

const path = (model, file) => new URL(`./${model}/${file}`, import.meta.url).pathname;
const ids = (values) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
const ones = (n) => ids(new Array(n).fill(1));
const range = (from, to) => ids(Array.from({ length: to - from }, (_, i) => from + i));
const zeros = (dims) => new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
const bool = (v) => new ort.Tensor('bool', Uint8Array.from([v ? 1 : 0]), [1]);

/** [argmax of the last position's scores, best - second best]. */
function choose(logits) {
  const vocab = logits.dims[logits.dims.length - 1];
  const scores = logits.data.subarray(logits.data.length - vocab);
  let best = 0;
  for (let i = 1; i < vocab; i++) if (scores[i] > scores[best]) best = i;
  let second = -Infinity;
  for (let i = 0; i < vocab; i++) if (i !== best && scores[i] > second) second = scores[i];
  return [best, scores[best] - second];
}

/** Inputs named past_key_values.* of a session, with their declared dims. */
function pastInputs(session) {
  return session.inputNames.filter((n) => n.startsWith('past_key_values.'))
      .map((name) => ({ name, dims: session.inputMetadata.find((m) => m.name === name).shape }));
}

/** A 0-length past (decoder self-attention) or, for encoder pasts, a [1, heads, encLen, d] zero tensor. */
function emptyPast(input, encLen) {
  return zeros(input.dims.map((d, axis) => (axis === 0 ? 1 : axis === 2 ? (input.name.includes('.encoder.') ? encLen : 0) : d)));
}

async function causal(c, variant) {
  const file = { cacheless: 'model.onnx', kv: 'model-kv.onnx', merged: 'model-kv-merged.onnx' }[variant];
  const s = await ort.InferenceSession.create(path(c.model, file));
  const pasts = pastInputs(s);
  const seq = [...c.prompt];
  const out = [];
  let minMargin = Infinity;
  let cache = null;
  for (let step = 0; step < MAX_NEW_TOKENS; step++) {
    const feeds = {};
    if (variant === 'cacheless' || cache === null) {
      feeds.input_ids = ids(seq);
      feeds.position_ids = range(0, seq.length);
      for (const p of pasts) feeds[p.name] = emptyPast(p, 0);
    } else {
      feeds.input_ids = ids([seq[seq.length - 1]]);
      feeds.position_ids = range(seq.length - 1, seq.length);
      for (const p of pasts) feeds[p.name] = cache[p.name.replace('past_key_values.', 'present.')];
    }
    feeds.attention_mask = ones(seq.length);
    if (variant === 'merged') feeds.use_cache_branch = bool(cache !== null);
    const r = await s.run(feeds);
    const [id, margin] = choose(r.logits);
    minMargin = Math.min(minMargin, margin);
    if (variant !== 'cacheless') cache = r;
    out.push(id);
    seq.push(id);
  }
  return { ids: out, minMargin };
}

async function seq2seq(c, variant) {
  const encLen = c.prompt.length;
  const encoderFeeds = { input_ids: ids(c.prompt), attention_mask: ones(encLen) };
  const seq = [c.decoderStart];
  const out = [];
  let minMargin = Infinity;
  if (variant === 'cacheless') {
    const s = await ort.InferenceSession.create(path(c.model, 'model.onnx'));
    for (let step = 0; step < MAX_NEW_TOKENS; step++) {
      const r = await s.run({ ...encoderFeeds, decoder_input_ids: ids(seq) });
      const [id, margin] = choose(r.logits);
      minMargin = Math.min(minMargin, margin);
      out.push(id);
      seq.push(id);
    }
    return { ids: out, minMargin };
  }
  const encoder = await ort.InferenceSession.create(path(c.model, 'encoder_model.onnx'));
  const hidden = (await encoder.run(encoderFeeds)).last_hidden_state;
  const first = await ort.InferenceSession.create(path(c.model, variant === 'merged' ? 'decoder_model_merged.onnx' : 'decoder_model.onnx'));
  const next = variant === 'merged' ? first : await ort.InferenceSession.create(path(c.model, 'decoder_with_past_model.onnx'));
  let cache = null;
  for (let step = 0; step < MAX_NEW_TOKENS; step++) {
    const s = cache === null ? first : next;
    const feeds = { input_ids: ids([seq[seq.length - 1]]), encoder_attention_mask: encoderFeeds.attention_mask };
    if (s.inputNames.includes('encoder_hidden_states')) feeds.encoder_hidden_states = hidden;
    for (const p of pastInputs(s)) {
      feeds[p.name] = cache === null ? emptyPast(p, encLen) : cache[p.name.replace('past_key_values.', 'present.')];
    }
    if (variant === 'merged') feeds.use_cache_branch = bool(cache !== null);
    const r = await s.run(feeds);
    const [id, margin] = choose(r.logits);
    minMargin = Math.min(minMargin, margin);
    // the with-past decoder returns only the decoder presents: the encoder's cross-attention cache never changes
    cache = { ...(cache || {}), ...r };
    out.push(id);
    seq.push(id);
  }
  return { ids: out, minMargin };
}

const cases = [];
let failures = 0;
for (const c of CASES) {
  const run = c.kind === 'causal' ? causal : seq2seq;
  const byVariant = {};
  for (const variant of ['cacheless', 'kv', 'merged']) byVariant[variant] = await run(c, variant);
  const reference = byVariant.cacheless;
  for (const [variant, r] of Object.entries(byVariant)) {
    if (r.ids.join() !== reference.ids.join()) {
      failures++;
      console.error(`${c.model} ${c.prompt}: ${variant} gives ${r.ids}, cache-less ${reference.ids}`);
    }
  }
  cases.push({ ...c, maxNewTokens: MAX_NEW_TOKENS, ids: reference.ids, minMargin: Number(reference.minMargin.toPrecision(3)) });
}
const version = JSON.parse(readFileSync(new URL('./node_modules/onnxruntime-node/package.json', import.meta.url))).version;
const text = '{"generator": ' + JSON.stringify(`onnxruntime-node ${version} (CPU), make_reference.mjs`)
    + ', "variants": "cacheless, kv, merged agree", "cases": [\n'
    + cases.map((c) => ' ' + JSON.stringify(c)).join(',\n') + '\n]}\n';
if (failures) process.exit(1);
writeFileSync(new URL('./reference.json', import.meta.url), text);
for (const c of cases) console.log(c.model, JSON.stringify(c.prompt), c.ids.join(','), c.minMargin);
