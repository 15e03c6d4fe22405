// nnjit in the page: loads the TeaVM-compiled engine (Wasm GC, or the JavaScript build as a fallback) and wraps its
// facade (dev.nnjit.web.EngineExports) in a small promise-free API that throws Error on failure.
//
//   const engine = await createEngine("auto" | "wasm-gc" | "js");
//   engine.kind                       -> "wasm-gc" | "js"
//   const model = engine.loadModel(bytes, {"model.onnx.data": bytes, ...});  // bytes: ArrayBuffer or typed array
//   model.inputs / model.outputs      -> [{name, dtype, shape: (number | string | null)[] | null}]
//   model.loadTimings                 -> {copyInMs, decodeMs, sessionMs, loadMs}
//   const {outputs, timings} = model.run({NAME: {dtype, shape, data}});
//   model.dispose();
//
// WebGPU backend (asynchronous: device acquisition, pipeline compilation and readback wait for the GPU):
//   const model = await engine.loadModelAsync(bytes, externalFiles, {backend: "webgpu"});   // or "cpu"
//   model.backend -> "webgpu", model.adapter -> e.g. "google swiftshader", model.limits -> {maxBufferSize, ...}
//   model.adapterInfo -> {vendor, architecture, device, description, features: [...], limits: {...}} (the adapter)
//   model.device -> {features: [...], limits: {...}} (the device nnjit requested: the adapter's limits)
//   const {outputs, timings, gpu} = await model.runAsync(feeds, {profile: true});
//   gpu -> {timing, phases: {uploadMs, encodeMs, gpuMs, readbackMs}, plan: {kernels, constantBytes, pooledBytes,
//           peakLiveBytes, ...}, kernels: [{node, op, family, ms}] (when profiled)}
//   await model.runAsync(feeds, {outputs: ["logits"]})   // only these outputs (webgpu: the others not read back)
// runAsync works for every model; run (synchronous) only for CPU models.
// Generation (see dev.nnjit.web.GenerationBridge; generation.js builds the pipelines on it):
//   const r = await model.generateAsync({inputIds: [1, 17, 42], maxNewTokens: 32, doSample: false, config: text, ...},
//                                       {onToken: (id, index) => ..., signal: abortController.signal});
//   r -> {ids, stopReason, prefillMs, decodeMsPerToken, tokensPerSecond, compiledShapes, lengths, stepMs, planCache}
//   an aborted signal rejects with an Error named "AbortError" whose `partial` is the result so far.
//
// wasm-simd backend (CPU kernels nnjit generates as WebAssembly SIMD modules; other nodes on the reference ops):
//   const model = await engine.loadModelAsync(bytes, externalFiles, {backend: "wasm-simd", threads: 2});
//   (threads: kernel threads, default navigator.hardwareConcurrency; one without cross-origin isolation or Workers)
//   const {outputs, timings, wasm} = await model.runAsync(feeds);
//   wasm -> {kernelSteps, referenceSteps, referenceOps: {op: count}, sharedMemory, relaxedSimd, threads,
//            threadsReason, modules,
//            memory: {totalBytes, constantBytes, arenaBytes, ...}, compileMs, nodes: [{node, op, ran, kernel|reason}]}
//
// auto backend (the default of nnjit.js and the pipelines): loads webgpu (where navigator.gpu gives an adapter) and
// wasm-simd, times both on the first runAsync's feeds, keeps the faster and disposes the other (backend-choice.js;
// the rule: dev.nnjit.runtime.BackendChoice):
//   const model = await engine.loadModelAsync(bytes, externalFiles, {backend: "auto", tuning, threads});
//   model.backend -> "auto", then after the first runAsync "webgpu" | "wasm-simd"; model.backendChoice -> null, then
//   {chosen, reason, timesMs: {webgpu, "wasm-simd"}, candidates, failures}; model.choice -> promise of it
//
// Tuning (webgpu and wasm-simd): kernels are tuned on this device (the GPU, or the CPU for wasm-simd), as an explicit
// operation between runs, and winners persist (one tuner, budget, report and IndexedDB store for both backends).
//   load option tuning: {budgetMs: 30000 (the tuner's own working time; 0 disables), cache: "indexeddb" | "none",
//                        auto: true, records: JSON text of tuning records to import}
//   With a warm cache (IndexedDB or imported records) the first run already uses tuned kernels.
//   const report = await model.tuneAsync({budgetMs, onProgress});  // onProgress({done, workloadsDone, workloads,
//                                                                   //   spentMs, budgetMs, speedup}) after each step
//   model.tuning -> promise of the report of the background tuning that tuning.auto starts after the first runAsync
//   model.tuningReport() -> {budgetMs, tuningMs, cacheHits, workloads: [{family, problem, occurrences, candidates,
//                            tried, defaultConfig, defaultMs, bestConfig, bestMs, speedup, source, maxError, ...}],
//                            modelCheck: {untunedMs, tunedMs, pairs, kept, reverted: [workload], note} (webgpu: the
//                            winners' program timed against the one before; winners that made it slower are taken back)}
//   model.kernels() -> [{node, op, family, problem, config, defaultConfig, candidates}] (the program's schedules)
//   engine.tuningRecords(backend = "webgpu") -> JSON text of every record the page holds for that backend's adapter
// Runs and tuning steps never interleave on the device: they go through one queue per model, a run waits for at
// most one tuning step, and winners are swapped in at the start of the next run.
// Tokenizers: engine.loadTokenizer(tokenizerJson, tokenizerConfigJson) (see engine-tokenizer.js).
// engine.releaseGpuDevice() frees the page's WebGPU device; webgpu models then fail until loaded again.
// Tuning (webgpu, wasm-simd): load option tuning: {budgetMs, cache: "indexeddb" | "none", auto, records: JSON text, shipped:
// [JSON text]}; shipped defaults to the records shipped with the web app (records/index.json, kernels/records).
// Debug ladder (load option {debug: N}, else the page's ?debug=N, else globalThis.nnjit.env.debug): 2 logs every GPU
// step's chosen schedule (node, family, problem, config, candidates, source) to the console at compile time, 4 adds
// each distinct kernel's WGSL.
//
// Tensors: dtype is an ONNX JSON name ("float32", "int64", "int32", "bool", ...); shape a number array.
// Feed data may be a typed array or a plain array. Output data is:
//   float32 / float16 / bfloat16 -> Float32Array (float16/bfloat16 values widened)
//   every integer dtype          -> BigInt64Array (exact for int64)
//   bool                         -> Uint8Array of 0/1
// Errors: an Error whose message is exactly the JVM engine's message for the same input, and whose name is the
// engine's exception class (e.g. "GraphException", "ModelFormatException").

