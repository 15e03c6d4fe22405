// nnjit's public JavaScript API, shaped like ONNX Runtime Web's so that moving from ORT Web is a rename:
//
//   import * as ort from "nnjit";          // or: import {InferenceSession, Tensor, env} from "nnjit"
//   const session = await ort.InferenceSession.create(urlOrBytesOrPath, options);
//   const out = await session.run({input_ids: new ort.Tensor("int64", BigInt64Array.from([1n, 2n]), [1, 2])});
//   out.last_hidden_state.data / .dims / .type
//
// InferenceSession.create(model, options?) and create(buffer, byteOffset, byteLength?, options?):
//   model: URL string or URL (fetched; in Node a file path or file: URL), ArrayBuffer or typed array of the .onnx.
//   options.executionProviders: names or {name} objects, tried in order, the first that loads the model wins
//     (session.executionProvider says which): "webgpu" (kernels nnjit generates in WGSL), "wasm" (the engine's
//     wasm-simd backend: CPU kernels nnjit generates as WebAssembly SIMD modules, the nodes without one on the
//     reference ops, in one WebAssembly.Memory), "cpu" (the engine's plain reference ops, compiled to WebAssembly
//     GC or JS), "auto" (nnjit's: loads webgpu, where navigator.gpu gives an adapter, and wasm, times both on the
//     first run's feeds and keeps the faster; see backend-choice.js). Default: ["auto"].
//     With "auto", session.executionProvider is "auto" until the first run has chosen, then "webgpu" or "wasm";
//     session.backendChoice is then {chosen, reason, timesMs: {webgpu, "wasm-simd"}, candidates, failures} (null
//     before, and for the other providers); session.backend is the engine backend ("webgpu", "wasm-simd", "cpu").
//     The first run of an "auto" session costs about one run of each backend (two when their times are close).
//     An explicit list keeps its preference-with-fallback meaning: the first provider that loads is used as is.
//     WebGPU is tried only when navigator.gpu gives an adapter (requested with env.webgpu's options); an op the
//     WebGPU backend cannot lower is an error of the first run, naming the node (choose "wasm" for such models;
//     "auto" then keeps wasm and says why).
//   options.externalData: [{path, data}] as ORT: path as the model names the file, data its bytes or a URL/path.
//   options.freeDimensionOverrides: {dimName: size}: shown in inputMetadata and checked against every run's feeds
//     (the engine compiles for each set of input shapes anyway, so nothing else changes).
//   options.tuning: passed to the engine's loader unchanged ({budgetMs, cache}; see engine.js).
//   options.logSeverityLevel: 0 verbose, 1 info, 2 warning, 3 error, 4 fatal (else env.logLevel).
//   options.onProgress(event): {status: "initiate" | "download" | "progress" | "done", file, loaded, total, progress}
//     for every download (progress in percent when the size is known), then {status: "ready", executionProvider}.
//   Other ORT options (graphOptimizationLevel, executionMode, ...) are accepted and ignored.
// session.inputNames / outputNames; session.inputMetadata / outputMetadata: [{name, isTensor: true, type, shape}]
//   (shape entries: numbers, or the symbolic dimension's name; "" for an unnamed unknown dimension).
// session.run(feeds, fetches?, options?) -> {name: Tensor}: feeds {name: Tensor}; fetches: output names (array) or an
//   object whose keys name them; default all outputs. session.release() frees the model.
// env: logLevel, wasm.numThreads (threads of the "wasm" provider's kernels; 0: navigator.hardwareConcurrency; one
//   where the page is not cross-origin isolated, and in Node), webgpu.powerPreference /
//   forceFallbackAdapter (used for the availability check; the engine's own device request does not take them yet),
//   engine ("auto" | "wasm-gc" | "js": which build of the engine; auto is Wasm GC in browsers, JS in Node).
// Errors: every promise rejects with an Error whose message names the problem (input, type, dims, file).
// pipeline(task, model, options): transformers.js-style tasks over a Hugging Face-style model folder (pipeline.js);
// clearModelCache(): empties the Cache API store the pipelines keep downloaded files in (fetch-file.js).

import { Tensor, float16DataOf, float16Values, bfloat16BitsToNumber, numberToBfloat16Bits } from "./tensor.js";
import { fetchFile, clearModelCache } from "./fetch-file.js";
import { pipeline } from "./pipeline.js";

