// Where a model's GPU time goes, kernel by kernel, in Node with Dawn: the engine's JavaScript build runs the model
// on WebGPU with tuning off (default schedules), or with the decisions of a tuning-records file (what a tuned
// session adopted: `bench.mjs --records-into`), and times every kernel inside the model's own run (timestamp
// queries, one pass per kernel). Comparing the two shows which tuned kernels are faster or slower in the model than
// the tuner measured them alone.
//
// Usage: node bench/node/profile.mjs --model MODEL.onnx --inputs FEEDS.json [--records RECORDS.json] [--runs 10]
//            [--webapp target/webapp] [--json OUT.json]
//   Prints the median whole-run time (unprofiled runs), then per kernel step: node, op, family, config, median ms.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from './args.mjs';
import {installWebGpu} from './dawn.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2), {runs: '10', webapp: path.resolve(here, '../../target/webapp')});
if (!args.model || !args.inputs) {
  console.error('usage: node bench/node/profile.mjs --model MODEL.onnx --inputs FEEDS.json [--records RECORDS.json]'
    + ' [--runs N] [--json OUT.json]');
  process.exit(2);
}
installWebGpu();
const {createEngine} = await import(pathToFileURL(path.join(path.resolve(args.webapp), 'engine.js')).href);
const engine = await createEngine('js');

const modelPath = path.resolve(args.model);
const files = {};
if (fs.existsSync(modelPath + '.data')) files[path.basename(modelPath) + '.data'] = fs.readFileSync(modelPath + '.data');
const tuning = {cache: 'none', auto: false};
if (args.records) tuning.records = fs.readFileSync(args.records, 'utf8');
const model = await engine.loadModelAsync(fs.readFileSync(modelPath), files, {backend: 'webgpu', tuning});
const feeds = parseFeeds(JSON.parse(fs.readFileSync(args.inputs, 'utf8')));

const runs = Number(args.runs);
for (let i = 0; i < 3; i++) await model.runAsync(feeds);   // warm-up: compile, first uploads
const wall = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  await model.runAsync(feeds);
  wall.push(performance.now() - t0);
}
const perKernel = [];
let timing = null;
for (let i = 0; i < runs; i++) {
  const {gpu} = await model.runAsync(feeds, {profile: true});
  timing = gpu.timing;
  gpu.kernels.forEach((k, j) => { (perKernel[j] = perKernel[j] || []).push(k.ms); });
}
const choices = model.kernels();
const steps = choices.map((c, j) => ({node: c.node, op: c.op, family: c.family, config: c.config,
  isDefault: c.config === c.defaultConfig, medianMs: median(perKernel[j] || [])}));
const total = steps.reduce((s, k) => s + k.medianMs, 0);
console.log(`${path.basename(modelPath)}${args.records ? ' with ' + path.basename(args.records) : ' (default schedules)'}:`
  + ` run median ${median(wall).toFixed(2)} ms, kernels ${total.toFixed(2)} ms (${timing}), ${steps.length} steps`);
const byConfig = new Map();
for (const s of steps) {
  const key = `${s.family} ${s.config}${s.isDefault ? ' (default)' : ''}`;
  const e = byConfig.get(key) || {count: 0, ms: 0};
  e.count++;
  e.ms += s.medianMs;
  byConfig.set(key, e);
}
for (const [key, e] of [...byConfig.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${e.ms.toFixed(3).padStart(9)} ms  x${String(e.count).padEnd(3)} ${key}`);
}
if (args.json) {
  fs.writeFileSync(args.json, JSON.stringify({model: args.model, records: args.records || null, runMedianMs: median(wall),
    timing, steps}, null, 1) + '\n');
}
model.dispose();
process.exit(0);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** {"inputs": {NAME: {shape, dtype, data}}} (the bench feeds format) -> the engine's feeds. */
function parseFeeds(doc) {
  const feeds = {};
  for (const [name, t] of Object.entries(doc.inputs)) {
    const data = t.data.flat(Infinity);
    const typed = t.dtype === 'int64' ? BigInt64Array.from(data, (v) => BigInt(v))
      : t.dtype === 'int32' ? Int32Array.from(data, Number) : Float32Array.from(data, Number);
    feeds[name] = {dtype: t.dtype, shape: t.shape.map(Number), data: typed};
  }
  return feeds;
}
