// Text generation pipelines in the transformers.js style, on nnjit's engine (engine.js: model.generateAsync, which
// runs dev.nnjit.generate's loop; the engine's tokenizer.json tokenizers through its generationTokenizer* exports).
//
//   import { createGenerationPipeline, TextStreamer } from "./generation.js";
//   const generator = await createGenerationPipeline("text-generation", "models/tiny-llama/", {device: "webgpu"});
//   const streamer = new TextStreamer(generator.tokenizer, {callback_function: (text) => show(text)});
//   const out = await generator("Once upon a time", {max_new_tokens: 32, do_sample: true, temperature: 0.8,
//                                top_k: 50, top_p: 0.95, seed: 7, streamer, signal: abortController.signal});
//   out -> [{generated_text}]: text-generation gives prompt + continuation (return_full_text: false for the
//          continuation only); text2text-generation gives the decoder's output. An array of prompts gives an array
//          of such arrays. out.stats -> {prefillMs, decodeMsPerToken, tokensPerSecond, compiledShapes, ...} (last call)
//   generator.dispose();
//
// model: a folder URL (ending in "/"; in Node also a folder path) holding model.onnx (else onnx/model.onnx, decoder_model_merged.onnx or
//   onnx/decoder_model_merged.onnx: Hugging Face's layouts), config.json and tokenizer.json, optionally
//   generation_config.json and tokenizer_config.json; or {files: {"model.onnx": bytes, "config.json": text, ...}}.
//   One graph: decoder-only with or without a KV cache (Optimum's past_key_values.* / present.*, plain or merged:
//   the cache is kept between steps, the past fed at bucketed widths), or an encoder-decoder without a cache (inputs
//   input_ids and decoder_input_ids: the decoder sequence is re-run per token, in length buckets on webgpu). Split
//   encoder-decoder exports (encoder_model.onnx + decoders) generate on the JVM (bin/nnjit generate) so far.
// options: device "webgpu" (default where navigator.gpu exists) | "wasm" (the wasm-simd backend) | "cpu" (the
//   reference); engine "auto" | "wasm-gc" | "js".
// Generation options (snake_case as transformers.js): max_new_tokens, do_sample, temperature, top_k, top_p,
//   repetition_penalty, seed, eos_token_id, decoder_start_token_id, streamer ({put(bigint[][]), end()}), signal
//   (AbortSignal: rejects with an Error named AbortError whose `partial` is the engine's result so far), lengths
//   ("buckets" | "exact").
// Chat input (an array of {role, content}) needs tokenizer_config.json's chat_template, a Jinja template: nnjit does
//   not interpret Jinja yet, so it is an Error that says so; format the prompt yourself and pass a string.
//
// nnjit.pipeline("text-generation" | "text2text-generation", model, options) (pipeline.js) comes here.

import { createEngine } from "./engine.js";
import { fetchFile } from "./fetch-file.js";
import { modelFileLocator } from "./pretrained.js";

const TASKS = ["text-generation", "text2text-generation"];

const engines = new Map();  // engine choice -> Promise<Engine>

function engineFor(choice) {
  if (!engines.has(choice)) {
    const p = createEngine(choice);
    p.catch(() => engines.delete(choice));
    engines.set(choice, p);
  }
  return engines.get(choice);
}

/** Loads model, config and tokenizer; resolves to the generator function (with .tokenizer, .model, .dispose()). */
export async function createGenerationPipeline(task, model, options = {}) {
  if (!TASKS.includes(task)) {
    throw new Error(`unknown generation task '${task}' (expected ${TASKS.join(" or ")})`);
  }
  const files = await modelFiles(model, options);
  if (!files["model.onnx"]) {
    throw new Error(`${describe(model)} has no model.onnx (nor onnx/model.onnx, decoder_model_merged.onnx or`
      + " onnx/decoder_model_merged.onnx)");
  }
  if (files["tokenizer.json"] == null) throw new Error(`${describe(model)} has no tokenizer.json: pipelines need one`);
  const engine = await engineFor(options.engine || "auto");
  const device = options.device || (typeof navigator !== "undefined" && navigator.gpu ? "webgpu" : "wasm");
  const backend = { webgpu: "webgpu", wasm: "wasm-simd", cpu: "cpu" }[device] ?? null;
  if (backend === null) throw new Error(`unknown device '${device}' (expected webgpu, wasm or cpu)`);
  const loaded = await engine.loadModelAsync(files["model.onnx"], {}, backend === "webgpu"
    ? { backend, tuning: options.tuning || { budgetMs: 0, cache: "none", auto: false } } : { backend });
  const seq2seq = loaded.inputs.some((i) => i.name === "decoder_input_ids");
  if (task === "text2text-generation" && !seq2seq) {
    throw new Error("text2text-generation needs an encoder-decoder model (one that takes decoder_input_ids)");
  }
  if (task === "text-generation" && seq2seq) {
    throw new Error("text-generation needs a decoder-only model; this one takes decoder_input_ids: use"
      + " text2text-generation");
  }
  const tokenizer = generationTokenizer(engine, files["tokenizer.json"]);
  const tokenizerConfig = files["tokenizer_config.json"] ? JSON.parse(files["tokenizer_config.json"]) : {};
  const config = files["config.json"] ?? null;
  const generationConfig = files["generation_config.json"] ?? null;

  const generator = async (input, genOptions = {}) => {
    if (Array.isArray(input) && input.length > 0 && typeof input[0] === "object") {
      return [await generateOne(chatPrompt(input, tokenizerConfig), genOptions)];
    }
    if (Array.isArray(input)) {
      const all = [];
      for (const text of input) all.push(await generateOne(String(text), genOptions));
      return all;
    }
    return generateOne(String(input), genOptions);
  };

  async function generateOne(prompt, o) {
    const inputIds = tokenizer.encode(prompt);
    const request = { inputIds, config, generationConfig, tokenizer: tokenizer.handle };
    const fields = [["max_new_tokens", "maxNewTokens"], ["do_sample", "doSample"], ["temperature", "temperature"],
      ["top_k", "topK"], ["top_p", "topP"], ["repetition_penalty", "repetitionPenalty"], ["seed", "seed"],
      ["eos_token_id", "eosTokenId"], ["decoder_start_token_id", "decoderStartTokenId"], ["lengths", "lengths"]];
    for (const [snake, camel] of fields) if (o[snake] !== undefined) request[camel] = o[snake];
    if (request.seed !== undefined) request.seed = String(request.seed);
    const streamer = o.streamer || null;
    const result = await loaded.generateAsync(request, {
      signal: o.signal,
      onToken: streamer ? (id) => streamer.put([[BigInt(id)]]) : undefined,
    }).finally(() => { if (streamer && typeof streamer.end === "function") streamer.end(); });
    generator.stats = result;
    const fullIds = task === "text-generation" && o.return_full_text !== false ? [...inputIds, ...result.ids]
      : result.ids;
    const out = [{ generated_text: tokenizer.decode(fullIds, true) }];
    out.stats = result;
    return out;
  }

  generator.task = task;
  generator.tokenizer = tokenizer;
  generator.model = loaded;
  generator.stats = null;
  generator.dispose = () => loaded.dispose();
  return generator;
}