export { Tensor, pipeline, clearModelCache };

/** The package version (written by the npm package build; "dev" in the web app). */
export const version = "dev";

const LOG_LEVELS = ["verbose", "info", "warning", "error", "fatal"];

/** Process-wide settings, as ORT's env. */
export const env = {
  logLevel: "warning",
  debug: false,
  engine: "auto",
  wasm: { numThreads: 0, simd: true, proxy: false },
  webgpu: { powerPreference: undefined, forceFallbackAdapter: false },
  versions: { nnjit: version },
};

/** Execution provider name -> the engine backend that runs it. */
const BACKEND_OF_PROVIDER = new Map([["auto", "auto"], ["webgpu", "webgpu"], ["wasm", "wasm-simd"], ["cpu", "cpu"]]);

/** Engine backend -> the execution provider name it runs (the inverse of BACKEND_OF_PROVIDER). */
const PROVIDER_OF_BACKEND = new Map([...BACKEND_OF_PROVIDER].map(([provider, backend]) => [backend, provider]));

/** Tensor types the engine computes with (others are rejected before a run, naming the input). */
const ENGINE_TYPES = new Set(["float32", "float16", "bfloat16", "int8", "uint8", "int16", "uint16", "int32",
  "uint32", "int64", "bool"]);

const engines = new Map(); // env.engine choice -> Promise<Engine>

function engineFor(choice) {
  if (!engines.has(choice)) {
    const loading = import(new URL("./engine.js", import.meta.url).href)
      .then((m) => m.createEngine(choice))
      .catch((e) => {
        engines.delete(choice); // a failed load may be retried
        throw new Error(`cannot load the nnjit engine (${choice}): ${messageOf(e)}`);
      });
    engines.set(choice, loading);
  }
  return engines.get(choice);
}

export class InferenceSession {
  /** Use InferenceSession.create. */
  constructor(model, provider, inputMetadata, outputMetadata, overrides, logLevel) {
    this.model = model;
    this._provider = provider;
    this._backend = model.backend;
    this.inputMetadata = inputMetadata;
    this.outputMetadata = outputMetadata;
    this.inputNames = inputMetadata.map((m) => m.name);
    this.outputNames = outputMetadata.map((m) => m.name);
    this.freeDimensionOverrides = overrides;
    this.logLevel = logLevel;
  }

  /** The provider running the model: as asked, or with "auto" the chosen one ("auto" until the first run). */
  get executionProvider() {
    return this._provider === "auto" ? PROVIDER_OF_BACKEND.get(this.backend) : this._provider;
  }

  /** The engine backend running the model ("webgpu", "wasm-simd", "cpu"; "auto" until an auto session has run). */
  get backend() {
    if (this.model !== null) this._backend = this.model.backend;
    return this._backend;
  }

  /** How "auto" chose: {chosen, reason, timesMs, candidates, failures}; null before the first run and without auto. */
  get backendChoice() {
    if (this.model !== null && this.model.backendChoice !== undefined) this._choice = this.model.backendChoice;
    return this._choice || null;
  }

  static async create(arg0, arg1, arg2, arg3) {
    const { source, options } = createArguments(arg0, arg1, arg2, arg3);
    const logLevel = logLevelOf(options.logSeverityLevel);
    const progress = progressReporter(options.onProgress, logLevel);
    const overrides = checkOverrides(options.freeDimensionOverrides);
    const providers = providerNames(options.executionProviders);
    const modelName = typeof source === "string" || source instanceof URL ? String(source) : "model";
    const bytes = await bytesOf(source, modelName, progress);
    const external = await externalFilesOf(options.externalData, progress);
    const engine = await engineFor(env.engine);
    const failures = [];
    for (const provider of providers) {
      const unavailable = await unavailableReason(provider);
      if (unavailable !== null) {
        failures.push(`${provider}: ${unavailable}`);
        log(logLevel, 2, `execution provider '${provider}' skipped: ${unavailable}`);
        continue;
      }
      const loadOptions = { backend: BACKEND_OF_PROVIDER.get(provider) };
      if (loadOptions.backend !== "webgpu" && env.wasm.numThreads > 0) loadOptions.threads = env.wasm.numThreads;
      if (options.tuning !== undefined) loadOptions.tuning = options.tuning;
      try {
        const model = await engine.loadModelAsync(bytes, external, loadOptions);
        log(logLevel, 1, `model loaded on '${provider}' (engine ${engine.kind})`);
        const session = new InferenceSession(model, provider, metadataOf(model.inputs, overrides),
          metadataOf(model.outputs, overrides), overrides, logLevel);
        progress({ status: "ready", file: modelName, executionProvider: provider });
        return session;
      } catch (e) {
        failures.push(`${provider}: ${messageOf(e)}`);
        log(logLevel, 2, `execution provider '${provider}' failed: ${messageOf(e)}`);
      }
    }
    throw new Error(`no execution provider could load ${modelName} (${failures.join("; ")})`);
  }

