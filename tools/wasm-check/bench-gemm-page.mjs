// The Wasm GEMM benchmark in a cross-origin isolated page (driven by dev.nnjit.host.WasmGemmPage for
// dev.nnjit.tools.WasmGemmBench --browser): times nnjit's generated GEMM modules on 1 and navigator.hardwareConcurrency
// threads, checks each one's output against the Java reference, and times ONNX Runtime Web's wasm MatMul at the
// same shape on the same inputs.
//
//   await window.runGemmBench() -> JSON {crossOriginIsolated, hardwareConcurrency, shape, tolerance, results: [
//     {name, threads, ok, maxAbsErr, medianMs, minMs, gflops, gflopsMin, runs} | {name, threads, error}]}
//
// Files next to this page (written by WasmGemmBench): bench.json {m, n, k, runs, tolerance, threads?, ort?,
// modules: [{name, wasm, workspaceBytes, packedB, bFloats, rangeEnd, grain}]}, a.bin, b.bin (row-major f32 inputs),
// b-panelsNR.bin (B packed into NR-column panels, for modules with packedB = NR: a weight, packed before timing),
// c.bin (the reference output).
// Threads: the same protocol as dev.nnjit.runtime.wasm.KernelThreads (the range, rows or columns, cut into T equal
// shares of whole grains, share t on thread t with workspace t; workers Atomics.wait on a generation counter, the
// page spins on a done counter).

const fetchBytes = async (url) => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
};
const median = (v) => { const s = v.slice().sort((x, y) => x - y); const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]); };
const align = (x) => (x + 15) & ~15;

const WORKER = `onmessage = async (e) => {
  const d = e.data; const ctl = new Int32Array(d.memory.buffer, 16, 4);
  const main = (await WebAssembly.instantiate(d.module, {env: {memory: d.memory}})).exports.main;
  postMessage('ready'); let gen = 0;
  for (;;) { Atomics.wait(ctl, 0, gen); gen = Atomics.load(ctl, 0); if (Atomics.load(ctl, 1) < 0) { close(); return; }
    const r0 = share(d.end, d.grain, d.index, d.threads), r1 = share(d.end, d.grain, d.index + 1, d.threads);
    if (r1 > r0) main(d.a, d.b, d.c, d.ws, r0, r1); Atomics.add(ctl, 2, 1); } };
  ${share}`;

/** Where share t of T of the range [0, end) starts: whole grains, as KernelThreads cuts it. */
function share(end, grain, t, T) { return Math.min(end, grain * Math.floor(Math.ceil(end / grain) * t / T)); }

/** One module on `threads` threads: {run(), check(), stop()}. */
async function gemmRunner(cfg, mod, module, workspaceBytes, threads, a, b) {
  const { m, n, k } = cfg;
  const rangeEnd = mod.rangeEnd || m, grain = mod.grain || 1;
  const aOff = 1024, bOff = align(aOff + 4 * m * k), cOff = align(bOff + 4 * b.length);
  const wsOff = align(cOff + 4 * m * n), wsStride = align(workspaceBytes), end = wsOff + threads * wsStride;
  const pages = Math.ceil(end / 65536) + 1;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  new Float32Array(memory.buffer, aOff, m * k).set(a);
  new Float32Array(memory.buffer, bOff, b.length).set(b);
  new Float32Array(memory.buffer, cOff, m * n).fill(NaN);
  const main = (await WebAssembly.instantiate(module, { env: { memory } })).exports.main;
  const ctl = new Int32Array(memory.buffer, 16, 4);
  const workers = [];
  if (threads > 1) {
    const url = URL.createObjectURL(new Blob([WORKER], { type: "text/javascript" }));
    const ready = [];
    for (let t = 1; t < threads; t++) {
      const w = new Worker(url);
      workers.push(w);
      ready.push(new Promise((res, rej) => { w.onmessage = res; w.onerror = (ev) => rej(new Error(ev.message)); }));
      w.postMessage({ memory, module, end: rangeEnd, grain, index: t, threads, a: aOff, b: bOff, c: cOff, ws: wsOff + t * wsStride });
    }
    await Promise.all(ready);
    URL.revokeObjectURL(url);
  }
  const r1 = share(rangeEnd, grain, 1, threads);
  return {
    run() {
      if (threads > 1) {
        Atomics.store(ctl, 2, 0); Atomics.store(ctl, 1, 0); Atomics.add(ctl, 0, 1); Atomics.notify(ctl, 0);
      }
      main(aOff, bOff, cOff, wsOff, 0, r1);
      if (threads > 1) while (Atomics.load(ctl, 2) !== threads - 1) { /* spin: the page may not Atomics.wait */ }
    },
    output() { return new Float32Array(memory.buffer, cOff, m * n).slice(); },
    stop() { Atomics.store(ctl, 1, -1); Atomics.add(ctl, 0, 1); Atomics.notify(ctl, 0); workers.forEach((w) => w.terminate()); },
  };
}

