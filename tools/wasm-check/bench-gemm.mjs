// Times nnjit-generated Wasm GEMM kernels single-threaded in Node (one call covers all rows).
//
//   node [--experimental-wasm-relaxed-simd] bench-gemm.mjs DIR [RUNS]
//
// DIR/bench.json: [{name, wasm, m, n, k, workspaceBytes, bFloats, rangeEnd}] as written by
// dev.nnjit.tools.WasmGemmBench (a packed B is random too: bFloats of it; rangeEnd: m, or n for a column split). Random inputs
// in [-1, 1); one warm-up call (V8 tiers the module up: TurboFan code for the hot function), then RUNS timed calls;
// prints one line per kernel with the median wall time and GFLOP/s (2*m*n*k flops per call), and GFLOP/s by the
// process's CPU time (process.cpuUsage), which stays meaningful on a machine shared with other work.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

const dir = process.argv[2];
const runs = Number(process.argv[3] || 5);
for (const b of JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'))) {
  const align = (x) => (x + 15) & ~15;
  const aOff = 1024, bOff = align(aOff + 4 * b.m * b.k), cOff = align(bOff + 4 * (b.bFloats || b.k * b.n));
  const rangeEnd = b.rangeEnd || b.m;
  const wsOff = align(cOff + 4 * b.m * b.n), end = wsOff + b.workspaceBytes;
  const pages = Math.ceil(end / 65536) + 1;
  const memory = new WebAssembly.Memory({initial: pages, maximum: pages, shared: true});
  const f = new Float32Array(memory.buffer);
  for (let i = aOff / 4; i < cOff / 4; i++) f[i] = Math.random() * 2 - 1;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(dir, b.wasm))), {env: {memory}});
  const main = instance.exports.main;
  main(aOff, bOff, cOff, wsOff, 0, rangeEnd);
  const times = [], cpu = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    main(aOff, bOff, cOff, wsOff, 0, rangeEnd);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1e3);
  }
  const median = (v) => v.slice().sort((x, y) => x - y)[Math.floor(v.length / 2)];
  const ms = median(times), cpuMs = median(cpu);
  const flops = 2 * b.m * b.n * b.k;
  console.log(`${b.name.padEnd(44)} ${b.m}x${b.n}x${b.k}  wall ${ms.toFixed(1)} ms ${(flops / (ms * 1e6)).toFixed(1)}`
      + ` GFLOP/s  cpu ${cpuMs.toFixed(1)} ms ${(flops / (cpuMs * 1e6)).toFixed(1)} GFLOP/s`);
}