  async run(feeds, fetches, options) {
    if (this.model === null) throw new Error("this session was released");
    if (options !== undefined && (options === null || typeof options !== "object")) {
      throw new TypeError("'options' must be an object");
    }
    const outputs = fetchNames(fetches, this.outputNames);
    const engineFeeds = engineFeedsOf(feeds, this.inputMetadata);
    const runOptions = outputs.length === this.outputNames.length ? {} : { outputs };
    const model = this.model;
    const { outputs: produced } = await model.runAsync(engineFeeds, runOptions);
    if (model.backendChoice && this._provider === "auto" && !this._choiceLogged) {
      this._choiceLogged = true;
      log(this.logLevel, 1, `auto chose '${model.backendChoice.chosen}': ${model.backendChoice.reason}`);
    }
    const result = {};
    for (const name of outputs) {
      const t = produced[name];
      if (t === undefined) throw new Error(`the engine returned no output '${name}'`);
      result[name] = tensorOf(t);
    }
    return result;
  }

  /** Frees the model (and its GPU buffers); later runs reject. */
  async release() {
    if (this.model !== null) {
      this.model.dispose();
      this.model = null;
    }
  }

  startProfiling() {
    log(this.logLevel, 2, "startProfiling: not supported by nnjit yet (ignored)");
  }

  endProfiling() {}
}

// ---- create: arguments, model and external data bytes ----

/** ORT's overloads: (uri | buffer, options?) and (buffer, byteOffset, byteLength?, options?). */
function createArguments(arg0, arg1, arg2, arg3) {
  if (typeof arg0 === "string" || arg0 instanceof URL) return { source: arg0, options: optionsObject(arg1) };
  if (ArrayBuffer.isView(arg0)) {
    return { source: new Uint8Array(arg0.buffer, arg0.byteOffset, arg0.byteLength), options: optionsObject(arg1) };
  }
  if (arg0 instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && arg0 instanceof SharedArrayBuffer)) {
    if (typeof arg1 !== "number") return { source: new Uint8Array(arg0), options: optionsObject(arg1) };
    const offset = arg1;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > arg0.byteLength) {
      throw new RangeError(`'byteOffset' is out of range [0, ${arg0.byteLength}].`);
    }
    if (typeof arg2 === "number") {
      if (!Number.isSafeInteger(arg2) || arg2 <= 0 || offset + arg2 > arg0.byteLength) {
        throw new RangeError(`'byteLength' is out of range (0, ${arg0.byteLength - offset}].`);
      }
      return { source: new Uint8Array(arg0, offset, arg2), options: optionsObject(arg3) };
    }
    return { source: new Uint8Array(arg0, offset), options: optionsObject(arg2) };
  }
  throw new TypeError("Unexpected argument[0]: must be 'path' (a URL string) or 'buffer' (ArrayBuffer or Uint8Array).");
}

function optionsObject(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object") throw new TypeError("'options' must be an object.");
  return options;
}

/** The model's bytes: downloaded (browser, http URLs), read from disk (Node paths), or the given buffer. */
async function bytesOf(source, name, progress) {
  if (source instanceof Uint8Array) return source;
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return toUint8(source, name);
  return fetchFile(source, name, progress);
}

function toUint8(data, what) {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new TypeError(`${what} must be bytes (ArrayBuffer or typed array) or a URL, got ${data === null ? "null" : typeof data}`);
}