import { load as loadWasmGc } from "./wasm-gc/nnjit.wasm-runtime.js";
import { EngineTokenizer } from "./engine-tokenizer.js";
import { loadAutoModel } from "./backend-choice.js";

const FLOAT_TYPES = new Set(["float32", "float", "float16", "bfloat16"]);
const INT_TYPES = new Set(["uint8", "int8", "uint16", "int16", "int32", "int64", "uint32"]);

/**
 * Loads one compilation of the engine. "auto" tries Wasm GC first and falls back to JS when it cannot load; in Node
 * it is JS (Node 20 cannot load TeaVM's Wasm GC output).
 */
export async function createEngine(choice = "auto") {
  if (choice !== "auto" && choice !== "wasm-gc" && choice !== "js") {
    throw new Error(`unknown engine '${choice}' (expected auto, wasm-gc or js)`);
  }
  if (choice === "auto" && typeof process !== "undefined" && process.versions && process.versions.node) choice = "js";
  let fallbackReason = null;
  if (choice === "wasm-gc" || choice === "auto") {
    try {
      const teavm = await loadWasmGc(new URL("./wasm-gc/nnjit.wasm", import.meta.url).href);
      return new Engine("wasm-gc", teavm.exports, null);
    } catch (e) {
      if (choice === "wasm-gc") throw new Error(`cannot load the Wasm GC engine: ${e && e.message || e}`);
      fallbackReason = `Wasm GC unavailable (${e && e.message || e})`;
    }
  }
  const exports = await import(new URL("./js/nnjit.js", import.meta.url).href);
  return new Engine("js", exports, fallbackReason);
}

class Engine {
  constructor(kind, exports, fallbackReason) {
    this.kind = kind;
    this.fallbackReason = fallbackReason;
    this.exports = exports;
    const reported = unwrapPlain(exports.platform());
    if (reported !== kind) throw new Error(`engine build reports platform '${reported}', expected '${kind}'`);
  }

