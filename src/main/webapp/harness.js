// Automation entry (used by dev.nnjit.host.BrowserRunner and the e2e tests through Playwright).
// Everything crossing to the JVM is JSON-safe: tensor data travels as base64 of little-endian bytes in the engine's
// storage kind — float32 for float32/float16/bfloat16, int64 for every integer dtype, one byte 0/1 for bool.
// Every function resolves to {ok: true, ...} or {ok: false, error, errorType}: the JVM rethrows with the exact message.
//
//   await nnjitHarness.init(engine)                  engine: "wasm-gc" | "js" | "auto" -> {kind, fallbackReason}
//   await nnjitHarness.load(engine, modelUrl, externalFiles, options)
//        externalFiles: names relative to the model URL; options (optional): {backend: "cpu" | "webgpu" | "wasm-simd", ...}
//        -> {modelId, kind, backend, adapter?, adapterInfo?, device?, limits?, inputs, outputs, loadTimings: {fetchMs, copyInMs, decodeMs, sessionMs, loadMs}}
//   await nnjitHarness.run(modelId, {NAME: {dtype, shape, b64}}, options)
//        options (optional): {profile: true} -> {outputs: {NAME: {dtype, shape, b64}}, timings, gpu?, wasm?,
//        backend, backendChoice? (models loaded on "auto": how the first run chose, see backend-choice.js)}
//        Webgpu models load with options.tuning = {cache: "none", auto: false} unless the options give tuning: the
//        automation runs untuned kernels and never tunes in the background.
//   await nnjitHarness.generate(modelId, request)  request: see engine.js generateAsync ("encoder", "decoderWithPast":
//     harness model ids) -> {result, streamed: [ids]}
//   await nnjitHarness.tune(modelId, budgetMs)      -> {report (JSON text), records (JSON text), kernels: [...]}
//   nnjitHarness.kernels(modelId)                   -> {kernels: [{node, op, family, problem, config, ...}]}
//   nnjitHarness.dispose(modelId)
//   await nnjitHarness.releaseGpuDevice(engine)     destroys the page's WebGPU device -> {released}

import { createEngine } from "./engine.js";

const engines = new Map();   // choice -> Promise<Engine>
const models = new Map();    // id -> Model
let nextModelId = 1;

function failure(e) {
  return { ok: false, error: e && e.message !== undefined ? String(e.message) : String(e), errorType: e && e.name || "Error" };
}