/** ORT's externalData [{path, data}] -> the engine's {path: bytes}. */
async function externalFilesOf(externalData, progress) {
  const files = {};
  if (externalData === undefined || externalData === null) return files;
  if (!Array.isArray(externalData)) throw new TypeError("'externalData' must be an array of {path, data}");
  for (const entry of externalData) {
    if (entry === null || typeof entry !== "object" || typeof entry.path !== "string") {
      throw new TypeError("every 'externalData' entry must be {path: string, data}");
    }
    const data = entry.data;
    files[entry.path] = typeof data === "string" || data instanceof URL
      ? await bytesOf(data, entry.path, progress)
      : typeof Blob !== "undefined" && data instanceof Blob
        ? new Uint8Array(await data.arrayBuffer())
        : toUint8(data, `externalData '${entry.path}'`);
  }
  return files;
}

// ---- create: options ----

function providerNames(executionProviders) {
  if (executionProviders === undefined || executionProviders === null) return ["auto"];
  if (!Array.isArray(executionProviders)) throw new TypeError("'executionProviders' must be an array");
  const names = executionProviders.map((p) => (typeof p === "string" ? p : p && typeof p.name === "string" ? p.name : null));
  for (const name of names) {
    if (name === null) throw new TypeError("every execution provider must be a name or an object with a 'name'");
  }
  if (names.length === 0) throw new TypeError("'executionProviders' is empty");
  return names;
}

/** Why an execution provider cannot be used here, or null when it may be tried. */
async function unavailableReason(provider) {
  if (!BACKEND_OF_PROVIDER.has(provider)) {
    return `unknown execution provider (nnjit has ${[...BACKEND_OF_PROVIDER.keys()].join(", ")})`;
  }
  if (provider !== "webgpu") return null;  // "auto" checks WebGPU itself and falls back to wasm
  const gpu = typeof navigator !== "undefined" && navigator !== null ? navigator.gpu : undefined;
  if (gpu === undefined) return "WebGPU is not available here (no navigator.gpu)";
  const adapterOptions = {};
  if (env.webgpu.powerPreference !== undefined) adapterOptions.powerPreference = env.webgpu.powerPreference;
  if (env.webgpu.forceFallbackAdapter) adapterOptions.forceFallbackAdapter = true;
  try {
    const adapter = await gpu.requestAdapter(adapterOptions);
    return adapter === null ? "no WebGPU adapter was offered" : null;
  } catch (e) {
    return `requesting a WebGPU adapter failed: ${messageOf(e)}`;
  }
}

function checkOverrides(overrides) {
  if (overrides === undefined || overrides === null) return {};
  if (typeof overrides !== "object") throw new TypeError("'freeDimensionOverrides' must be an object {dimName: size}");
  for (const [name, size] of Object.entries(overrides)) {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new TypeError(`freeDimensionOverrides['${name}'] must be a non-negative integer, got ${size}`);
    }
  }
  return { ...overrides };
}

/** The engine's [{name, dtype, shape}] as ORT's value metadata, symbolic dims named in overrides fixed. */
function metadataOf(values, overrides) {
  return values.map((v) => ({
    name: v.name,
    isTensor: true,
    type: v.dtype,
    shape: v.shape === null || v.shape === undefined ? null
      : Array.from(v.shape, (d) => (typeof d === "number" ? d : d === null ? "" : overrides[d] !== undefined ? overrides[d] : d)),
  }));
}

// ---- run: feeds in, tensors out ----

function fetchNames(fetches, outputNames) {
  if (fetches === undefined || fetches === null) return outputNames.slice();
  let names;
  if (Array.isArray(fetches)) names = fetches;
  else if (typeof fetches === "object") names = Object.keys(fetches);
  else throw new TypeError("'fetches' must be an array of output names or an object keyed by output names");
  if (names.length === 0) throw new TypeError("'fetches' cannot be empty");
  for (const name of names) {
    if (!outputNames.includes(name)) {
      throw new RangeError(`'${name}' is not a valid output name (outputs: ${outputNames.join(", ")})`);
    }
  }
  return names;
}

function engineFeedsOf(feeds, inputMetadata) {
  if (feeds === null || typeof feeds !== "object" || Array.isArray(feeds)) {
    throw new TypeError("'feeds' must be an object that maps input names to tensors");
  }
  const names = inputMetadata.map((m) => m.name);
  for (const name of Object.keys(feeds)) {
    if (!names.includes(name)) throw new RangeError(`'${name}' is not a valid input name (inputs: ${names.join(", ")})`);
  }
  const result = {};
  for (const meta of inputMetadata) {
    const t = feeds[meta.name];
    if (t === undefined) throw new Error(`input '${meta.name}' is missing in 'feeds'`);
    result[meta.name] = engineFeedOf(meta, t);
  }
  return result;
}

