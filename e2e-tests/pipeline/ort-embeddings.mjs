// Reference sentence embeddings for PipelineIT: each text alone (no padding) tokenized by Hugging Face's JS
// tokenizer (@huggingface/tokenizers, from tools/tokenizer-check), truncated to tokenizer_config.json's
// model_max_length as transformers does (text tokens cut, the final [SEP] kept), run by ONNX Runtime Web's wasm
// backend (bench/node_modules), mean-pooled over the tokens and L2-normalized (sentence-transformers' recipe).
// Usage: node ort-embeddings.mjs REPO_ROOT MODEL_DIR TEXTS.json   -> prints {"embeddings": [[...], ...]}
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [root, modelDir, textsFile] = process.argv.slice(2);
const require = createRequire(path.join(root, "tools/tokenizer-check/package.json"));
const tokenizers = await import(pathToFileURL(require.resolve("@huggingface/tokenizers")).href);
const Tokenizer = tokenizers.Tokenizer ?? tokenizers.default.Tokenizer;
const ort = await import(pathToFileURL(path.join(root, "bench/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs")).href);
ort.env.wasm.numThreads = 1;

const readJson = (f) => JSON.parse(fs.readFileSync(path.join(modelDir, f), "utf8"));
const tokenizer = new Tokenizer(readJson("tokenizer.json"), readJson("tokenizer_config.json"));
const maxLength = readJson("tokenizer_config.json").model_max_length;
const session = await ort.InferenceSession.create(new Uint8Array(fs.readFileSync(path.join(modelDir, "onnx/model.onnx"))));
const texts = JSON.parse(fs.readFileSync(textsFile, "utf8"));

const embeddings = [];
for (const text of texts) {
  let ids = Array.from(tokenizer.encode(text).ids, Number);
  if (ids.length > maxLength) ids = [...ids.slice(0, maxLength - 1), ids[ids.length - 1]];
  const n = ids.length;
  const int64 = (values) => new ort.Tensor("int64", BigInt64Array.from(values, BigInt), [1, n]);
  const out = await session.run({ input_ids: int64(ids), attention_mask: int64(ids.map(() => 1)),
    token_type_ids: int64(ids.map(() => 0)) });
  const h = out.last_hidden_state;
  const width = h.dims[2];
  const mean = new Float64Array(width);
  for (let t = 0; t < n; t++) for (let i = 0; i < width; i++) mean[i] += h.data[t * width + i] / n;
  const norm = Math.sqrt(mean.reduce((s, v) => s + v * v, 0));
  embeddings.push(Array.from(mean, (v) => v / norm));
}
process.stdout.write(JSON.stringify({ embeddings }) + "\n");