/** The engine's tokenizer for generation: {handle, encode(text) -> [ids], decode(ids, skipSpecialTokens) -> text}. */
function generationTokenizer(engine, json) {
  const x = engine.exports;
  const handle = unwrap(x.generationTokenizerLoad(String(json)));
  return {
    handle,
    encode: (text) => Array.from(unwrap(x.generationTokenizerEncode(handle, String(text)))),
    decode: (ids, skipSpecialTokens = true) => unwrap(x.generationTokenizerDecode(handle, Array.from(ids, Number),
      !!skipSpecialTokens)),
  };
}

/** The facade's reply {value} | {error, errorType} as a value or a thrown Error (as engine.js). */
function unwrap(reply) {
  if (reply.error !== undefined) {
    const err = new Error(reply.error);
    err.name = reply.errorType || "Error";
    throw err;
  }
  return reply.value;
}

/**
 * transformers.js's TextStreamer shape: put([[id]]) per token, end() once; callback_function(text) gets each new
 * piece of decoded text (held back while it ends in an incomplete UTF-8 sequence, U+FFFD).
 */
export class TextStreamer {
  constructor(tokenizer, { skip_special_tokens = true, callback_function = null } = {}) {
    this.tokenizer = tokenizer;
    this.skipSpecialTokens = skip_special_tokens;
    this.callback = callback_function || ((text) => { if (typeof process !== "undefined") process.stdout.write(text); });
    this.ids = [];
    this.printed = 0;
  }

  put(value) {
    for (const row of value) for (const id of row) this.ids.push(Number(id));
    const text = this.tokenizer.decode(this.ids, this.skipSpecialTokens);
    if (text.endsWith("\uFFFD")) return;
    this.emit(text);
  }

  end() {
    this.emit(this.tokenizer.decode(this.ids, this.skipSpecialTokens));
    this.ids = [];
    this.printed = 0;
  }

  emit(text) {
    if (text.length > this.printed) this.callback(text.slice(this.printed));
    this.printed = Math.max(this.printed, text.length);
  }
}

/** Chat messages need a chat template; Jinja is not interpreted yet, so this says so (or that there is none). */
function chatPrompt(messages, tokenizerConfig) {
  if (!tokenizerConfig.chat_template) {
    throw new Error("chat messages need a chat_template in tokenizer_config.json, and this model has none: pass the"
      + " prompt as a string");
  }
  throw new Error("this model's chat_template (tokenizer_config.json) is a Jinja template, which nnjit does not"
    + " interpret yet: format the conversation as a string prompt");
}

/**
 * {name: bytes or text} of a model folder (a URL; in Node also a path), or the files given; absent files are null.
 * Fetched as pretrained.js fetches (fetch-file.js: the Cache API, options.cache and options.revalidate).
 */
async function modelFiles(model, options) {
  if (model && typeof model === "object" && model.files) return { ...model.files };
  if (typeof model !== "string" && !(model instanceof URL)) {
    throw new Error("model must be a folder URL or {files: {...}}");
  }
  const locate = modelFileLocator(model);
  const fetchOptions = { cache: options.cache !== false, revalidate: options.revalidate !== false, optional: true };
  const fetchOr = async (name, binary) => {
    const bytes = await fetchFile(locate(name), name, () => {}, fetchOptions);
    return bytes === null || binary ? bytes : new TextDecoder().decode(bytes);
  };
  const graph = async () => {
    for (const name of ["model.onnx", "onnx/model.onnx", "decoder_model_merged.onnx", "onnx/decoder_model_merged.onnx"]) {
      const bytes = await fetchOr(name, true);
      if (bytes) return bytes;
    }
    return null;
  };
  const [onnx, config, generationConfig, tokenizer, tokenizerConfig] = await Promise.all([
    graph(), fetchOr("config.json"), fetchOr("generation_config.json"),
    fetchOr("tokenizer.json"), fetchOr("tokenizer_config.json")]);
  return { "model.onnx": onnx, "config.json": config, "generation_config.json": generationConfig,
    "tokenizer.json": tokenizer, "tokenizer_config.json": tokenizerConfig };
}

function describe(model) {
  return typeof model === "string" || model instanceof URL ? `model folder ${model}` : "the model files given";
}