  /** Decodes the model and prepares it (synchronous). externalFiles: name -> ArrayBuffer | typed array. */
  loadModel(bytes, externalFiles = {}) {
    const files = {};
    for (const [name, data] of Object.entries(externalFiles || {})) files[name] = toInt8(data, `external file '${name}'`);
    const { handle, backend, ...loadTimings } = unwrap(this.exports.loadModel(toInt8(bytes, "model"), files));
    return new Model(this, handle, loadTimings);
  }

  /** A tokenizer from tokenizer.json text (and tokenizer_config.json text or null); see engine-tokenizer.js. */
  loadTokenizer(json, configJson = null) {
    return new EngineTokenizer(this.exports, unwrap, json, configJson);
  }

  /** Destroys the page's WebGPU device (models on it fail until reloaded); returns whether there was one. */
  releaseGpuDevice() {
    return unwrap(this.exports.releaseGpuDevice());
  }

  /** The auto backend's second round: the backends of trials [{backend, failure?, firstRunMs?}] to time again. */
  backendsToTime(trials) {
    return unwrap(this.exports.backendsToTime(JSON.stringify(trials)));
  }

  /**
   * The auto backend's decision over trials [{backend, failure?, firstRunMs?, timedRunMs?}] (dev.nnjit.runtime.
   * BackendChoice): {chosen, reason, timesMs, candidates, failures}; throws naming every failure when none ran.
   * withoutMeasuring: why there are no feeds to measure on (the first candidate that loaded is kept), or "".
   */
  chooseBackend(trials, withoutMeasuring = "") {
    return unwrap(this.exports.chooseBackend(JSON.stringify(trials), withoutMeasuring));
  }

  /**
   * Every tuning record the page holds for a backend's adapter ("webgpu": the GPU's, "wasm-simd": the CPU's), as
   * JSON text (to pass back as tuning.records).
   */
  tuningRecords(backend = "webgpu") {
    return unwrap(this.exports.tuningRecords(backend));
  }

  /**
   * As loadModel, with options {backend: "cpu" | "webgpu" | "wasm-simd" | "auto", tuning: {...}}; resolves to a Model
   * ("auto": a model that chooses between webgpu and wasm-simd on its first runAsync, see backend-choice.js).
   */
  async loadModelAsync(bytes, externalFiles = {}, options = {}) {
    if (options && options.backend === "auto") return loadAutoModel(this, bytes, externalFiles, options);
    const files = {};
    for (const [name, data] of Object.entries(externalFiles || {})) files[name] = toInt8(data, `external file '${name}'`);
    const opts = { ...options };
    if (opts.debug === undefined && debugLevel() > 0) opts.debug = debugLevel();
    const tunable = opts.backend === "webgpu" || opts.backend === "wasm-simd";
    if (tunable && !(opts.tuning && opts.tuning.shipped !== undefined)) {
      const shipped = await shippedRecords();
      if (shipped.length) opts.tuning = { ...(opts.tuning || {}), shipped };
    }
    const reply = await this.exports.loadModelAsync(toInt8(bytes, "model"), files, opts);
    const { handle, backend, adapter, adapterInfo, device, limits, ...loadTimings } = unwrap(reply);
    const model = new Model(this, handle, loadTimings);
    model.backend = backend;
    if (adapter !== undefined) model.adapter = adapter;
    if (limits !== undefined) model.limits = limits;
    if (adapterInfo !== undefined) model.adapterInfo = adapterInfo;
    if (device !== undefined) model.device = device;
    if (backend === "webgpu" || backend === "wasm-simd") {
      const t = options && options.tuning || {};
      model.tuningOptions = { budgetMs: t.budgetMs ?? 30000, cache: t.cache ?? "indexeddb", auto: t.auto !== false };
    }
    return model;
  }
}

class Model {
  constructor(engine, handle, loadTimings) {
    this.engine = engine;
    this.handle = handle;
    this.loadTimings = loadTimings; // {copyInMs, decodeMs, sessionMs, loadMs} (+ deviceMs on webgpu)
    this.backend = "cpu";
    this.inputs = unwrap(engine.exports.inputs(handle));
    this.outputs = unwrap(engine.exports.outputs(handle));
    this.tuningOptions = null;   // webgpu, wasm-simd: {budgetMs, cache, auto}
    this.tuning = null;          // promise of the background tuning's report (tuning.auto)
    this._queue = Promise.resolve();
    this._queued = 0;            // operations queued or in flight
    this._disposed = false;
    this._tuneRun = null;
  }

