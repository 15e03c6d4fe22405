// Writes reference.json: greedy next-token ids from native ONNX Runtime (onnxruntime-node, CPU) on the tiny fixtures
// in models/fixtures, by the same cache-less loop as nnjit's generator (dev.nnjit.generate.Cacheless*Model): every
// step re-runs the whole sequence, batch 1, attention masks of ones, and takes argmax (lowest id among equal scores)
// of the last position's logits. No EOS: exactly MAX_NEW_TOKENS ids per case. Each fixture runs twice: plain greedy,
// and greedy after Hugging Face's repetition penalty (every id already in the decoder's sequence: a positive score
// divided by the penalty, a negative one multiplied; float32 like torch). minMargin is the smallest gap between the
// best and second-best processed score over the steps (a tiny one would make the comparison fragile).
// GenerateReferenceTest compares nnjit's ids with these.
//
// Usage: npm install --ignore-scripts && node make_reference.mjs
import { writeFileSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';

const MAX_NEW_TOKENS = 12;
const CASES = [
  { fixture: 'gpt2', kind: 'causal', prompt: [0, 17, 42, 99, 123, 7] },
  { fixture: 'llama', kind: 'causal', prompt: [1, 17, 42, 99, 123, 7] },
  { fixture: 't5', kind: 'seq2seq', prompt: [17, 42, 99, 123, 7, 1], decoderStart: 0 },
  { fixture: 'bart', kind: 'seq2seq', prompt: [0, 17, 42, 99, 123, 7, 2], decoderStart: 2 },
];

const row = (ids) => new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
const ones = (n) => row(new Array(n).fill(1));

const PENALTIES = [1, 1.5];

/** Last position's scores, the repetition penalty applied; returns [argmax, best - second best]. */
function choose(logits, seq, penalty) {
  const vocab = logits.dims[logits.dims.length - 1];
  const scores = Float32Array.from(logits.data.subarray(logits.data.length - vocab));
  if (penalty !== 1) {
    for (const id of new Set(seq)) scores[id] = scores[id] < 0 ? Math.fround(scores[id] * penalty) : Math.fround(scores[id] / penalty);
  }
  let best = 0;
  for (let i = 1; i < vocab; i++) if (scores[i] > scores[best]) best = i;
  let second = -Infinity;
  for (let i = 0; i < vocab; i++) if (i !== best && scores[i] > second) second = scores[i];
  return [best, scores[best] - second];
}

async function greedy(c, penalty) {
  const session = await ort.InferenceSession.create(new URL(`../fixtures/${c.fixture}/model.onnx`, import.meta.url).pathname);
  const generated = [];
  let minMargin = Infinity;
  let seq = c.kind === 'causal' ? [...c.prompt] : [c.decoderStart];
  for (let step = 0; step < MAX_NEW_TOKENS; step++) {
    const feeds = {};
    if (c.kind === 'causal') {
      feeds.input_ids = row(seq);
      if (session.inputNames.includes('attention_mask')) feeds.attention_mask = ones(seq.length);
    } else {
      feeds.input_ids = row(c.prompt);
      feeds.attention_mask = ones(c.prompt.length);
      feeds.decoder_input_ids = row(seq);
    }
    const out = await session.run(feeds, ['logits']);
    const [id, margin] = choose(out.logits, seq, penalty);
    minMargin = Math.min(minMargin, margin);
    generated.push(id);
    seq.push(id);
  }
  return { ids: generated, minMargin };
}

const cases = [];
for (const c of CASES) {
  for (const repetitionPenalty of PENALTIES) {
    const r = await greedy(c, repetitionPenalty);
    cases.push({ ...c, maxNewTokens: MAX_NEW_TOKENS, repetitionPenalty, ids: r.ids, minMargin: Number(r.minMargin.toPrecision(3)) });
  }
}
const version = JSON.parse(readFileSync(new URL('./node_modules/onnxruntime-node/package.json', import.meta.url))).version;
const doc = { generator: `onnxruntime-node ${version} (CPU), make_reference.mjs`, loop: 'cache-less greedy, batch 1', cases };
// one case per line, so a diff shows which case changed
const text = '{"generator": ' + JSON.stringify(doc.generator) + ', "loop": ' + JSON.stringify(doc.loop) + ', "cases": [\n'
    + cases.map((c) => ' ' + JSON.stringify(c)).join(',\n') + '\n]}\n';
writeFileSync(new URL('./reference.json', import.meta.url), text);
for (const c of cases) console.log(c.fixture, c.repetitionPenalty, c.ids.join(','), c.minMargin);
