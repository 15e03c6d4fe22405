// Typings of nnjit's engine layer ("nnjit/engine", engine.js): the TeaVM-compiled engine's own API, below the
// ORT-shaped one. Tensors here are {dtype, shape, data}.

export type EngineKind = "wasm-gc" | "js";

export interface EngineTensor {
  /** ONNX JSON dtype name: "float32", "int64", "bool", ... */
  dtype: string;
  shape: readonly number[];
  /** Feeds: a typed or plain array. Outputs: Float32Array (float types, widened), BigInt64Array (integers),
   *  Uint8Array of 0/1 (bool). */
  data: ArrayLike<number | bigint> | Float32Array | BigInt64Array | Uint8Array;
}

export interface ValueInfo {
  name: string;
  dtype: string;
  /** Numbers, symbolic dimension names, or null for unknown dimensions; null for unknown rank. */
  shape: ReadonlyArray<number | string | null> | null;
}

export interface RunResult {
  outputs: Record<string, EngineTensor>;
  /** Milliseconds by phase and op type. */
  timings: Record<string, number>;
  /** WebGPU run statistics (backend "webgpu"). */
  gpu?: unknown;
}

/** How the "auto" backend chose (dev.nnjit.runtime.BackendChoice). */
export interface BackendChoice {
  chosen: "webgpu" | "wasm-simd";
  /** One sentence: the times compared, or the failures. */
  reason: string;
  /** Milliseconds compared per candidate that ran (its second run, else its first run less compile). */
  timesMs: Record<string, number>;
  /** Every backend considered, in preference order. */
  candidates: string[];
  /** Why a candidate could not be used (unavailable, failed to load or run). */
  failures: Record<string, string>;
}

export interface LoadOptions {
  /** "auto": load webgpu (where an adapter is offered) and wasm-simd, keep the faster on the first runAsync. */
  backend?: "cpu" | "webgpu" | "wasm-simd" | "auto";
  [key: string]: unknown;
}

export declare class Model {
  readonly engine: Engine;
  /** "auto" until an auto model's first runAsync has chosen. */
  readonly backend: "cpu" | "webgpu" | "wasm-simd" | "auto";
  /** Auto models: null until the first runAsync, then how it chose. */
  readonly backendChoice?: BackendChoice | null;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly loadTimings: Record<string, number>;
  /** On webgpu: the adapter's description, identity and limits, and the device nnjit requested. */
  readonly adapter?: string;
  readonly adapterInfo?: unknown;
  readonly device?: unknown;
  readonly limits?: Record<string, number>;
  /** Synchronous run (CPU models only). */
  run(feeds: Record<string, EngineTensor>): RunResult;
  runAsync(feeds: Record<string, EngineTensor>, options?: { profile?: boolean; outputs?: readonly string[];
    [key: string]: unknown }): Promise<RunResult>;
  dispose(): void;
}

export declare class Engine {
  readonly kind: EngineKind;
  /** Why "auto" fell back to the JavaScript build, or null. */
  readonly fallbackReason: string | null;
  loadModel(bytes: ArrayBuffer | ArrayBufferView, externalFiles?: Record<string, ArrayBuffer | ArrayBufferView>): Model;
  loadModelAsync(bytes: ArrayBuffer | ArrayBufferView, externalFiles?: Record<string, ArrayBuffer | ArrayBufferView>,
    options?: LoadOptions): Promise<Model>;
  releaseGpuDevice(): boolean;
  /** A Hugging Face tokenizer (tokenizer.json text, tokenizer_config.json text or null) run by the engine. */
  loadTokenizer(tokenizerJson: string, tokenizerConfigJson?: string | null): EngineTokenizer;
}

/** One encoded input (maxLength: default the config's model_max_length; 0 or false: no truncation). */
export interface TokenizerEncoding {
  ids: Int32Array; tokens: string[]; typeIds: Int32Array; attentionMask: Int32Array; specialTokensMask: Int32Array;
}

/** A padded batch: row-major [batch, length] arrays (pads: padId, mask 0, type 0). */
export interface TokenizerBatch {
  batch: number; length: number; inputIds: Int32Array; attentionMask: Int32Array; tokenTypeIds: Int32Array;
}

export declare class EngineTokenizer {
  /** tokenizer_config.json's model_max_length (0: no limit). */
  readonly maxLength: number;
  readonly padId: number;
  readonly padLeft: boolean;
  encode(text: string, options?: { pair?: string | null; maxLength?: number | false }): TokenizerEncoding;
  encodeBatch(texts: string[], options?: { pairs?: string[] | null; maxLength?: number | false;
    padToMultipleOf?: number }): TokenizerBatch;
  decode(ids: Int32Array | readonly number[], options?: { skipSpecialTokens?: boolean }): string;
  dispose(): void;
}

/** Loads one build of the engine: "auto" = Wasm GC where it loads (JS fallback); JS in Node. */
export declare function createEngine(choice?: "auto" | EngineKind): Promise<Engine>;