function engineFor(choice) {
  if (!engines.has(choice)) {
    const p = createEngine(choice);
    p.catch(() => engines.delete(choice));  // a failed load may be retried
    engines.set(choice, p);
  }
  return engines.get(choice);
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function toBase64(bytes) {
  if (typeof bytes.toBase64 === "function") return bytes.toBase64();
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

const FLOAT_TYPES = new Set(["float32", "float", "float16", "bfloat16"]);

/** Typed array of the dtype's storage kind over the decoded bytes; unknown dtypes stay bytes for Java to reject. */
function decodeData(dtype, b64) {
  const bytes = fromBase64(b64);
  if (FLOAT_TYPES.has(dtype)) return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
  if (dtype === "bool") return new Int8Array(bytes.buffer);
  if (["uint8", "int8", "uint16", "int16", "int32", "int64", "uint32"].includes(dtype)) {
    return new BigInt64Array(bytes.buffer, 0, bytes.length >> 3);
  }
  return bytes;
}

window.nnjitHarness = {
  async init(choice) {
    try {
      const engine = await engineFor(choice);
      return { ok: true, kind: engine.kind, fallbackReason: engine.fallbackReason };
    } catch (e) {
      return failure(e);
    }
  },

  async load(choice, modelUrl, externalFiles, options) {
    try {
      const engine = await engineFor(choice);
      const t0 = performance.now();
      const base = new URL(modelUrl, location.href);
      const [bytes, ...externals] = await Promise.all(
        [base.href, ...externalFiles.map((name) => new URL(name, base).href)].map(fetchBytes));
      const files = {};
      externalFiles.forEach((name, i) => { files[name] = externals[i]; });
      const fetchMs = performance.now() - t0;
      const gpu = options && options.backend && options.backend !== "cpu";
      if (gpu && options.tuning === undefined) options = { ...options, tuning: { cache: "none", auto: false } };
      const model = gpu ? await engine.loadModelAsync(bytes, files, options) : engine.loadModel(bytes, files);
      const modelId = nextModelId++;
      models.set(modelId, model);
      const reply = { ok: true, modelId, kind: engine.kind, backend: model.backend, inputs: model.inputs,
        outputs: model.outputs, loadTimings: { fetchMs, ...model.loadTimings } };
      if (model.adapter !== undefined) reply.adapter = model.adapter;
      if (model.limits !== undefined) reply.limits = model.limits;
      if (model.adapterInfo !== undefined) reply.adapterInfo = model.adapterInfo;
      if (model.device !== undefined) reply.device = model.device;
      return reply;
    } catch (e) {
      return failure(e);
    }
  },

  async run(modelId, feeds, options) {
    try {
      const model = models.get(modelId);
      if (!model) throw new Error(`no model with id ${modelId}`);
      const decoded = {};
      for (const [name, t] of Object.entries(feeds)) {
        decoded[name] = { dtype: t.dtype, shape: t.shape, data: decodeData(t.dtype, t.b64) };
      }
      const { outputs, timings, gpu, wasm } = model.backend === "cpu" ? model.run(decoded)
        : await model.runAsync(decoded, options || {});
      const encoded = {};
      for (const [name, t] of Object.entries(outputs)) {
        const d = t.data;
        encoded[name] = { dtype: t.dtype, shape: t.shape, b64: toBase64(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)) };
      }
      const reply = { ok: true, outputs: encoded, timings, backend: model.backend };
      if (model.backendChoice) reply.backendChoice = model.backendChoice;
      if (gpu !== undefined) reply.gpu = gpu;
      if (wasm !== undefined) reply.wasm = wasm;
      return reply;
    } catch (e) {
      return failure(e);
    }
  },

  async generate(modelId, request) {
    try {
      const model = models.get(modelId);
      if (!model) throw new Error(`no model with id ${modelId}`);
      const streamed = [];
      // an encoder-decoder split: "encoder" and "decoderWithPast" name harness models; the engine takes their handles
      const forEngine = { ...request };
      for (const key of ["encoder", "decoderWithPast"]) {
        if (request[key] === undefined) continue;
        const other = models.get(request[key]);
        if (!other) throw new Error(`${key}: no model with id ${request[key]}`);
        forEngine[key] = other.handle;
      }
      const result = await model.generateAsync(forEngine, { onToken: (id) => { streamed.push(id); } });
      return { ok: true, result, streamed };
    } catch (e) {
      return failure(e);
    }
  },

  async tune(modelId, budgetMs) {
    try {
      const model = models.get(modelId);
      if (!model) throw new Error(`no model with id ${modelId}`);
      await model.tuneAsync({ budgetMs });
      return { ok: true, report: JSON.stringify(model.tuningReport()), records: model.engine.tuningRecords(model.backend),
        kernels: model.kernels() };
    } catch (e) {
      return failure(e);
    }
  },

  kernels(modelId) {
    try {
      const model = models.get(modelId);
      if (!model) throw new Error(`no model with id ${modelId}`);
      return { ok: true, kernels: model.kernels() };
    } catch (e) {
      return failure(e);
    }
  },

  async releaseGpuDevice(choice) {
    try {
      const engine = await engineFor(choice);
      return { ok: true, released: engine.releaseGpuDevice() };
    } catch (e) {
      return failure(e);
    }
  },

  dispose(modelId) {
    try {
      const model = models.get(modelId);
      if (model) model.dispose();
      models.delete(modelId);
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  },
};

window.nnjitHarnessReady = true;
