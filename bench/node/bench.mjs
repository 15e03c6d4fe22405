// `nnjit bench` outside a browser: the bench page's own module (target/webapp/bench.js) driven from Node, with
// WebGPU from Dawn (npm `webgpu`) and ONNX Runtime Web's WebGPU EP from bench/node_modules. This is how real-GPU
// numbers are taken on machines without a browser (the GPU server); in a browser use `bin/nnjit bench`.
//
// Usage: node --liftoff-only bench/node/bench.mjs --model MODEL.onnx --inputs FEEDS.json
//            [--runtimes nnjit-webgpu,nnjit-webgpu-tuned,ort-webgpu] [--runs 20] [--warmup 3] [--tolerance 1e-4]
//            [--webapp target/webapp] [--json OUT.json] [--records-into RECORDS.json]
//        node --liftoff-only bench/node/bench.mjs --model MODEL-KV.onnx --decode N [--prompt-length 16] [--runs 3] ...
//   --decode N: greedy decoding of N tokens on a KV-cache model instead of feeds (bench.js measureDecode, the same
//     prompt ids as `nnjit bench --decode`); prints prefill (first-token) ms and ms per decoded token per runtime.
//   External data: MODEL.onnx.data beside the model, when present (the bench models' layout).
//   --records-into: after the runtimes ran, the tuning records this process measured are merged into the file
//     (created if missing; an entry for the same adapter, family, problem and candidate set is replaced).
//   --liftoff-only (a V8 flag): ORT's 27 MB wasm otherwise spends ~40 s in background optimisation during the runs.
// The engine runs as its JavaScript build (Node 20 cannot load the Wasm GC build); ORT runs single-threaded.
// Prints one line per runtime and a summary; exit status 1 when a runtime's outputs disagree with the reference.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from './args.mjs';
import {installWebGpu} from './dawn.mjs';
import {mergeRecords} from './records.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2), {
  runtimes: 'nnjit-webgpu,nnjit-webgpu-tuned,ort-webgpu', runs: '20', warmup: '3', tolerance: '1e-4',
  webapp: path.resolve(here, '../../target/webapp'),
});
const decode = args.decode !== undefined ? Number(args.decode) : 0;
if (!args.model || (!args.inputs && !decode)) {
  console.error('usage: node bench/node/bench.mjs --model MODEL.onnx --inputs FEEDS.json [--runtimes A,B] [--runs N]'
    + ' [--warmup N] [--json OUT.json] [--records-into RECORDS.json]');
  process.exit(2);
}

installWebGpu();
const webapp = path.resolve(args.webapp);
const bench = await import(pathToFileURL(path.join(webapp, 'bench.js')).href);
const device = await bench.deviceInfo();

const modelPath = path.resolve(args.model);
const external = [];
if (fs.existsSync(modelPath + '.data')) {
  external.push({path: path.basename(modelPath) + '.data', data: new Uint8Array(fs.readFileSync(modelPath + '.data'))});
}
const ortDist = path.resolve(here, '../node_modules/onnxruntime-web/dist');
const prepared = bench.prepareBytes({
  modelBytes: new Uint8Array(fs.readFileSync(modelPath)), external,
  feedsDoc: decode ? null : JSON.parse(fs.readFileSync(args.inputs, 'utf8')), engineBuild: 'js', ortLoader: loadOrt,
});
if (!prepared.ok) {
  console.error(`bench: ${prepared.error}`);
  process.exit(2);
}

const settings = {host: 'node', runs: Number(args.runs), warmup: Number(args.warmup), tolerance: Number(args.tolerance),
  runtimes: args.runtimes.split(','), inputs: prepared.inputs};
