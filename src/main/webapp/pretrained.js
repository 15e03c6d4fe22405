// A model laid out like a Hugging Face repository, loaded for a pipeline task: the files every text task needs
// (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx and its external data), the session on the
// device asked for, the tokenizer on the same engine, a first run that compiles, and tuning in the background.
//
//   model: a URL or relative URL of the folder (browser; Node: http(s) URLs too), or a local folder path (Node).
//   options: {device: "auto" (default: webgpu and wasm timed on the first run, the faster kept; see nnjit.js) |
//             "webgpu" | "wasm" | "cpu", progress_callback, tuning: {budgetMs, cache} | false,
//             cache (Cache API, default true), revalidate (default true: a cached file is checked with the
//             server, see fetch-file.js; false: used without a request), modelFile (default "onnx/model.onnx"),
//             externalData: [file names relative to the model file's folder], use_external_data_format}
// External data, as transformers.js finds it: use_external_data_format (the option, else config.json's
//   transformers.js_config.use_external_data_format) true, or a number N of chunks, or {"model.onnx": true | N}
//   keyed by the model file's name, means the files "model.onnx_data" (and "model.onnx_data_1" ... up to N - 1)
//   next to the model file. externalData lists the files instead. Besides, a file the model itself names and
//   nobody listed (torch.onnx's "model.onnx.data", say) is fetched when the engine asks for it.
// Progress events (progress_callback): every file's initiate / download / progress / done (see fetch-file.js) with
// {name: model} added, then {status: "compile", name, file, ms, executionProvider} after the first run, {status:
// "ready", task, name, executionProvider}, and while tuning (webgpu) {status: "tune", name, done, workloadsDone,
// workloads, spentMs, budgetMs, speedup}.

import { fetchFile } from "./fetch-file.js";
import { InferenceSession } from "./nnjit.js";

const RUNNING_IN_NODE = typeof process !== "undefined" && process.versions != null && process.versions.node != null;

/** device option -> InferenceSession executionProviders. */
const PROVIDERS_OF_DEVICE = new Map([["auto", ["auto"]], ["webgpu", ["webgpu"]], ["wasm", ["wasm"]], ["cpu", ["cpu"]]]);

/** What the engine says when the model names an external data file it was not given. */
const MISSING_EXTERNAL_FILE = /external data file '([^']+)' was not provided/;

/**
 * Loads config, tokenizer and session. extraJson: optional JSON files a task also wants (e.g.
 * "generation_config.json"), returned parsed in json[name] (null when absent).
 * Resolves to {name, config, json, tokenizer, session, executionProvider, progress, timings: {filesMs, sessionMs}}.
 */
export async function loadPretrained(model, options = {}, extraJson = []) {
  const name = String(model);
  const progress = progressOf(options.progress_callback, name);
  const fetchOptions = { cache: options.cache !== false, revalidate: options.revalidate !== false };
  const providers = providersOf(options.device);
  const locate = modelFileLocator(model);
  const t0 = clockMs();
  const readJson = async (file, optional) => {
    const bytes = await fetchFile(locate(file), file, progress, { ...fetchOptions, optional });
    if (bytes === null) return null;
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new Error(`${name}: ${file} is not valid JSON (${e.message})`);
    }
  };
  const readText = async (file, optional) => {
    const bytes = await fetchFile(locate(file), file, progress, { ...fetchOptions, optional });
    return bytes === null ? null : new TextDecoder().decode(bytes);
  };
  const config = (await readJson("config.json", true)) || {};
  const tokenizerJson = await readText("tokenizer.json", false);
  const tokenizerConfigJson = await readText("tokenizer_config.json", true);
  const json = {};
  for (const file of extraJson) json[file] = await readJson(file, true);
  const modelFile = options.modelFile || "onnx/model.onnx";
  const modelBytes = await fetchFile(locate(modelFile), modelFile, progress, fetchOptions);
  const folder = modelFile.slice(0, modelFile.lastIndexOf("/") + 1);
  const external = {};
  for (const file of externalDataFilesOf(options, config, modelFile.slice(folder.length))) {
    external[file] = await fetchFile(locate(folder + file), folder + file, progress, fetchOptions);
  }
  const t1 = clockMs();
  const tuning = options.tuning === false ? { budgetMs: 0, auto: false } : { ...(options.tuning || {}), auto: false };
  let session;
  for (;;) {
    try {
      session = await InferenceSession.create(modelBytes, {
        executionProviders: providers,
        externalData: Object.entries(external).map(([path, data]) => ({ path, data })),
        tuning,
      });
      break;
    } catch (e) {
      const missing = MISSING_EXTERNAL_FILE.exec(String(e && e.message));
      if (missing === null || external[missing[1]] !== undefined) throw e;
      external[missing[1]] = await fetchFile(locate(folder + missing[1]), folder + missing[1], progress, fetchOptions);
    }
  }
  const tokenizer = session.model.engine.loadTokenizer(tokenizerJson, tokenizerConfigJson);
  return {
    name, config, json, tokenizer, session, progress,
    executionProvider: session.executionProvider,
    tuningBudgetMs: options.tuning === false ? 0 : (options.tuning && options.tuning.budgetMs) ?? 30000,
    timings: { filesMs: t1 - t0, sessionMs: clockMs() - t1 },
  };
}

