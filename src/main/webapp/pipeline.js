// nnjit.pipeline, transformers.js style: a task name and a model folder (see pretrained.js) give a callable that
// takes text and returns Tensors.
//
//   const extractor = await nnjit.pipeline("feature-extraction", "models/all-MiniLM-L6-v2/", {device: "webgpu",
//     progress_callback: (e) => console.log(e.status, e.file, e.loaded, e.total), tuning: {budgetMs: 30000}});
//
//   const generator = await nnjit.pipeline("text-generation", "models/tiny-gpt2/");
//   const [{generated_text}] = await generator("Once upon a time", {max_new_tokens: 32});
//
// The task registry: one module per task, each exporting an async factory (model, options) -> callable. The
// generation tasks live in generation.js (imported on first use, so pages that only embed never load it); see
// there for their options (streamer, sampling, AbortSignal) and model folder layout.

import { featureExtraction } from "./task-feature-extraction.js";

/** A task of generation.js, loaded when first asked for. */
function generationTask(task) {
  return async (model, options) => {
    const { createGenerationPipeline } = await import(new URL("./generation.js", import.meta.url).href);
    return createGenerationPipeline(task, model, options);
  };
}

const TASKS = new Map([
  ["feature-extraction", featureExtraction],
  ["embeddings", featureExtraction], // transformers.js's alias
  ["text-generation", generationTask("text-generation")],
  ["text2text-generation", generationTask("text2text-generation")],
]);

/** The tasks pipeline() knows. */
export const SUPPORTED_TASKS = Object.freeze([...TASKS.keys()]);

export async function pipeline(task, model, options = {}) {
  const create = TASKS.get(task);
  if (create === undefined) {
    throw new Error(`unknown pipeline task '${task}' (nnjit has ${[...TASKS.keys()].join(", ")})`);
  }
  if (model === undefined || model === null || String(model) === "") {
    throw new TypeError("pipeline needs a model: the URL or (in Node) the folder of a model laid out like a Hugging Face repository");
  }
  if (options === null || typeof options !== "object") throw new TypeError("'options' must be an object");
  return create(model, options);
}
