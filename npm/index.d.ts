// Typings of nnjit's public API (nnjit.js), shaped like ONNX Runtime Web's (onnxruntime-web / onnxruntime-common).

import type { BackendChoice } from "./engine.js";

export type { BackendChoice };

export declare const version: string;

export declare namespace Tensor {
  /** Tensor element types (as ORT; nnjit adds bfloat16). The engine computes with all but float64, uint64, int4,
   *  uint4 and string, which a Tensor can hold but a run rejects. */
  type Type = "float32" | "float64" | "float16" | "bfloat16" | "int8" | "uint8" | "int16" | "uint16" | "int32"
    | "uint32" | "int64" | "uint64" | "bool" | "string" | "int4" | "uint4";
  interface DataTypeMap {
    float32: Float32Array; float64: Float64Array; float16: Uint16Array; bfloat16: Uint16Array;
    int8: Int8Array; uint8: Uint8Array; int16: Int16Array; uint16: Uint16Array; int32: Int32Array;
    uint32: Uint32Array; int64: BigInt64Array; uint64: BigUint64Array; bool: Uint8Array; string: string[];
    int4: Uint8Array; uint4: Uint8Array;
  }
  /** float16 data is a Float16Array where the platform has one, else a Uint16Array of IEEE half bits. */
  type DataType = DataTypeMap[Type];
  type DataLocation = "cpu";
}

export declare class Tensor {
  /** new Tensor("float32", Float32Array | number[], [2, 3]); dims default to [data.length]. */
  constructor(type: Tensor.Type, data: Tensor.DataType | readonly number[] | readonly bigint[] | readonly boolean[]
    | readonly string[], dims?: readonly number[]);
  /** new Tensor(typedArray | boolean[] | string[], dims): the type follows the data. */
  constructor(data: Tensor.DataType | readonly boolean[] | readonly string[], dims?: readonly number[]);
  readonly type: Tensor.Type;
  readonly dims: readonly number[];
  /** Number of elements (product of dims). */
  readonly size: number;
  readonly location: Tensor.DataLocation;
  readonly data: Tensor.DataType;
  getData(): Promise<Tensor.DataType>;
  reshape(dims: readonly number[]): Tensor;
  /** The data as nested arrays following dims (transformers.js's tolist); BigInts for 64-bit integer types. */
  tolist(): any;
  dispose(): void;
}

export declare namespace InferenceSession {
  /** "auto" (nnjit's): time webgpu and wasm on the first run's feeds and keep the faster. */
  type ExecutionProviderName = "auto" | "webgpu" | "wasm" | "cpu";
  type ExecutionProviderConfig = ExecutionProviderName | { name: ExecutionProviderName | string; [key: string]: unknown } | string;

  interface ProgressEvent {
    status: "initiate" | "download" | "progress" | "done" | "ready";
    /** The model's URL or path ("model" for bytes) or the external data file's path. */
    file: string;
    loaded?: number;
    /** Bytes, 0 when the server does not say. */
    total?: number;
    /** Percent, when total is known. */
    progress?: number;
    /** On "ready": the execution provider the session runs on. */
    executionProvider?: ExecutionProviderName;
  }

  interface SessionOptions {
    /** Tried in order; the first that loads the model wins. Default ["auto"]: webgpu (where an adapter is offered)
     *  and wasm are both loaded and timed on the first run's feeds, and the faster is kept. */
    executionProviders?: readonly ExecutionProviderConfig[];
    /** Files the model keeps its weights in: path as the model names it, data the bytes or a URL (Node: a path). */
    externalData?: ReadonlyArray<{ path: string; data: Uint8Array | ArrayBuffer | Blob | string | URL }>;
    /** Sizes for named symbolic dimensions: shown in inputMetadata and checked against each run's feeds. */
    freeDimensionOverrides?: Readonly<Record<string, number>>;
    /** Kernel tuning options, passed to the engine (see engine.js). */
    tuning?: { budgetMs?: number; cache?: unknown; [key: string]: unknown };
    /** 0 verbose, 1 info, 2 warning, 3 error, 4 fatal. */
    logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
    onProgress?: (event: ProgressEvent) => void;
    /** Other ORT session options are accepted and ignored. */
    [key: string]: unknown;
  }

  interface RunOptions {
    logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
    tag?: string;
    [key: string]: unknown;
  }

  type FeedsType = { readonly [name: string]: Tensor | { type: Tensor.Type; data: Tensor.DataType; dims: readonly number[] } };
  type FetchesType = readonly string[] | { readonly [name: string]: Tensor | null };
  type ReturnType = { readonly [name: string]: Tensor };

  type ValueMetadata =
    | { name: string; isTensor: true; type: Tensor.Type; shape: ReadonlyArray<number | string> | null }
    | { name: string; isTensor: false };
}