/**
 * The first run (which compiles the model for its shapes: reported as "compile"), then, on WebGPU with a tuning
 * budget, tuning in the background (reported as "tune"). Resolves to {compileMs, tuning: promise of the tuning
 * report or null}; the pipeline is usable as soon as this resolves, tuned kernels are swapped in as they are found.
 */
export async function compileAndTune(pretrained, feeds, file = "onnx/model.onnx") {
  const { session, progress, name } = pretrained;
  const t0 = clockMs();
  await session.run(feeds);
  const compileMs = clockMs() - t0;
  progress({ status: "compile", file, ms: compileMs, executionProvider: session.executionProvider,
    backendChoice: session.backendChoice });
  let tuning = null;
  if (session.executionProvider === "webgpu" && pretrained.tuningBudgetMs > 0) {
    tuning = session.model.tuneAsync({
      budgetMs: pretrained.tuningBudgetMs,
      onProgress: (p) => progress({ status: "tune", file, ...p }),
    });
    tuning.catch((e) => console.warn(`[nnjit] tuning ${name} stopped: ${e && e.message || e}`));
  }
  return { compileMs, tuning };
}

/** file -> where to fetch it: a URL string (browser, or http(s) in Node) or a path (a Node folder). */
export function modelFileLocator(model) {
  const text = String(model);
  if (RUNNING_IN_NODE && !/^https?:|^file:/i.test(text)) {
    return (file) => (text.endsWith("/") ? text : text + "/") + file;
  }
  const base = typeof location !== "undefined" ? location.href : undefined;
  const folder = new URL(text.endsWith("/") ? text : text + "/", base);
  return (file) => new URL(file, folder).href;
}

function providersOf(device) {
  const key = device === undefined || device === null ? "auto" : device;
  if (!PROVIDERS_OF_DEVICE.has(key)) {
    throw new TypeError(`unknown device '${device}' (expected ${[...PROVIDERS_OF_DEVICE.keys()].join(", ")})`);
  }
  return PROVIDERS_OF_DEVICE.get(key);
}

/** The external data files of the model file (names relative to its folder): see the top of this file. */
function externalDataFilesOf(options, config, modelName) {
  const listed = options.externalData;
  if (Array.isArray(listed)) return listed.map(String);
  if (listed !== undefined && listed !== null) throw new TypeError("'externalData' must be an array of file names");
  let format = options.use_external_data_format ?? (config["transformers.js_config"] || {}).use_external_data_format;
  if (format !== null && typeof format === "object") format = format[modelName];
  const chunks = format === true ? 1 : Number.isInteger(format) && format > 0 ? format : 0;
  return Array.from({ length: chunks }, (_, i) => `${modelName}_data${i === 0 ? "" : "_" + i}`);
}

/** The user's progress_callback with the model's name added; a callback that throws is reported, not fatal. */
function progressOf(callback, name) {
  if (callback === undefined || callback === null) return () => {};
  if (typeof callback !== "function") throw new TypeError("'progress_callback' must be a function");
  return (event) => {
    try {
      callback({ name, ...event });
    } catch (e) {
      console.warn(`[nnjit] progress_callback threw: ${e && e.message || e}`);
    }
  };
}

/** Milliseconds on the clock pipelines time themselves with. */
export function clockMs() {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}