/** One feed: an ORT-shaped tensor ({type, data, dims}; nnjit's or ORT's own) checked and put in engine form. */
function engineFeedOf(meta, t) {
  const name = meta.name;
  if (t === null || typeof t !== "object" || typeof t.type !== "string" || !Array.isArray(t.dims)) {
    throw new TypeError(`input '${name}' must be a Tensor ({type, data, dims})`);
  }
  if (t.location !== undefined && t.location !== "cpu" && t.location !== "cpu-pinned") {
    throw new TypeError(`input '${name}': tensors on '${t.location}' are not supported yet (use CPU tensors)`);
  }
  if (!ENGINE_TYPES.has(t.type)) {
    throw new TypeError(`input '${name}': nnjit does not support tensor type '${t.type}' (supported: ${[...ENGINE_TYPES].join(", ")})`);
  }
  if (meta.type !== t.type) throw new TypeError(`input '${name}': expected a tensor of type ${meta.type}, got ${t.type}`);
  const size = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== size) {
    throw new RangeError(`input '${name}': data length ${t.data.length} does not match dims [${t.dims.join(", ")}]`);
  }
  if (meta.shape !== null) {
    if (meta.shape.length !== t.dims.length) {
      throw new RangeError(`input '${name}': expected ${meta.shape.length} dimensions [${meta.shape.join(", ")}], got [${t.dims.join(", ")}]`);
    }
    meta.shape.forEach((d, i) => {
      if (typeof d === "number" && d !== t.dims[i]) {
        throw new RangeError(`input '${name}': dimension ${i} must be ${d}, got ${t.dims[i]} (dims [${t.dims.join(", ")}])`);
      }
    });
  }
  let data = t.data;
  if (t.type === "float16") data = float16Values(data);
  else if (t.type === "bfloat16") data = Float32Array.from(data, bfloat16BitsToNumber);
  return { dtype: t.type, shape: Array.from(t.dims), data };
}

const INTEGER_ARRAYS = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
};

/** An engine output {dtype, shape, data} as a Tensor with ORT's data array for its type. */
function tensorOf(t) {
  const dims = Array.from(t.shape, Number);
  switch (t.dtype) {
    case "float32": return new Tensor("float32", t.data instanceof Float32Array ? t.data : Float32Array.from(t.data), dims);
    case "float16": return new Tensor("float16", float16DataOf(t.data), dims);
    case "bfloat16": return new Tensor("bfloat16", Uint16Array.from(t.data, numberToBfloat16Bits), dims);
    case "int64": return new Tensor("int64", t.data instanceof BigInt64Array ? t.data : BigInt64Array.from(t.data, BigInt), dims);
    case "bool": return new Tensor("bool", Uint8Array.from(t.data, (v) => (v ? 1 : 0)), dims);
    default: {
      const ctor = INTEGER_ARRAYS[t.dtype];
      if (ctor === undefined) throw new Error(`the engine returned an output of unknown type '${t.dtype}'`);
      return new Tensor(t.dtype, ctor.from(t.data, Number), dims);
    }
  }
}

// ---- logging and progress ----

function logLevelOf(severity) {
  if (severity === undefined || severity === null) {
    const level = LOG_LEVELS.indexOf(env.debug ? "verbose" : env.logLevel);
    return level < 0 ? 2 : level;
  }
  if (!Number.isInteger(severity) || severity < 0 || severity > 4) {
    throw new RangeError(`'logSeverityLevel' must be 0 (verbose) to 4 (fatal), got ${severity}`);
  }
  return severity;
}

function log(sessionLevel, level, message) {
  if (level < sessionLevel) return;
  const line = `[nnjit] ${message}`;
  if (level >= 3) console.error(line);
  else if (level === 2) console.warn(line);
  else console.log(line);
}

function progressReporter(onProgress, logLevel) {
  if (onProgress === undefined || onProgress === null) return () => {};
  if (typeof onProgress !== "function") throw new TypeError("'onProgress' must be a function");
  return (event) => {
    try {
      onProgress(event);
    } catch (e) {
      log(logLevel, 2, `onProgress threw: ${messageOf(e)}`);
    }
  };
}

function messageOf(e) {
  return e && e.message !== undefined ? String(e.message) : String(e);
}
