// nnjit.pipeline("feature-extraction") in Node for PipelineIT: MiniLM sentence embeddings (mean pooling,
// normalized) of every text, in one batch and one by one, on the cpu device; plus the errors of a file beyond the
// size limit and of an unknown task. Prints one JSON line.
// Usage: node node-embeddings.mjs NNJIT_JS MODEL_DIR TEXTS.json
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const [nnjitJs, modelDir, textsFile] = process.argv.slice(2);
const nnjit = await import(pathToFileURL(nnjitJs).href);
const texts = JSON.parse(fs.readFileSync(textsFile, "utf8"));
const statuses = [];
const extractor = await nnjit.pipeline("feature-extraction", modelDir, {
  device: "cpu", tuning: false, progress_callback: (e) => statuses.push(e.status),
});
const batched = await extractor(texts, { pooling: "mean", normalize: true });
const batchShape = extractor.lastTimings;
const single = [];
for (const text of texts) single.push((await extractor(text, { pooling: "mean", normalize: true })).tolist()[0]);
const cls = await extractor(texts[0], { pooling: "cls" });
const none = await extractor(texts[0]);

const errors = {};
async function rejection(what, action) {
  try {
    await action();
    errors[what] = "resolved";
  } catch (e) {
    errors[what] = String(e && e.message || e);
  }
}
await rejection("unknownTask", () => nnjit.pipeline("summarization", modelDir));
// A server that announces a 3 GB model: refused before its body is read.
const realFetch = globalThis.fetch;
globalThis.fetch = async () => new Response(new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(16)); } }),
  { headers: { "content-length": "3000000000" } });
await rejection("tooLarge", () => nnjit.InferenceSession.create("http://127.0.0.1:9/big.onnx"));
globalThis.fetch = realFetch;
await extractor.dispose();

process.stdout.write(JSON.stringify({
  executionProvider: extractor.executionProvider, engine: extractor.engine, statuses,
  dims: batched.dims, batchShape, batched: batched.tolist(), single, clsDims: cls.dims, noneDims: none.dims, errors,
}) + "\n");
