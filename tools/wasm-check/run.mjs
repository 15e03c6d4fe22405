// Runs nnjit-generated Wasm kernels in Node (V8: SIMD128 and threads built in; relaxed SIMD needs
// --experimental-wasm-relaxed-simd on Node 20) for the JVM tests (src/test/java/dev/nnjit/wasm/kernels/NodeWasm.java).
//
//   node [--experimental-wasm-relaxed-simd] run.mjs DIR
//
// DIR/jobs.json: [{name, wasm, memoryBytes, inputs: [{offset, file}], calls: [[i32 args...], ...],
//                  outputs: [{offset, bytes, file}]}]
// For each job: one shared WebAssembly.Memory of memoryBytes (NaN-filled, so unwritten outputs show), inputs copied
// in at their byte offsets, the module instantiated with {env: {memory}}, its export "main" called once per argument
// list, then each output range written to DIR/<file>. DIR/results.json: [{name, ok, error?}]. Exit code 0 unless the
// job file itself is unreadable; a failing job is reported in results.json.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const dir = process.argv[2];
const jobs = JSON.parse(readFileSync(join(dir, 'jobs.json'), 'utf8'));
const results = [];
for (const job of jobs) {
  try {
    const pages = Math.ceil(job.memoryBytes / 65536);
    const memory = new WebAssembly.Memory({initial: pages, maximum: pages, shared: true});
    new Float32Array(memory.buffer).fill(NaN);
    const bytes = new Uint8Array(memory.buffer);
    for (const input of job.inputs) bytes.set(readFileSync(join(dir, input.file)), input.offset);
    const module = new WebAssembly.Module(readFileSync(join(dir, job.wasm)));
    const instance = new WebAssembly.Instance(module, {env: {memory}});
    for (const args of job.calls) instance.exports.main(...args);
    for (const out of job.outputs) {
      writeFileSync(join(dir, out.file), bytes.slice(out.offset, out.offset + out.bytes));
    }
    results.push({name: job.name, ok: true});
  } catch (e) {
    results.push({name: job.name, ok: false, error: String(e && e.stack || e)});
  }
}
writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