  /** Runs fn after everything queued before it (runs and tuning steps never overlap on the device). */
  _enqueue(fn) {
    this._queued++;
    const p = this._queue.then(fn);
    this._queue = p.catch(() => {}).then(() => { this._queued--; });
    return p;
  }

  /** A tuning step's export call, refused once the model is disposed. */
  _tuneCall(call) {
    return this._enqueue(() => {
      if (this._disposed) throw new Error("the model was disposed: tuning stopped");
      return call();
    });
  }

  /** Runs on feeds {name: {dtype, shape, data}}; returns {outputs: {name: {dtype, shape, data}}, timings: {name: ms}}. */
  run(feeds) {
    const normalized = {};
    for (const [name, t] of Object.entries(feeds)) normalized[name] = normalizeFeed(name, t);
    const { outputs, timings } = unwrap(this.engine.exports.run(this.handle, normalized));
    const result = {};
    for (const [name, t] of Object.entries(outputs)) {
      result[name] = { dtype: t.dtype, shape: Array.from(t.shape), data: t.data };
    }
    return { outputs: result, timings: { ...timings } };
  }

  /** As run, as a promise; options {profile: true} times every GPU kernel. Resolves to {outputs, timings, gpu?}. */
  async runAsync(feeds, options = {}) {
    const normalized = {};
    for (const [name, t] of Object.entries(feeds)) normalized[name] = normalizeFeed(name, t);
    const reply = await this._enqueue(() => this.engine.exports.runAsync(this.handle, normalized, { ...options }));
    const { outputs, timings, gpu, wasm } = unwrap(reply);
    const t = this.tuningOptions;
    // Started after this run has completed, so the first inference is never delayed.
    if (t && t.auto) this._startBackgroundTuning();
    const result = {};
    for (const [name, t] of Object.entries(outputs)) {
      result[name] = { dtype: t.dtype, shape: Array.from(t.shape), data: t.data };
    }
    const value = { outputs: result, timings: { ...timings } };
    if (gpu !== undefined) value.gpu = gpu;
    if (wasm !== undefined) value.wasm = wasm;
    return value;
  }

  /**
   * Starts tuning in the background (model.tuning), once, when this is a tunable model (webgpu, wasm-simd) with a
   * tuning budget: after its first run (tuning.auto), or when the auto backend has chosen it (backend-choice.js).
   */
  _startBackgroundTuning() {
    const t = this.tuningOptions;
    if (!t || t.budgetMs <= 0 || this.tuning !== null) return;
    this.tuning = this.tuneAsync();
    this.tuning.catch(() => {});  // a failure surfaces to whoever awaits model.tuning, not as an unhandled rejection
  }

  /**
   * Generates token ids (request and result: see the header). onToken(id, index) sees each id as it is chosen;
   * an aborted signal stops generation after the current token and rejects with an AbortError carrying `partial`.
   */
  async generateAsync(request, { onToken, signal } = {}) {
    if (signal && signal.aborted) throw abortError(null);
    let thrown = null;
    const callback = (id, index) => {
      try {
        if (onToken) onToken(id, index);
      } catch (e) {
        thrown = e;   // rethrown below: an exception must not cross into the engine
        return false;
      }
      return !(signal && signal.aborted);
    };
    const reply = await this._enqueue(() => this.engine.exports.generateAsync(this.handle, { ...request }, callback));
    const result = unwrap(reply);
    if (thrown) throw thrown;
    if (result.stopReason === "cancelled" && signal && signal.aborted) throw abortError(result);
    return result;
  }

  /**
   * Tunes the kernels of the program the model ran last, within budgetMs of the tuner's own time (default: the
   * load option), one step at a time, yielding to the event loop between steps; calls onProgress after each.
   * Resolves to the report (see tuningReport). While a tuning is running, returns that one.
   */
  tuneAsync({ budgetMs, onProgress } = {}) {
    if (this._tuneRun) return this._tuneRun;
    const budget = budgetMs ?? (this.tuningOptions ? this.tuningOptions.budgetMs : 30000);
    const run = (async () => {
      let progress = unwrap(await this._tuneCall(() => this.engine.exports.startTuningAsync(this.handle, budget)));
      if (onProgress) onProgress(progress);
      while (!progress.done) {
        await new Promise((r) => setTimeout(r, 0));
        progress = unwrap(await this._tuneCall(() => this.engine.exports.tuneStepAsync(this.handle)));
        if (onProgress) onProgress(progress);
      }
      return this.tuningReport();
    })();
    this._tuneRun = run;
    const clear = () => { if (this._tuneRun === run) this._tuneRun = null; };
    run.then(clear, clear);
    return run;
  }

