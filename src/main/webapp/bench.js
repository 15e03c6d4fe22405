// Benchmark of nnjit against ONNX Runtime Web on one ONNX model and one set of feeds, in this page.
// Driven by dev.nnjit.host.BenchRunner (`nnjit bench`) through window.nnjitBench, or by hand from bench.html.
//
//   await nnjitBench.deviceInfo()
//       -> {vendor, architecture, description, device, hardwareConcurrency, crossOriginIsolated, userAgent,
//           webgpu: "available" | "unavailable: <reason>"}
//   await nnjitBench.prepare({modelUrl, externalFiles: [names relative to the model], feedsUrl, ortBase})
//       fetches the model, its external data and the feeds ONCE; every runtime gets the same bytes.
//       -> {ok, fetchMs, modelBytes, externalBytes, inputs: {NAME: {dtype, shape}}, expectedOutputs: [names]}
//   await nnjitBench.measure(runtime, {runs, warmup, tolerance, tuningRecords})  (records: for the tuned runtimes)
//       -> {ok: true, result: {coldMs, loadMs, firstRunMs, medianMs, minMs, maxMs, runs, warmup, timesMs, config,
//                              check, checkExpected, (nnjit-webgpu-tuned:) tuningMs, tuning}}
//        | {ok: true, result: {unavailable: "<reason>"}}        (never throws: one runtime's failure is its own)
//   await nnjitBench.measureDecode(runtime, {prompt: [ids], newTokens, runs})      (a KV-cache decoder; feedsUrl may
//       be null) -> {ok: true, result: {prefillMs, decodeMsPerToken, tokensPerSecond, firstQuarterMs, lastQuarterMs,
//                    ids, check, compiledShapes, lengths, loadMs, (tuned:) tuningMs, tuning}} | {unavailable}
//       nnjit runtimes decode with the engine's generator (its KV cache, GPU-resident on webgpu); ort-* with the
//       same greedy KV loop in JS (decodeLoop; ort-webgpu keeps its presents on the GPU, as transformers.js does).
//   nnjitBench.buildReport({model, device, settings, runtimes: {NAME: result}}) -> the report (see bench-report.html)
//
// Outside a page (bench/node/bench.mjs: Node with Dawn, on machines without a browser) the same module is imported
// and driven through prepareBytes: the bytes are read by the caller, `engineBuild` picks the engine build for every
// nnjit runtime (Node cannot load the Wasm GC build) and `ortLoader(bundle, ctx)` imports and configures ONNX Runtime
// Web the way that host needs. Everything else (runtimes, timing, cross-check, report) is this one code.
//
// What is timed (performance.now(), milliseconds):
//   coldMs  = loading the runtime's code (module import, wasm compile) + session creation (graph compile, weight
//             upload, shader compilation) + the first run with output readback; the model bytes are already in
//             memory (fetched once by prepare, not timed).  loadMs + firstRunMs = coldMs.
//   warm    = one run: wrapping/uploading the feeds + inference + reading every output back into a JS typed array.
//             `warmup` untimed runs come first, then `runs` timed ones: median, min, max over those.
// Cross-check: the last run's outputs of each runtime are compared with those of the first runtime that produced
// outputs in this page ("check") and, when the feeds file carries full reference outputs ("outputs" with data),
// with those ("checkExpected"). Agreement: max |a - b| <= tolerance * max |reference| for every float output (the
// project's rule: every runtime computes in float32, only summation order differs), exact equality for integers.
//
// Runtimes:
//   nnjit-wasm    the engine's CPU reference compiled to WebAssembly GC (engine.js, createEngine("wasm-gc"))
//   nnjit-js      the same engine compiled to JavaScript
//   nnjit-wasm-simd  the engine's wasm-simd backend (Wasm GC build): CPU kernels nnjit generates as WebAssembly SIMD
//                 modules, the other nodes on the reference ops, kernels on navigator.hardwareConcurrency threads (as
//                 ort-wasm); tuned like nnjit-webgpu-tuned (the same tuner and default budget measure its GEMM, GEMV
//                 and row kernels' schedules on this CPU, from an empty cache or the tuningRecords option), so its
//                 entry carries tuningMs and the warm runs use the winners
//   nnjit-webgpu  the engine's WebGPU backend with its default schedules: await engine.loadModelAsync(bytes, files,
//                 {backend: "webgpu", tuning: {budgetMs: 0, cache: "none", shipped: []}}) (tuning, on by default in
//                 the engine, off), then await model.runAsync(feeds) (outputs read back); unavailable when the build
//                 has no loadModelAsync
//   nnjit-webgpu-tuned  the same with tuning on, as a page would use it: loaded with {tuning: {cache: "none",
//                 auto: true, shipped: [], records}} (records: the tuningRecords option, JSON text, else none: an
//                 empty cache), so the tuner starts in the background once the first run has returned (coldMs and
//                 firstRunMs are the first inference with tuning on); then `await model.tuning` (the background
//                 session, within the engine's default budget; tuningMs, not part of coldMs or the warm runs), then
//                 timed like nnjit-webgpu. With records that answer every workload it tunes nothing.
//   ort-wasm      ONNX Runtime Web, ort.wasm.min.mjs, 'wasm' EP, numThreads = navigator.hardwareConcurrency
//   ort-webgpu    ONNX Runtime Web, ort.webgpu.min.mjs, 'webgpu' EP (outputs read back to the CPU)

