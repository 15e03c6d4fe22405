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
// model: a folder URL (ending in "/"; in Node also a folder path) holding model.onnx (else onnx/model.onnx,
//   decoder_model_merged.onnx or onnx/decoder_model_merged.onnx: Hugging Face's layouts), config.json and tokenizer.json, optionally
//   generation_config.json, tokenizer_config.json and chat_template.jinja; or {files: {"model.onnx": bytes,
//   "config.json": text, ...}}.
//   Decoder-only with or without a KV cache (Optimum's past_key_values.* / present.*, plain or merged: the cache is
//   kept between steps, in GPU memory on webgpu, the past fed at bucketed widths); an encoder-decoder as one graph
//   without a cache (inputs input_ids and decoder_input_ids: the decoder sequence is re-run per token, in length
//   buckets on webgpu and wasm), or split as Hugging Face ships T5/BART (encoder_model.onnx, or onnx/encoder_model.onnx,
//   with decoder_model_merged.onnx: the encoder runs once, the decoder over its KV cache). Files: {"model.onnx" (the
//   decoder of a split), "encoder_model.onnx", ...}.
// options: device "webgpu" (default where navigator.gpu exists) | "wasm" (the wasm-simd backend) | "cpu" (the
//   reference); engine "auto" | "wasm-gc" | "js".
// Generation options (snake_case as transformers.js): max_new_tokens, do_sample, temperature, top_k, top_p,
//   repetition_penalty, seed, eos_token_id, decoder_start_token_id, streamer ({put(bigint[][]), end()}), signal
//   (AbortSignal: rejects with an Error named AbortError whose `partial` is the engine's result so far), lengths
//   ("buckets" | "exact").
// Chat input (text-generation, as transformers.js): an array of {role, content} messages (or an array of such
//   arrays) is turned into the prompt by the model's chat template (tokenizer_config.json's chat_template, or a
//   chat_template.jinja beside it; rendered by nnjit's Jinja engine, dev.nnjit.template) with add_generation_prompt
//   true, and tokenized without adding special tokens again (the template writes them). The result's generated_text
//   is then the messages with the assistant's reply appended: [{generated_text: [...messages, {role: "assistant",
//   content}]}]. Option chat_template_kwargs: more template variables (e.g. {enable_thinking: false, tools: [...]});
//   add_special_tokens overrides whether the tokenizer's post-processor tokens are added (default: false for chat
//   input, as transformers.js; true for a string prompt).
//   A model without a chat template given messages is an Error that says so.
//   generator.tokenizer.apply_chat_template(messages, {add_generation_prompt, tools, ...more}) -> the prompt text.
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
  const loadOptions = backend === "webgpu"
    ? { backend, tuning: options.tuning || { budgetMs: 0, cache: "none", auto: false } } : { backend };
  const loaded = await engine.loadModelAsync(files["model.onnx"], {}, loadOptions);
  // a split encoder-decoder (encoder_model.onnx + decoder_model_merged.onnx): the encoder runs once per input
  const encoder = files["encoder_model.onnx"] ? await engine.loadModelAsync(files["encoder_model.onnx"], {}, loadOptions)
    : null;
  const seq2seq = encoder !== null || loaded.inputs.some((i) => i.name === "decoder_input_ids");
  if (task === "text2text-generation" && !seq2seq) {
    throw new Error("text2text-generation needs an encoder-decoder model (one that takes decoder_input_ids)");
  }
  if (task === "text-generation" && seq2seq) {
    throw new Error("text-generation needs a decoder-only model; this one takes decoder_input_ids: use"
      + " text2text-generation");
  }
  const tokenizer = generationTokenizer(engine, files["tokenizer.json"], files["tokenizer_config.json"] ?? null,
    files["chat_template.jinja"] ?? null);
  const config = files["config.json"] ?? null;
  const generationConfig = files["generation_config.json"] ?? null;

  const generator = async (input, genOptions = {}) => {
    if (isChat(input)) return generateChat(input, genOptions);
    if (Array.isArray(input) && input.length > 0 && input.every(isChat)) {
      const all = [];
      for (const chat of input) all.push(await generateChat(chat, genOptions));
      return all;
    }
    if (Array.isArray(input)) {
      const all = [];
      for (const text of input) {
        all.push(await generateOne(String(text), genOptions, genOptions.add_special_tokens ?? true));
      }
      return all;
    }
    return generateOne(String(input), genOptions, genOptions.add_special_tokens ?? true);
  };

  async function generateChat(messages, o) {
    if (task !== "text-generation") {
      throw new Error("chat messages are for text-generation; text2text-generation takes a string");
    }
    const { tools, ...more } = o.chat_template_kwargs || {};
    const prompt = tokenizer.apply_chat_template(messages, { add_generation_prompt: true, tools, ...more });
    // transformers.js (src/pipelines.js, TextGenerationPipeline._call) tokenizes chat-template text with
    // add_special_tokens false unless told otherwise: the template already wrote the BOS and turn markers
    const out = await generateOne(prompt, { ...o, return_full_text: false }, o.add_special_tokens ?? false);
    const reply = [{ generated_text: [...messages, { role: "assistant", content: out[0].generated_text }] }];
    reply.stats = out.stats;
    return reply;
  }

  async function generateOne(prompt, o, addSpecialTokens = true) {
    const inputIds = tokenizer.encode(prompt, addSpecialTokens);
    const request = { inputIds, config, generationConfig, tokenizer: tokenizer.handle };
    if (encoder) request.encoder = encoder.handle;
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
  generator.dispose = () => { loaded.dispose(); if (encoder) encoder.dispose(); };
  return generator;
}