  /** The tuning report of the last session (parsed JSON; no workloads before tuning). */
  tuningReport() {
    return JSON.parse(unwrap(this.engine.exports.tuningReport(this.handle)));
  }

  /** The schedule each kernel of the last program runs: [{node, op, family, problem, config, defaultConfig, candidates}]. */
  kernels() {
    return unwrap(this.engine.exports.kernels(this.handle));
  }

  /** Frees the model; a tuning in progress stops (if a step is on the device, the model is freed after it). */
  dispose() {
    this._disposed = true;
    if (this._queued > 0) {
      this._enqueue(() => unwrap(this.engine.exports.dispose(this.handle))).catch(() => {});
      return;
    }
    unwrap(this.engine.exports.dispose(this.handle));
  }
}

let shippedPromise = null;

/**
 * The tuning records shipped with the web app (records/index.json and the documents it lists, kernels/records in the
 * repository): an array of JSON texts, one document per adapter; empty when there are none or they cannot be fetched
 * (records are an optimisation: a model loads the same without them). Fetched once per page.
 */
function shippedRecords() {
  if (!shippedPromise) {
    shippedPromise = (async () => {
      try {
        const indexUrl = new URL("./records/index.json", import.meta.url);
        const response = await fetch(indexUrl);
        if (!response.ok) return [];
        const index = await response.json();
        const texts = await Promise.all((index.files || []).map(async (f) => {
          const r = await fetch(new URL(f.file, indexUrl));
          return r.ok ? r.text() : null;
        }));
        return texts.filter((t) => t !== null);
      } catch (e) {
        return [];
      }
    })();
  }
  return shippedPromise;
}

/** The debug level the page asks for: ?debug=N in its address, else nnjit.env.debug, else 0. */
function debugLevel() {
  const fromUrl = typeof location !== "undefined" ? new URLSearchParams(location.search).get("debug") : null;
  const env = globalThis.nnjit && globalThis.nnjit.env ? globalThis.nnjit.env.debug : undefined;
  const level = Number(fromUrl !== null ? fromUrl : env);
  return Number.isFinite(level) && level > 0 ? Math.floor(level) : 0;
}

/** The rejection of an aborted generation: an Error named AbortError; `partial` the result so far (or null). */
function abortError(partial) {
  const err = new Error("generation was aborted");
  err.name = "AbortError";
  err.partial = partial;
  return err;
}

/** The facade's reply {value} | {error, errorType} as a value or a thrown Error. */
function unwrap(reply) {
  if (reply.error !== undefined) {
    const err = new Error(reply.error);
    err.name = reply.errorType || "Error";
    throw err;
  }
  return reply.value;
}

function unwrapPlain(v) {
  return typeof v === "string" ? v : String(v);
}

function toInt8(data, what) {
  if (data instanceof ArrayBuffer) return new Int8Array(data);
  if (ArrayBuffer.isView(data)) return new Int8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error(`${what} must be an ArrayBuffer or a typed array, got ${data === null ? "null" : typeof data}`);
}

/** Puts a feed into the engine's storage kind (see JsTensor.java); unknown dtypes pass through for Java to name. */
function normalizeFeed(name, t) {
  if (t === null || typeof t !== "object") return t;
  const shape = Int32Array.from(t.shape || [], (d) => Number(d));
  let data = Array.isArray(t.data) ? t.data.flat(Infinity) : t.data;  // golden JSON may nest rows
  if (FLOAT_TYPES.has(t.dtype)) {
    if (!(data instanceof Float32Array)) data = Float32Array.from(data, Number);
  } else if (INT_TYPES.has(t.dtype)) {
    if (!(data instanceof BigInt64Array)) data = BigInt64Array.from(data, (v) => toBigInt(name, v));
  } else if (t.dtype === "bool") {
    data = Int8Array.from(data, (v) => (v ? 1 : 0));
  }
  return { dtype: t.dtype, shape, data };
}

function toBigInt(name, v) {
  if (typeof v === "bigint") return v;
  if (!Number.isInteger(Number(v))) throw new Error(`feed '${name}': integer tensor has non-integer element ${v}`);
  return BigInt(v);
}