const runtimes = {};
if (decode) {
  await decodeBench();
  process.exit(0);
}
for (const name of settings.runtimes) {
  const {result} = await bench.measure(name, {runs: settings.runs, warmup: settings.warmup, tolerance: settings.tolerance});
  runtimes[name] = result;
  console.log(name.padEnd(20) + (result.unavailable !== undefined ? `unavailable: ${result.unavailable}`
    : `median ${result.medianMs.toFixed(2)} ms  min ${result.minMs.toFixed(2)}  cold ${result.coldMs.toFixed(0)} ms`
      + (result.tuningMs !== undefined ? `  tuning ${result.tuningMs.toFixed(0)} ms` : '')
      + `  check ${result.check && result.check.ok === false ? 'FAILED' : 'ok'}`
      + (result.checkExpected ? ` expected ${result.checkExpected.ok ? 'ok' : 'FAILED'}`
        + ` (${result.checkExpected.maxRelDiff.toExponential(1)})` : '')));
}
const report = bench.buildReport({model: path.relative(process.cwd(), modelPath), device, settings, runtimes});
if (args.json) fs.writeFileSync(args.json, JSON.stringify(report, null, 1) + '\n');
if (args['records-into'] && runtimes['nnjit-webgpu-tuned'] && runtimes['nnjit-webgpu-tuned'].unavailable === undefined) {
  const {createEngine} = await import(pathToFileURL(path.join(webapp, 'engine.js')).href);
  const measured = (await createEngine('js')).tuningRecords();
  const file = path.resolve(args['records-into']);
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  fs.writeFileSync(file, mergeRecords(before, measured));
  console.log(`tuning records merged into ${file}`);
}
const ort = runtimes['ort-webgpu'];
for (const name of ['nnjit-webgpu', 'nnjit-webgpu-tuned']) {
  const r = runtimes[name];
  if (ort && ort.medianMs && r && r.medianMs) console.log(`${name}: ${(ort.medianMs / r.medianMs).toFixed(2)}x faster than ort-webgpu`);
}
const failed = Object.entries(report.crossCheck).filter(([, c]) => !c.ok || c.expectedOk === false).map(([n]) => n);
if (failed.length) console.log(`outputs disagree: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);

/**
 * --decode: each runtime decodes the same prompt (BenchCommand's ids: 1 + (i * 37) % 97); one line per runtime and
 * the report (settings.decode, runtimes[name] = measureDecode's result) as --json.
 */
async function decodeBench() {
  const length = Number(args['prompt-length'] || 16);
  const prompt = Array.from({length}, (_, i) => 1 + (i * 37) % 97);
  Object.assign(settings, {decode: decode, promptLength: length});
  for (const name of settings.runtimes) {
    const {result} = await bench.measureDecode(name, {prompt, newTokens: decode, runs: settings.runs});
    runtimes[name] = result;
    console.log(name.padEnd(20) + (result.unavailable !== undefined ? `unavailable: ${result.unavailable}`
      : `first token ${result.prefillMs.toFixed(2)} ms  decode ${result.decodeMsPerToken.toFixed(2)} ms/token`
        + ` (${result.tokensPerSecond.toFixed(1)} tokens/s; first/last quarter ${result.firstQuarterMs.toFixed(2)}`
        + `/${result.lastQuarterMs.toFixed(2)})  shapes ${result.compiledShapes}`
        + (result.tuningMs !== undefined ? `  tuning ${result.tuningMs.toFixed(0)} ms` : '')
        + `  ids ${result.check.ok ? 'agree' : 'DIFFER from ' + result.check.against}`));
  }
  const ort = runtimes['ort-webgpu'];
  for (const [name, r] of Object.entries(runtimes)) {
    if (name !== 'ort-webgpu' && ort && ort.decodeMsPerToken && r.decodeMsPerToken) {
      console.log(`${name}: decode ${(ort.decodeMsPerToken / r.decodeMsPerToken).toFixed(2)}x ort-webgpu's tokens/s`);
    }
  }
  if (args.json) {
    fs.writeFileSync(args.json, JSON.stringify({model: path.relative(process.cwd(), modelPath), device, settings,
      runtimes}, null, 1) + '\n');
  }
}

/** ONNX Runtime Web's WebGPU EP as Node can load it: the self-contained bundle, its wasm given as bytes, one thread. */
async function loadOrt(bundle) {
  if (bundle !== 'ort.webgpu.min.mjs') throw new Error(`${bundle}: only ort-webgpu is set up for Node`);
  const file = 'ort.webgpu.bundle.min.mjs';
  const ort = await import(pathToFileURL(path.join(ortDist, file)).href);
  ort.env.wasm.wasmBinary = fs.readFileSync(path.join(ortDist, 'ort-wasm-simd-threaded.asyncify.wasm'));
  ort.env.wasm.numThreads = 1;
  return {ort, file};
}