/** transformers.js's test for chat input: an array of objects that all have a role and a content. */
function isChat(x) {
  return Array.isArray(x) && x.length > 0
    && x.every((m) => m !== null && typeof m === "object" && "role" in m && "content" in m);
}

/**
 * The engine's tokenizer for generation: {handle, encode(text, addSpecialTokens = true) -> [ids],
 * decode(ids, skipSpecialTokens) -> text, apply_chat_template(messages, {add_generation_prompt, tools, ...}) -> text,
 * hasChatTemplate}.
 */
function generationTokenizer(engine, json, configText, chatTemplateText) {
  const x = engine.exports;
  const handle = unwrap(x.generationTokenizerLoad(String(json), configText == null ? null : String(configText),
    chatTemplateText == null ? null : String(chatTemplateText)));
  return {
    handle,
    hasChatTemplate: unwrap(x.generationTokenizerHasChatTemplate(handle)),
    encode: (text, addSpecialTokens = true) => Array.from(unwrap(x.generationTokenizerEncode(handle, String(text),
      !!addSpecialTokens))),
    apply_chat_template: (messages, { add_generation_prompt = false, tools = null, ...more } = {}) =>
      unwrap(x.generationTokenizerApplyChatTemplate(handle, JSON.stringify(messages), !!add_generation_prompt,
        tools == null ? null : JSON.stringify(tools), Object.keys(more).length ? JSON.stringify(more) : null)),
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
  const first = async (names) => {
    for (const name of names) {
      const bytes = await fetchOr(name, true);
      if (bytes) return bytes;
    }
    return null;
  };
  // with an encoder_model.onnx, the graph is its merged decoder; else the one graph of the folder
  const graphs = async () => {
    const encoder = await first(["encoder_model.onnx", "onnx/encoder_model.onnx"]);
    const graph = await first(encoder ? ["decoder_model_merged.onnx", "onnx/decoder_model_merged.onnx"]
      : ["model.onnx", "onnx/model.onnx", "decoder_model_merged.onnx", "onnx/decoder_model_merged.onnx"]);
    return [graph, encoder];
  };
  const [[onnx, encoderOnnx], config, generationConfig, tokenizer, tokenizerConfig, chatTemplate] = await Promise.all([
    graphs(), fetchOr("config.json"), fetchOr("generation_config.json"),
    fetchOr("tokenizer.json"), fetchOr("tokenizer_config.json"), fetchOr("chat_template.jinja")]);
  return { "model.onnx": onnx, "encoder_model.onnx": encoderOnnx, "config.json": config,
    "generation_config.json": generationConfig, "tokenizer.json": tokenizer, "tokenizer_config.json": tokenizerConfig,
    "chat_template.jinja": chatTemplate };
}

function describe(model) {
  return typeof model === "string" || model instanceof URL ? `model folder ${model}` : "the model files given";
}
