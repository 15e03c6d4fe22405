// Runs an ONNX model on nnjit's WebGPU backend outside the browser: the engine's JavaScript build (TeaVM) in Node
// with Dawn from npm `webgpu` (Chrome's WebGPU implementation). This is how real-GPU numbers are taken on machines
// without a browser (e.g. a GPU server); in a browser use `bin/nnjit bench`.
//
// Usage: node run-model.mjs WEBAPP_DIR MODEL.onnx FEEDS.json [RUNS]
//   WEBAPP_DIR: `mvn package`'s target/webapp; FEEDS.json: golden format ({"inputs": ..., "outputs"?: ...}).
//   External data files named by the model are read from the model's folder (model.onnx.data).
// Prints one JSON line: adapter, cold ms (load + first run), warm median/min/max ms, and, when FEEDS.json has
// "outputs", the max |error| relative to max |golden| per output (only golden values present are compared).
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {create, globals} from 'webgpu';

Object.assign(globalThis, globals);
globalThis.navigator = {gpu: create([])};

const [webapp, modelPath, feedsPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 10);
const {createEngine} = await import(pathToFileURL(path.resolve(webapp, 'engine.js')).href);
const engine = await createEngine('js');

const modelBytes = fs.readFileSync(modelPath);
const external = {};
const dataFile = modelPath + '.data';
if (fs.existsSync(dataFile)) external[path.basename(dataFile)] = fs.readFileSync(dataFile);
const doc = JSON.parse(fs.readFileSync(feedsPath, 'utf8'));

const t0 = performance.now();
const model = await engine.loadModelAsync(modelBytes, external, {backend: 'webgpu'});
const first = await model.runAsync(doc.inputs);
const coldMs = performance.now() - t0;
const times = [];
let last = first;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  last = await model.runAsync(doc.inputs);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const errors = {};
for (const [name, g] of Object.entries(doc.outputs || {})) {
  const out = last.outputs[name];
  if (!out || !Array.isArray(g.data)) continue;
  const golden = g.data.flat(Infinity).map(Number);
  if (golden.length !== out.data.length) continue;
  let maxG = 0, maxE = 0;
  for (let i = 0; i < golden.length; i++) {
    maxG = Math.max(maxG, Math.abs(golden[i]));
    maxE = Math.max(maxE, Math.abs(golden[i] - Number(out.data[i])));
  }
  errors[name] = maxE / (maxG || 1);
}
console.log(JSON.stringify({model: modelPath, adapter: model.adapter, coldMs,
  medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times[times.length - 1], runs,
  relativeError: errors}));
process.exit(0);
