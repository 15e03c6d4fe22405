// The kernel workbench outside a browser: one op at one shape over its schedule candidates, measured by the engine
// (dev.nnjit.tune.workbench, the tuner's measuring code) in Node with Dawn. The real-GPU counterpart of
// `bin/nnjit workbench` (which drives the workbench page in headless Chromium); same request, same report.
//
// Usage: node bench/node/workbench.mjs --op matmul|gemv|softmax|layernorm|... --shape 4096x4096x4096
//            [--candidates all|0,3|0-7] [--runs 10] [--transB true] [--seed 1] [--webapp target/webapp] [--json OUT]
// Prints the candidates ranked by median time with their rate (GFLOP/s or GB/s) and error against the Java
// reference (computed once by the engine's reference op: minutes for 4096^3 in the JavaScript build).
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from './args.mjs';
import {installWebGpu} from './dawn.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2), {runs: '10', candidates: 'all', webapp: path.resolve(here, '../../target/webapp')});
if (!args.op || !args.shape) {
  console.error('usage: node bench/node/workbench.mjs --op FAMILY --shape SHAPE [--candidates all] [--runs N] [--json OUT]');
  process.exit(2);
}

installWebGpu();
const {createEngine} = await import(pathToFileURL(path.join(path.resolve(args.webapp), 'engine.js')).href);
const engine = await createEngine('js');
const request = {family: args.op, shape: args.shape, transB: args.transB === 'true', candidates: args.candidates,
  runs: Number(args.runs), seed: Number(args.seed || 1)};
const reply = await engine.exports.workbenchAsync(request);
if (reply.error !== undefined) {
  console.error(`workbench: ${reply.error}`);
  process.exit(1);
}
const report = reply.value;
if (args.json) fs.writeFileSync(args.json, JSON.stringify({request, report}, null, 1) + '\n');
const rate = (r) => report.metric === 'GB/s' ? r.gbps : r.gflops;
const ranked = [...report.results].sort((a, b) => (a.medianMs ?? Infinity) - (b.medianMs ?? Infinity));
console.log(`${report.problem} on ${report.adapter}; ${report.timing}; ${report.results.length} of `
  + `${report.candidateCount} candidates; reference ${Math.round(report.referenceMs)} ms`);
for (const r of ranked) {
  const tags = (r.isDefault ? ' default' : '') + (r.index === report.best ? ' BEST' : '') + (r.ok ? '' : ' FAIL');
  console.log(`${String(r.index).padStart(3)} ${r.key.padEnd(36)} `
    + (r.medianMs === null ? (r.failure || 'not measured')
      : `median ${r.medianMs.toFixed(3)} ms  min ${r.minMs.toFixed(3)}  ${rate(r).toFixed(1)} ${report.metric}`
        + `  err/tol ${r.errRatio === null ? '-' : r.errRatio.toFixed(3)}`) + tags);
}
process.exit(0);