import { createEngine } from "./engine.js";

export const RUNTIME_NAMES = ["nnjit-webgpu", "nnjit-webgpu-tuned", "nnjit-wasm-simd", "nnjit-wasm", "nnjit-js",
  "ort-webgpu", "ort-wasm"];
/** Ratios are taken against the first of these that produced timings. */
const BASELINE_ORDER = ["nnjit-webgpu", "nnjit-wasm", "nnjit-js"];
const DEFAULT_TOLERANCE = 1e-4;

// {modelBytes: Uint8Array, external: [{path, data: Uint8Array}], feeds, expected, ortBase, engineBuild, ortLoader}
let prepared = null;
let referenceOutputs = null;  // {runtime, outputs} of the first runtime that produced outputs in this page

const now = () => performance.now();

// ---------------------------------------------------------------------------------------------------------------
// Device

export async function deviceInfo() {
  const info = {
    vendor: null, architecture: null, description: null, device: null,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    webgpu: "unavailable: navigator.gpu is missing (WebGPU disabled in this browser)",
  };
  if (navigator.gpu) {
    try {
      const adapter = await navigator.gpu.requestAdapter();
      if (!adapter) {
        info.webgpu = "unavailable: navigator.gpu.requestAdapter() returned null";
      } else {
        const a = adapter.info || {};
        info.vendor = a.vendor || ""; info.architecture = a.architecture || "";
        info.description = a.description || ""; info.device = a.device || "";
        info.webgpu = "available";
      }
    } catch (e) {
      info.webgpu = `unavailable: requestAdapter() failed: ${message(e)}`;
    }
  }
  return info;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs, fetched once

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function prepare({ modelUrl, externalFiles = [], feedsUrl, ortBase = "/files/ort/" }) {
  try {
    const t0 = now();
    const base = new URL(modelUrl, location.href);
    const [modelBytes, ...externalBytes] = await Promise.all(
      [base.href, ...externalFiles.map((n) => new URL(n, base).href)].map(fetchBytes));
    let feedsDoc = null;
    if (feedsUrl) {
      const feedsResponse = await fetch(new URL(feedsUrl, location.href));
      if (!feedsResponse.ok) throw new Error(`fetching ${feedsUrl} failed: HTTP ${feedsResponse.status}`);
      feedsDoc = await feedsResponse.json();
    }
    const fetchMs = now() - t0;
    const reply = prepareBytes({
      modelBytes, external: externalFiles.map((path, i) => ({ path, data: externalBytes[i] })), feedsDoc,
      ortBase: new URL(ortBase, location.href).href,
    });
    return reply.ok ? { ...reply, fetchMs } : reply;
  } catch (e) {
    prepared = null;
    return { ok: false, error: message(e) };
  }
}

/**
 * The inputs every runtime gets, given as bytes: modelBytes (Uint8Array), external [{path, data: Uint8Array}],
 * feedsDoc (the parsed feeds file); ortBase: where ORT's files are (a URL ending in "/"); engineBuild: the engine
 * build of every nnjit runtime (default: each runtime's own, Wasm GC except nnjit-js); ortLoader(bundle, ctx):
 * resolves to {ort: the configured ORT module, file: the file it came from} (default: import ortBase + bundle, wasm
 * threads = hardwareConcurrency).
 */
export function prepareBytes({ modelBytes, external = [], feedsDoc, ortBase = null, engineBuild = null,
                               ortLoader = null }) {
  try {
    referenceOutputs = null;
    referenceIds = null;
    prepared = null;
    const feeds = feedsDoc == null ? {} : parseFeeds(feedsDoc);   // none: decoding only (measureDecode)
    const expected = feedsDoc == null ? {} : parseExpected(feedsDoc);
    prepared = { modelBytes, external, feeds, expected, ortBase, engineBuild, ortLoader: ortLoader || defaultOrtLoader };
    const inputs = {};
    for (const [n, t] of Object.entries(feeds)) inputs[n] = { dtype: t.dtype, shape: t.shape };
    return {
      ok: true, modelBytes: modelBytes.byteLength,
      externalBytes: external.reduce((s, f) => s + f.data.byteLength, 0),
      inputs, expectedOutputs: Object.keys(expected),
    };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

const FLOAT_TYPES = new Set(["float32", "float"]);
const INT64_TYPES = new Set(["int64"]);
const INT32_TYPES = new Set(["int32"]);

/** {"inputs": {NAME: {shape, dtype, data}}} -> {NAME: {dtype, shape, data: typed array}}; data flat, row-major. */
function parseFeeds(doc) {
  if (!doc || typeof doc.inputs !== "object" || doc.inputs === null) {
    throw new Error('the feeds file has no "inputs" object ({"inputs": {NAME: {"shape", "dtype", "data"}}})');
  }
  const feeds = {};
  for (const [name, t] of Object.entries(doc.inputs)) {
    if (!t || !Array.isArray(t.shape) || !Array.isArray(t.data) || typeof t.dtype !== "string") {
      throw new Error(`feed '${name}' needs "shape" (array), "dtype" (string) and "data" (flat array)`);
    }
    const data = t.data.flat(Infinity);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (data.length !== count) {
      throw new Error(`feed '${name}': shape [${t.shape}] has ${count} elements but data has ${data.length}`);
    }
    feeds[name] = { dtype: t.dtype, shape: t.shape.map(Number), data: typedData(name, t.dtype, data) };
  }
  return feeds;
}

function typedData(name, dtype, data) {
  if (FLOAT_TYPES.has(dtype)) return Float32Array.from(data, toNumber);
  if (INT64_TYPES.has(dtype)) return BigInt64Array.from(data, (v) => BigInt(v));
  if (INT32_TYPES.has(dtype)) return Int32Array.from(data, Number);
  if (dtype === "bool") return Uint8Array.from(data, (v) => (v ? 1 : 0));
  throw new Error(`feed '${name}': dtype ${dtype} is not supported by the bench (float32, int64, int32, bool)`);
}

function toNumber(v) {
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return Number(v);
}

/** Reference outputs in the feeds file ("outputs": {NAME: {shape, data}}), only those stored in full. */
function parseExpected(doc) {
  const expected = {};
  for (const [name, t] of Object.entries(doc.outputs || {})) {
    if (!t || !Array.isArray(t.shape) || !Array.isArray(t.data)) continue;
    const data = t.data.flat(Infinity);
    if (data.length !== t.shape.reduce((a, b) => a * b, 1)) continue;  // a summary, not the whole tensor
    expected[name] = { shape: t.shape.map(Number), data: Float64Array.from(data, toNumber) };
  }
  return expected;
}

// ---------------------------------------------------------------------------------------------------------------
// Runtimes: load(ctx) -> {config, run(feeds) -> Promise<{NAME: {shape, data}}>, release()}

function nnjitRuntime(build, backend, tuned = false) {
  return async function load(ctx, options = {}) {
    const engine = await createEngine(ctx.engineBuild || build);
    let model;
    if (backend === "cpu") {
      model = engine.loadModel(ctx.modelBytes, externalMap(ctx.external));
    } else {
      if (typeof engine.loadModelAsync !== "function") {
        throw new Error(`this engine build has no loadModelAsync, so no '${backend}' backend`);
      }
      // Untuned: the defaults only (tuning is on by default in the engine: budget 0 turns it off, no IndexedDB, no
      // shipped records). Tuned: tuning on from an empty cache (no IndexedDB, no shipped records), so what is
      // measured is this session's tuner.
      const loadOptions = { backend, tuning: { budgetMs: 0, cache: "none", auto: false, shipped: [] } };
      if (tuned) {
        loadOptions.tuning = { cache: "none", auto: true, shipped: [] };
        if (options.tuningRecords) loadOptions.tuning.records = options.tuningRecords;
      }
      model = await engine.loadModelAsync(ctx.modelBytes, externalMap(ctx.external), loadOptions);
      if (tuned && typeof model.tuneAsync !== "function") {
        throw new Error("this engine build has no tuner (model.tuneAsync)");
      }
      if (model.backend !== undefined && model.backend !== backend) {
        throw new Error(`asked for the '${backend}' backend, the engine loaded '${model.backend}'`);
      }
    }
    const asynchronous = backend !== "cpu";
    return {
      config: `nnjit ${engine.kind} build, ${backend} backend` + (tuned ? ", tuned" : "")
        + (model.adapter ? ` (${model.adapter})` : ""),
      tune: tuned ? () => model.tuning ?? model.tuneAsync() : null,
      /** Greedy decoding by the engine's own generator (dev.nnjit.generate: its KV cache, its length buckets). */
      async generate(prompt, newTokens) {
        if (typeof model.generateAsync !== "function") throw new Error("this engine build has no generateAsync");
        const r = await model.generateAsync({ inputIds: prompt, maxNewTokens: newTokens, doSample: false,
          eosTokenId: [] });   // lengths: the engine's default for the backend (LengthBuckets.forBackend)
        return { ids: r.ids, stepMs: r.stepMs, compiledShapes: r.compiledShapes, lengths: r.lengths };
      },
      async run(feeds) {
        const { outputs } = asynchronous ? await model.runAsync(feeds) : model.run(feeds);
        const result = {};
        for (const [name, t] of Object.entries(outputs)) result[name] = { shape: t.shape, data: t.data };
        return result;
      },
      release() { model.dispose(); },
    };
  };
}

function externalMap(external) {
  const files = {};
  for (const f of external) files[f.path] = f.data;
  return files;
}

const ORT_VERSION_NOTE = "onnxruntime-web (bench/package.json)";

async function defaultOrtLoader(bundle, ctx) {
  const ort = await import(ctx.ortBase + bundle);
  ort.env.wasm.wasmPaths = ctx.ortBase;
  ort.env.wasm.numThreads = navigator.hardwareConcurrency;
  return { ort, file: bundle };
}

function ortRuntime(bundle, ep) {
  return async function load(ctx, options = {}) {
    if (ep === "webgpu" && !navigator.gpu) throw new Error("navigator.gpu is missing (WebGPU disabled in this browser)");
    const { ort, file } = await ctx.ortLoader(bundle, ctx);
    ort.env.logLevel = "error";
    const session = await ort.InferenceSession.create(ctx.modelBytes, {
      executionProviders: [ep],
      logSeverityLevel: 3,  // errors only: ORT's warnings go to console.error, which the runner reports as page errors
      externalData: ctx.external.map((f) => ({ path: f.path, data: f.data })),
      // decoding keeps ORT's KV cache on the GPU, as transformers.js does
      ...(ep === "webgpu" && options.decode ? { preferredOutputLocation: "gpu-buffer" } : {}),
    });
    return {
      config: `${ORT_VERSION_NOTE} ${ort.env.versions && ort.env.versions.web || "?"}, ${file}, '${ep}' EP, `
        + `numThreads ${ort.env.wasm.numThreads}`,
      async run(feeds) {
        const tensors = {};
        for (const [name, t] of Object.entries(feeds)) {
          tensors[name] = new ort.Tensor(t.dtype === "float" ? "float32" : t.dtype, t.data, t.shape);
        }
        const out = await session.run(tensors);
        const result = {};
        for (const name of session.outputNames) {
          const o = out[name];
          const data = o.location === "cpu" || o.location === undefined ? o.data : await o.getData(true);
          result[name] = { shape: Array.from(o.dims, Number), data };
        }
        return result;
      },
      /** Greedy decoding by decodeLoop over this session (ORT has no generator of its own in the page). */
      generate(prompt, newTokens) { return decodeLoop(ort, session, prompt, newTokens); },
      release() { return session.release(); },
    };
  };
}

/**
 * Greedy decoding with a KV cache over an ONNX Runtime Web session of an Optimum-style decoder (input_ids,
 * attention_mask, position_ids where declared, past_key_values.{i}.key/.value; logits and present.{i}.*), the loop
 * nnjit's generator runs (dev.nnjit.generate.KvDecoding, exact lengths): the prompt over an empty past, then one token
 * per step with the presents fed back as the pasts. Presents stay where the session put them (on the GPU with
 * preferredOutputLocation "gpu-buffer", as transformers.js keeps its cache) and are disposed once replaced.
 * Returns {ids, stepMs} (stepMs[0]: the prefill, i.e. the first token's latency).
 */
async function decodeLoop(ort, session, prompt, newTokens) {
  const meta = new Map((session.inputMetadata || []).map((m) => [m.name, m]));
  const pastNames = session.inputNames.filter((n) => n.startsWith("past_key_values."));
  const ids64 = (values) => new ort.Tensor("int64", BigInt64Array.from(values.map(BigInt)), [1, values.length]);
  let cache = null;
  const seq = [...prompt];
  const out = [];
  const stepMs = [];
  for (let step = 0; step < newTokens; step++) {
    const t0 = now();
    const fresh = cache === null ? seq : [seq[seq.length - 1]];
    const start = seq.length - fresh.length;
    const feeds = { input_ids: ids64(fresh), attention_mask: ids64(seq.map(() => 1)) };
    if (session.inputNames.includes("position_ids")) feeds.position_ids = ids64(fresh.map((_, i) => start + i));
    if (session.inputNames.includes("use_cache_branch")) {
      feeds.use_cache_branch = new ort.Tensor("bool", Uint8Array.from([cache === null ? 0 : 1]), [1]);
    }
    for (const name of pastNames) {
      if (cache !== null) { feeds[name] = cache[name.replace("past_key_values.", "present.")]; continue; }
      const m = meta.get(name);
      if (!m || !Array.isArray(m.shape)) throw new Error(`ORT gives no shape for '${name}': cannot make its empty past`);
      const dims = m.shape.map((d, axis) => (axis === 0 ? 1 : axis === 2 ? 0 : Number(d)));
      feeds[name] = new ort.Tensor("float32", new Float32Array(0), dims);
    }
    const result = await session.run(feeds);
    const logits = result.logits;
    const data = logits.location === "cpu" || logits.location === undefined ? logits.data : await logits.getData(true);
    const vocab = Number(logits.dims[logits.dims.length - 1]);
    let best = 0;
    const base = data.length - vocab;
    for (let i = 1; i < vocab; i++) if (data[base + i] > data[base + best]) best = i;
    if (cache !== null) for (const name of pastNames) cache[name.replace("past_key_values.", "present.")].dispose?.();
    cache = {};
    for (const [name, t] of Object.entries(result)) if (name.startsWith("present.")) cache[name] = t;
    out.push(best);
    seq.push(best);
    stepMs.push(now() - t0);
  }
  if (cache !== null) for (const t of Object.values(cache)) t.dispose?.();
  return { ids: out, stepMs };
}

const RUNTIMES = {
  "nnjit-webgpu": nnjitRuntime("wasm-gc", "webgpu"),
  "nnjit-webgpu-tuned": nnjitRuntime("wasm-gc", "webgpu", true),
  "nnjit-wasm-simd": nnjitRuntime("wasm-gc", "wasm-simd", true),
  "nnjit-wasm": nnjitRuntime("wasm-gc", "cpu"),
  "nnjit-js": nnjitRuntime("js", "cpu"),
  "ort-webgpu": ortRuntime("ort.webgpu.min.mjs", "webgpu"),
  "ort-wasm": ortRuntime("ort.wasm.min.mjs", "wasm"),
};

// ---------------------------------------------------------------------------------------------------------------
// Measuring

export async function measure(runtime, { runs = 10, warmup = 2, tolerance = DEFAULT_TOLERANCE, tuningRecords = null } = {}) {
  const load = RUNTIMES[runtime];
  if (!load) {
    return { ok: true, result: { unavailable: `unknown runtime '${runtime}' (known: ${RUNTIME_NAMES.join(", ")})` } };
  }
  if (!prepared) return { ok: false, error: "prepare() has not succeeded in this page" };
  const ctx = prepared;
  let session = null;
  let stage = "loading";
  try {
    const t0 = now();
    session = await load(ctx, { tuningRecords });
    const t1 = now();
    stage = "the first run";
    let outputs = await session.run(ctx.feeds);
    const t2 = now();
    let tuning = null;
    if (session.tune) {
      stage = "tuning";
      const ts = now();
      const report = await session.tune();
      tuning = { tuningMs: ms3(now() - ts), report: tuningSummary(report) };
    }
    stage = "warm-up runs";
    for (let i = 0; i < warmup; i++) outputs = await session.run(ctx.feeds);
    stage = "timed runs";
    const timesMs = [];
    for (let i = 0; i < runs; i++) {
      const s = now();
      outputs = await session.run(ctx.feeds);
      timesMs.push(now() - s);
    }
    stage = "checking outputs";
    const kept = copyOutputs(outputs);
    let check = null;
    if (referenceOutputs === null) {
      referenceOutputs = { runtime, outputs: kept };
      check = { against: null, note: "reference for the runtimes measured after it" };
    } else {
      check = compareOutputs(referenceOutputs.runtime, referenceOutputs.outputs, kept, tolerance, true);
    }
    const checkExpected = Object.keys(ctx.expected).length > 0
      ? compareOutputs("feeds file outputs", ctx.expected, kept, tolerance, false) : null;
    assertIntact(ctx);
    const sorted = timesMs.map(ms3).sort((a, b) => a - b);
    return {
      ok: true,
      result: {
        ...(tuning ? { tuningMs: tuning.tuningMs, tuning: tuning.report } : {}),
        coldMs: ms3(t2 - t0), loadMs: ms3(t1 - t0), firstRunMs: ms3(t2 - t1),
        medianMs: median(sorted), minMs: sorted.length ? sorted[0] : null,
        maxMs: sorted.length ? sorted[sorted.length - 1] : null,
        runs, warmup, timesMs: timesMs.map(ms3), config: session.config, check, checkExpected,
      },
    };
  } catch (e) {
    return { ok: true, result: { unavailable: `${stage} failed: ${message(e)}` } };
  } finally {
    if (session) {
      try { await session.release(); } catch (e) { /* the runtime already failed or is done; nothing to keep */ }
    }
  }
}

let referenceIds = null;

/**
 * Times greedy decoding of newTokens ids after prompt (an array of ids) by one runtime on the prepared KV-cache
 * model: one untimed generation (it compiles; a tuned runtime then tunes the decode step's kernels within the
 * engine's default budget), then `runs` timed ones. Per run, stepMs[0] is the first token's latency (the prefill)
 * and the rest are decode steps. Result: prefillMs (median over runs), decodeMsPerToken (median over every decode
 * step of every run), tokensPerSecond (1000 / that), firstQuarterMs / lastQuarterMs (median decode step of the first
 * and last quarter of the positions: whether per-token time stays flat as the sequence grows), ids, and a check
 * that the ids equal the first runtime measured.
 */
export async function measureDecode(runtime, { prompt, newTokens = 32, runs = 3 } = {}) {
  const load = RUNTIMES[runtime];
  if (!load) return { ok: true, result: { unavailable: `unknown runtime '${runtime}'` } };
  if (!prepared) return { ok: false, error: "prepare() has not succeeded in this page" };
  let session = null;
  let stage = "loading";
  try {
    const t0 = now();
    session = await load(prepared, { decode: true });
    const loadMs = now() - t0;
    stage = "the first generation";
    const first = await session.generate(prompt, newTokens);
    let tuning = null;
    if (session.tune) {
      stage = "tuning";
      const ts = now();
      const report = await session.tune();
      tuning = { tuningMs: ms3(now() - ts), report: tuningSummary(report) };
    }
    stage = "timed generations";
    const prefill = [];
    const decode = [];
    const early = [];
    const late = [];
    let last = first;
    for (let r = 0; r < runs; r++) {
      last = await session.generate(prompt, newTokens);
      prefill.push(last.stepMs[0]);
      const steps = last.stepMs.slice(1);
      decode.push(...steps);
      const q = Math.max(1, Math.floor(steps.length / 4));
      early.push(...steps.slice(0, q));
      late.push(...steps.slice(steps.length - q));
    }
    const med = (a) => median(a.map(ms3).sort((x, y) => x - y));
    const ids = Array.from(last.ids, Number);
    let check;
    if (referenceIds === null) {
      referenceIds = { runtime, ids };
      check = { against: null, ok: true };
    } else {
      check = { against: referenceIds.runtime, ok: ids.join() === referenceIds.ids.join() };
    }
    const decodeMs = med(decode);
    return {
      ok: true,
      result: {
        ...(tuning ? { tuningMs: tuning.tuningMs, tuning: tuning.report } : {}),
        loadMs: ms3(loadMs), firstGenerationMs: ms3(first.stepMs.reduce((a, b) => a + b, 0)),
        prefillMs: med(prefill), decodeMsPerToken: decodeMs, tokensPerSecond: decodeMs ? ms3(1000 / decodeMs) : null,
        firstQuarterMs: med(early), lastQuarterMs: med(late), promptLength: prompt.length, newTokens, runs, ids,
        compiledShapes: first.compiledShapes, lengths: last.lengths, config: session.config, check,
      },
    };
  } catch (e) {
    return { ok: true, result: { unavailable: `${stage} failed: ${message(e)}` } };
  } finally {
    if (session) {
      try { await session.release(); } catch (e) { /* the runtime already failed or is done; nothing to keep */ }
    }
  }
}

/**
 * The tuning report's totals (budgetMs, the tuner's own tuningMs, cacheHits, workloads, and how many workloads got
 * their schedule from each source) and its workloads: the bench report stays readable without the per-candidate data.
 */
function tuningSummary(report) {
  const r = typeof report === "string" ? JSON.parse(report) : report || {};
  const workloads = Array.isArray(r.workloads) ? r.workloads : [];
  const sources = {};
  for (const w of workloads) sources[w.source] = (sources[w.source] || 0) + 1;
  return { budgetMs: r.budgetMs, reportTuningMs: r.tuningMs, cacheHits: r.cacheHits, workloads: workloads.length, sources,
    modelCheck: r.modelCheck || null,
    lines: workloads.map((w) => ({ family: w.family, problem: w.problem, occurrences: w.occurrences, source: w.source,
      bestConfig: w.bestConfig, defaultMs: w.defaultMs, bestMs: w.bestMs, speedup: w.speedup })) };
}

/** Milliseconds rounded to a microsecond (performance.now() is coarser than that in most browsers anyway). */
function ms3(v) {
  return Math.round(v * 1000) / 1000;
}

/** Median of sorted values (mean of the middle two for an even count); null when empty. */
export function median(sorted) {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Runtimes must not detach or modify the shared input bytes (ORT could transfer them to a worker). */
function assertIntact(ctx) {
  if (ctx.modelBytes.byteLength === 0 || ctx.external.some((f) => f.data.byteLength === 0)) {
    throw new Error("the runtime detached the shared model bytes; later runtimes cannot use them");
  }
}

function copyOutputs(outputs) {
  const kept = {};
  for (const [name, t] of Object.entries(outputs)) {
    const d = t.data;
    let values;
    if (d instanceof BigInt64Array || d instanceof BigUint64Array) values = Float64Array.from(d, Number);
    else values = Float64Array.from(d);
    kept[name] = { shape: Array.from(t.shape, Number), data: values };
  }
  return kept;
}

/**
 * Per output: max |actual - reference|, max |reference|, and whether max diff <= tolerance * max |reference|
 * (floats) or all elements are equal (integer-valued references are compared the same way, where any difference is
 * at least 1 and so fails). Outputs missing in `actual` or with another shape fail; with sameSet, so do outputs that
 * the reference lacks (two runtimes must return the same outputs; a feeds file may list only some).
 */
export function compareOutputs(against, reference, actual, tolerance, sameSet) {
  const outputs = {};
  let ok = true;
  let worstRel = 0;
  for (const [name, ref] of Object.entries(reference)) {
    const got = actual[name];
    if (!got) { outputs[name] = { error: "missing" }; ok = false; continue; }
    if (got.shape.join(",") !== ref.shape.join(",")) {
      outputs[name] = { error: `shape [${got.shape}] vs reference [${ref.shape}]` };
      ok = false;
      continue;
    }
    let maxDiff = 0; let maxRef = 0; let nanMismatch = 0;
    for (let i = 0; i < ref.data.length; i++) {
      const r = ref.data[i]; const a = got.data[i];
      if (Number.isNaN(r) || Number.isNaN(a)) { if (Number.isNaN(r) !== Number.isNaN(a)) nanMismatch++; continue; }
      const diff = Math.abs(a - r);
      if (diff > maxDiff) maxDiff = diff;
      if (Math.abs(r) > maxRef) maxRef = Math.abs(r);
    }
    const bound = tolerance * maxRef;
    const good = nanMismatch === 0 && maxDiff <= bound;
    const rel = maxRef > 0 ? maxDiff / maxRef : maxDiff;
    if (rel > worstRel) worstRel = rel;
    outputs[name] = { maxAbsDiff: maxDiff, maxAbsRef: maxRef, ok: good };
    if (nanMismatch) outputs[name].nanMismatches = nanMismatch;
    if (!good) ok = false;
  }
  for (const name of Object.keys(actual)) {
    if (sameSet && !(name in reference)) { outputs[name] = { error: "not in the reference" }; ok = false; }
  }
  return { against, tolerance, ok, maxRelDiff: worstRel, outputs };
}

// ---------------------------------------------------------------------------------------------------------------
// The report (the same document `nnjit bench --json` writes)

/**
 * {model, device, settings, runtimes: {NAME: result}} -> {model, date, device, settings, timing, runtimes, ratios,
 * crossCheck}. ratios.median[NAME] = medianMs(NAME) / medianMs(baseline), ratios.cold likewise: > 1 means NAME is
 * slower than the baseline (nnjit-webgpu, else nnjit-wasm, else nnjit-js, else the first runtime with timings).
 */
export function buildReport({ model, device, settings, runtimes }) {
  const timed = Object.keys(runtimes).filter((n) => runtimes[n].medianMs !== undefined && runtimes[n].medianMs !== null);
  const baseline = BASELINE_ORDER.find((n) => timed.includes(n)) || timed[0] || null;
  const ratios = { baseline, definition: "time(runtime) / time(baseline); > 1: slower than the baseline", median: {}, cold: {} };
  if (baseline) {
    const b = runtimes[baseline];
    for (const n of timed) {
      ratios.median[n] = runtimes[n].medianMs / b.medianMs;
      ratios.cold[n] = runtimes[n].coldMs / b.coldMs;
    }
  }
  const crossCheck = {};
  for (const [n, r] of Object.entries(runtimes)) {
    if (r.unavailable !== undefined) continue;
    crossCheck[n] = {
      against: r.check && r.check.against, ok: r.check ? r.check.ok !== false : true,
      maxRelDiff: r.check && r.check.maxRelDiff !== undefined ? r.check.maxRelDiff : null,
      expectedOk: r.checkExpected ? r.checkExpected.ok : null,
      expectedMaxRelDiff: r.checkExpected ? r.checkExpected.maxRelDiff : null,
    };
  }
  return {
    model, date: new Date().toISOString(), device, settings,
    timing: "coldMs: runtime code load + session creation (incl. shader compilation, weight upload) + first run, "
      + "model bytes already in memory; warm runs (median/min/max): feeds upload + inference + output readback",
    runtimes, ratios, crossCheck,
  };
}

function message(e) {
  return e && e.message !== undefined ? String(e.message) : String(e);
}

if (typeof window !== "undefined") {
  window.nnjitBench = { deviceInfo, prepare, measure, measureDecode, buildReport, RUNTIME_NAMES };
  window.nnjitBenchReady = true;
}