function maxAbsErr(out, ref) {
  let e = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(out[i] - ref[i]);
    if (!(d <= e)) e = Number.isNaN(d) ? Infinity : d;
  }
  return e;
}

async function time(runOnce, runs) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await runOnce();
    times.push(performance.now() - t0);
  }
  return times;
}

function summary(cfg, name, threads, err, times) {
  const flops = 2 * cfg.m * cfg.n * cfg.k;
  const med = median(times), min = Math.min(...times);
  return { name, threads, ok: err <= cfg.tolerance, maxAbsErr: err, medianMs: med, minMs: min,
    gflops: flops / (med * 1e6), gflopsMin: flops / (min * 1e6), runs: times.length };
}

// ---- ONNX Runtime Web: a one-node MatMul model encoded here (protobuf wire format, ONNX's onnx.proto fields) ----

function pb() {
  const bytes = [];
  const varint = (v) => { while (v > 127) { bytes.push((v & 127) | 128); v = Math.floor(v / 128); } bytes.push(v); };
  const w = {
    int(field, v) { varint(field * 8); varint(v); return w; },
    str(field, s) { return w.raw(field, new TextEncoder().encode(s)); },
    msg(field, m) { return w.raw(field, m.done()); },
    raw(field, b) { varint(field * 8 + 2); varint(b.length); for (const x of b) bytes.push(x); return w; },
    done() { return Uint8Array.from(bytes); },
  };
  return w;
}

function matmulModel(m, n, k) {
  const value = (name, dims) => {   // ValueInfoProto{name=1, type=2: TypeProto{tensor_type=1{elem_type=1, shape=2}}}
    const shape = pb();
    for (const d of dims) shape.msg(1, pb().int(1, d));   // TensorShapeProto.dim{dim_value=1}
    return pb().str(1, name).msg(2, pb().msg(1, pb().int(1, 1).msg(2, shape)));
  };
  const node = pb().str(1, "A").str(1, "B").str(2, "C").str(3, "matmul").str(4, "MatMul");
  const graph = pb().msg(1, node).str(2, "gemm").msg(11, value("A", [m, k])).msg(11, value("B", [k, n]))
    .msg(12, value("C", [m, n]));
  return pb().int(1, 8).str(2, "nnjit").msg(7, graph).msg(8, pb().str(1, "").int(2, 17)).done();
}

async function ortMatmul(cfg, a, b, ref, threads) {
  const ort = await import(cfg.ort + "ort.wasm.min.mjs");
  ort.env.wasm.wasmPaths = cfg.ort;
  ort.env.wasm.numThreads = threads;
  const session = await ort.InferenceSession.create(matmulModel(cfg.m, cfg.n, cfg.k), { executionProviders: ["wasm"] });
  const feeds = { A: new ort.Tensor("float32", a, [cfg.m, cfg.k]), B: new ort.Tensor("float32", b, [cfg.k, cfg.n]) };
  const first = await session.run(feeds);
  const err = maxAbsErr(first.C.data, ref);
  const times = await time(() => session.run(feeds), cfg.runs);
  await session.release();
  return summary(cfg, `ort-web wasm MatMul (${ort.env.versions ? ort.env.versions.common : ""})`, threads, err, times);
}

window.runGemmBench = async () => {
  const cfg = await (await fetch("bench.json")).json();
  const f32 = async (u) => new Float32Array((await fetchBytes(u)).buffer);
  const a = await f32("a.bin"), b = await f32("b.bin"), ref = await f32("c.bin");
  const hc = navigator.hardwareConcurrency || 1;
  const threadCounts = cfg.threads || [...new Set([1, hc])];
  const results = [];
  for (const mod of cfg.modules) {
    const module = await WebAssembly.compile(await fetchBytes(mod.wasm));
    for (const threads of threadCounts) {
      let g = null;
      try {
        const bIn = mod.packedB ? await f32(`b-panels${mod.packedB}.bin`) : b;
        g = await gemmRunner(cfg, mod, module, mod.workspaceBytes, threads, a, bIn);
        g.run();   // warm-up: V8 tiers the hot function up
        const err = maxAbsErr(g.output(), ref);
        results.push(summary(cfg, mod.name, threads, err, await time(() => g.run(), cfg.runs)));
      } catch (e) {
        results.push({ name: mod.name, threads, error: String(e && e.message || e) });
      } finally {
        if (g) g.stop();
      }
    }
  }
  if (cfg.ort) {
    // ORT's thread pool is fixed when its wasm loads (once per page): the page's thread count only.
    const threads = threadCounts[threadCounts.length - 1];
    try {
      results.push(await ortMatmul(cfg, a, b, ref, threads));
    } catch (e) {
      results.push({ name: "ort-web wasm MatMul", threads, error: String(e && e.message || e) });
    }
  }
  return JSON.stringify({ crossOriginIsolated: self.crossOriginIsolated, hardwareConcurrency: hc,
    userAgent: navigator.userAgent, shape: [cfg.m, cfg.n, cfg.k], tolerance: cfg.tolerance, results });
};
window.gemmBenchReady = true;
