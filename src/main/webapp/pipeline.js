// nnjit.pipeline, transformers.js style: a task name and a model folder (see pretrained.js) give a callable that
// takes text and returns Tensors.
//
//   const extractor = await nnjit.pipeline("feature-extraction", "models/all-MiniLM-L6-v2/", {device: "webgpu",
//     progress_callback: (e) => console.log(e.status, e.file, e.loaded, e.total), tuning: {budgetMs: 30000}});
//
// The task registry: one module per task, each exporting an async factory (model, options) -> callable that loads
// what it needs through pretrained.js (loadPretrained, compileAndTune). A new task (text-generation,
// text2text-generation) is a module and one line in TASKS.

import { featureExtraction } from "./task-feature-extraction.js";

const TASKS = new Map([
  ["feature-extraction", featureExtraction],
  ["embeddings", featureExtraction], // transformers.js's alias
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