export declare class InferenceSession {
  static create(uri: string | URL, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  static create(buffer: ArrayBufferLike | Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  static create(buffer: ArrayBufferLike, byteOffset: number, byteLength?: number,
    options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly InferenceSession.ValueMetadata[];
  /** The execution provider this session runs on (nnjit); "auto" until an auto session's first run has chosen. */
  readonly executionProvider: InferenceSession.ExecutionProviderName;
  /** The engine backend: "webgpu", "wasm-simd", "cpu" ("auto" until an auto session has chosen). */
  readonly backend: "webgpu" | "wasm-simd" | "cpu" | "auto";
  /** How "auto" chose; null before the first run and for explicit providers. */
  readonly backendChoice: BackendChoice | null;
  run(feeds: InferenceSession.FeedsType, options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType>;
  run(feeds: InferenceSession.FeedsType, fetches: InferenceSession.FetchesType,
    options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType>;
  release(): Promise<void>;
  startProfiling(): void;
  endProfiling(): void;
}

export declare const env: {
  logLevel: "verbose" | "info" | "warning" | "error" | "fatal";
  debug: boolean;
  /** Which build of the engine: "auto" (Wasm GC in browsers that load it, else JS; JS in Node), "wasm-gc", "js". */
  engine: "auto" | "wasm-gc" | "js";
  wasm: {
    /** Recorded for the coming threaded CPU backend; the engine runs single-threaded today. */
    numThreads: number;
    simd: boolean;
    proxy: boolean;
  };
  webgpu: {
    /** Used when checking that an adapter exists; the engine's own device request does not take it yet. */
    powerPreference?: "low-power" | "high-performance";
    forceFallbackAdapter: boolean;
  };
  versions: { nnjit: string };
};

// ---- pipelines (transformers.js style) ----

export declare namespace pipeline {
  /** Tasks pipeline() knows (one registry, pipeline.js; the generation tasks run generation.js). */
  type Task = "feature-extraction" | "embeddings" | "text-generation" | "text2text-generation";
  type Device = "auto" | "webgpu" | "wasm" | "cpu";

  /** Loading progress: files (as InferenceSession's, plus cached), then compile, ready, and tune while tuning. */
  type ProgressEvent =
    | { status: "initiate"; name: string; file: string }
    | { status: "download"; name: string; file: string; loaded: number; total: number }
    | { status: "progress"; name: string; file: string; loaded: number; total: number; progress?: number }
    | { status: "done"; name: string; file: string; loaded: number; total: number; cached: boolean }
    | { status: "compile"; name: string; file: string; ms: number; executionProvider: InferenceSession.ExecutionProviderName;
        /** device "auto": how the first run chose (null for an explicit device). */
        backendChoice: BackendChoice | null }
    | { status: "ready"; name: string; task: Task; executionProvider: InferenceSession.ExecutionProviderName }
    | { status: "tune"; name: string; file: string; done: boolean; workloadsDone: number; workloads: number;
        spentMs: number; budgetMs: number; speedup: number };

  interface Options {
    /** Default "auto": webgpu (where an adapter is offered) and wasm timed on the first run, the faster kept. */
    device?: Device;
    progress_callback?: (event: ProgressEvent) => void;
    /** Kernel tuning on WebGPU, in the background after the first run (default budgetMs 30000); false: none. */
    tuning?: { budgetMs?: number; cache?: "indexeddb" | "none" } | false;
    /** Keep downloaded files in the Cache API (default true; browsers only). */
    cache?: boolean;
    /** Ask the server whether a cached file changed (If-None-Match / If-Modified-Since with the ETag /
     *  Last-Modified it sent; 304 keeps the cached copy, a new file replaces it; unreachable: the cached copy is
     *  used). Default true; false uses cached files without a request. */
    revalidate?: boolean;
    /** The ONNX file in the model folder (default "onnx/model.onnx"). */
    modelFile?: string;
    /** As transformers.js: true, a number of chunks, or {"model.onnx": true | chunks}: the model file's
     *  "<name>_data" files ("model.onnx_data", "model.onnx_data_1", ...). Default: config.json's
     *  transformers.js_config.use_external_data_format. */
    use_external_data_format?: boolean | number | Record<string, boolean | number>;
    /** External data files, relative to the ONNX file's folder, instead of use_external_data_format's (files the
     *  model names are fetched on demand anyway). */
    externalData?: readonly string[];
  }

  interface FeatureExtractionOptions {
    /** "none" (default): [batch, length, hidden]; "mean" (masked mean) or "cls": [batch, hidden]. */
    pooling?: "none" | "mean" | "cls";
    /** L2-normalize along the last axis. */
    normalize?: boolean;
  }

  interface FeatureExtractionPipeline {
    (texts: string | readonly string[], options?: FeatureExtractionOptions): Promise<Tensor>;
    readonly task: "feature-extraction";
    readonly model: string;
    readonly config: Record<string, unknown>;
    readonly executionProvider: InferenceSession.ExecutionProviderName;
    /** How device "auto" chose (null for an explicit device). */
    readonly backendChoice: BackendChoice | null;
    /** Which engine build runs it: "wasm-gc" or "js". */
    readonly engine: "wasm-gc" | "js";
    readonly session: InferenceSession;
    readonly timings: { filesMs: number; sessionMs: number; compileMs: number };
    /** Of the last call: tokenizeMs, runMs, poolMs and the padded batch shape. */
    readonly lastTimings: { tokenizeMs: number; runMs: number; poolMs: number; batch: number; length: number } | null;
    /** The background tuning's report (WebGPU with a budget), else null. */
    readonly tuning: Promise<unknown> | null;
    dispose(): Promise<void>;
  }
}

/**
 * A task over a model folder laid out like a Hugging Face repository (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx): a URL in browsers, a URL or local folder in Node.
 */
export declare function pipeline(task: "feature-extraction" | "embeddings", model: string | URL,
  options?: pipeline.Options): Promise<pipeline.FeatureExtractionPipeline>;

export declare namespace pipeline {
  interface GenerationOptions {
    /** "webgpu" (default where navigator.gpu exists), "wasm" or "cpu". */
    device?: "webgpu" | "wasm" | "cpu";
    /** Engine build: "auto" (default), "wasm-gc" or "js". */
    engine?: "auto" | "wasm-gc" | "js";
    tuning?: { budgetMs?: number; cache?: "indexeddb" | "none"; auto?: boolean };
    /** As Options.cache and Options.revalidate. */
    cache?: boolean;
    revalidate?: boolean;
  }

  /** transformers.js's generation options (snake_case); greedy unless do_sample. */
  interface GenerateOptions {
    max_new_tokens?: number;
    do_sample?: boolean;
    temperature?: number;
    top_k?: number;
    top_p?: number;
    repetition_penalty?: number;
    /** Seeded sampling: the same seed gives the same ids on every build. */
    seed?: number | bigint | string;
    eos_token_id?: number | readonly number[];
    decoder_start_token_id?: number;
    /** text-generation: false returns the continuation only (default true: prompt + continuation). */
    return_full_text?: boolean;
    streamer?: { put(ids: bigint[][]): void; end(): void };
    /** Aborting rejects with an Error named AbortError whose `partial` holds the ids so far. */
    signal?: AbortSignal;
    /** "buckets" (default on webgpu: a few compiled lengths) or "exact". */
    lengths?: "buckets" | "exact";
    /** Whether the tokenizer's special tokens are added to the prompt (default: false for chat input, true for text). */
    add_special_tokens?: boolean;
    /** Chat input: more chat-template variables ({enable_thinking: false, tools: [...]}). */
    chat_template_kwargs?: { tools?: readonly unknown[]; [key: string]: unknown };
  }

  /** A chat message (transformers.js's shape; tool calls and other fields pass to the template as they are). */
  interface Message {
    role: string;
    content: string | null;
    [key: string]: unknown;
  }

  interface GenerationStats {
    ids: number[];
    prefillMs: number;
    decodeMsPerToken: number;
    tokensPerSecond: number;
    compiledShapes: number;
    [key: string]: unknown;
  }

  interface TextGenerationPipeline {
    (input: string | readonly string[], options?: GenerateOptions):
      Promise<{ generated_text: string }[] & { stats?: GenerationStats }>;
    /** Chat input (text-generation): the model's chat template makes the prompt; the reply is appended. */
    (input: readonly Message[], options?: GenerateOptions):
      Promise<{ generated_text: Message[] }[] & { stats?: GenerationStats }>;
    readonly task: "text-generation" | "text2text-generation";
    readonly tokenizer: {
      encode(text: string, addSpecialTokens?: boolean): number[];
      decode(ids: readonly number[], skipSpecialTokens?: boolean): string;
      /** The prompt text of a conversation by the chat template (an Error when the model has none). */
      apply_chat_template(messages: readonly Message[],
        options?: { add_generation_prompt?: boolean; tools?: readonly unknown[] | null; [key: string]: unknown }): string;
      readonly hasChatTemplate: boolean;
    };
    /** Of the last call. */
    readonly stats: GenerationStats | null;
    dispose(): void;
  }
}

/**
 * Text generation over a folder holding model.onnx, config.json and tokenizer.json (optionally
 * generation_config.json, tokenizer_config.json, chat_template.jinja): decoder-only models for text-generation, encoder-decoders
 * (decoder_input_ids) for text2text-generation.
 */
export declare function pipeline(task: "text-generation" | "text2text-generation", model: string | URL,
  options?: pipeline.GenerationOptions): Promise<pipeline.TextGenerationPipeline>;

/** Deletes the model files kept in the Cache API; resolves to whether there was a cache. */
export declare function clearModelCache(): Promise<boolean>;
