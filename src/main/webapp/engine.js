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
// engine.releaseGpuDevice() frees the page's WebGPU device; webgpu models then fail until loaded again.
//
// Tensors: dtype is an ONNX JSON name ("float32", "int64", "int32", "bool", ...); shape a number array.
// Feed data may be a typed array or a plain array. Output data is:
//   float32 / float16 / bfloat16 -> Float32Array (float16/bfloat16 values widened)
//   every integer dtype          -> BigInt64Array (exact for int64)
//   bool                         -> Uint8Array of 0/1
// Errors: an Error whose message is exactly the JVM engine's message for the same input, and whose name is the
// engine's exception class (e.g. "GraphException", "ModelFormatException").

import { load as loadWasmGc } from "./wasm-gc/nnjit.wasm-runtime.js";

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

  /** Destroys the page's WebGPU device (models on it fail until reloaded); returns whether there was one. */
  releaseGpuDevice() {
    return unwrap(this.exports.releaseGpuDevice());
  }

  /** As loadModel, with options {backend: "cpu" | "webgpu"}; resolves to a Model. */
  async loadModelAsync(bytes, externalFiles = {}, options = {}) {
    const files = {};
    for (const [name, data] of Object.entries(externalFiles || {})) files[name] = toInt8(data, `external file '${name}'`);
    const reply = await this.exports.loadModelAsync(toInt8(bytes, "model"), files, { ...options });
    const { handle, backend, adapter, adapterInfo, device, limits, ...loadTimings } = unwrap(reply);
    const model = new Model(this, handle, loadTimings);
    model.backend = backend;
    if (adapter !== undefined) model.adapter = adapter;
    if (limits !== undefined) model.limits = limits;
    if (adapterInfo !== undefined) model.adapterInfo = adapterInfo;
    if (device !== undefined) model.device = device;
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
    const { outputs, timings, gpu } = unwrap(await this.engine.exports.runAsync(this.handle, normalized, { ...options }));
    const result = {};
    for (const [name, t] of Object.entries(outputs)) {
      result[name] = { dtype: t.dtype, shape: Array.from(t.shape), data: t.data };
    }
    const reply = { outputs: result, timings: { ...timings } };
    if (gpu !== undefined) reply.gpu = gpu;
    return reply;
  }

  dispose() {
    unwrap(this.engine.exports.dispose(this.handle));
  }
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
