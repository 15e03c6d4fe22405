// nnjit in Node as its users install it (import from "nnjit"): the fixture in FIXTURE_DIR on the cpu provider, and
// the errors of common mistakes, freeDimensionOverrides. Prints one JSON line:
// {outputs, executionProvider, progress, errors, overridden: {input, output} (the first input's and output's shapes),
//  auto: the default providers (auto) here, where there is no WebGPU: {executionProvider, backend, backendChoice (all
//  three read before the first run), maxRelativeDiff (its outputs vs the cpu provider's, / max|cpu|)}}.
// Usage: node node-run.mjs FIXTURE_DIR
import * as ort from "nnjit";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const golden = JSON.parse(fs.readFileSync(path.join(dir, "golden.json"), "utf8"));
const progress = [];
const session = await ort.InferenceSession.create(path.join(dir, "model.onnx"), {
  executionProviders: [{ name: "cpu" }],
  onProgress: (e) => progress.push(e.status),
});
const feeds = {};
for (const name of session.inputNames) {
  const input = golden.inputs[name];
  feeds[name] = new ort.Tensor("int64", BigInt64Array.from(input.data.flat(Infinity), (v) => BigInt(v)), input.shape);
}
const results = await session.run(feeds);
const outputs = {};
for (const name of session.outputNames) {
  const t = results[name];
  outputs[name] = { type: t.type, dims: Array.from(t.dims), data: Array.from(t.data, Number), array: t.data.constructor.name };
}

/** Each mistake's rejection message (or "resolved" when it was wrongly accepted). */
const errors = {};
async function expectRejection(what, action) {
  try {
    await action();
    errors[what] = "resolved";
  } catch (e) {
    errors[what] = String(e && e.message || e);
  }
}
const first = session.inputNames[0];
await expectRejection("missingInput", () => session.run({ [first]: feeds[first] }));
await expectRejection("unknownInput", () => session.run({ ...feeds, nope: feeds[first] }));
await expectRejection("wrongType", () => session.run({ ...feeds, [first]: new ort.Tensor("int32", new Int32Array(feeds[first].size), feeds[first].dims) }));
await expectRejection("wrongRank", () => session.run({ ...feeds, [first]: feeds[first].reshape([feeds[first].size]) }));
await expectRejection("unknownOutput", () => session.run(feeds, ["nope"]));
await expectRejection("badDims", async () => new ort.Tensor("float32", new Float32Array(5), [2, 3]));
await expectRejection("missingFile", () => ort.InferenceSession.create(path.join(dir, "missing.onnx")));
await expectRejection("noProvider", () => ort.InferenceSession.create(path.join(dir, "model.onnx"), { executionProviders: ["webgpu"] }));
const fixed = await ort.InferenceSession.create(path.join(dir, "model.onnx"), {
  executionProviders: ["wasm"], freeDimensionOverrides: { batch: feeds[first].dims[0] + 1 },
});
const overridden = { input: fixed.inputMetadata[0].shape, output: fixed.outputMetadata[0].shape };
await expectRejection("overriddenDim", () => fixed.run(feeds));
await fixed.release();

const autoSession = await ort.InferenceSession.create(path.join(dir, "model.onnx"));
const auto = { executionProvider: autoSession.executionProvider, backend: autoSession.backend,
  backendChoice: autoSession.backendChoice, maxRelativeDiff: 0 };
const autoResults = await autoSession.run(feeds);
for (const name of session.outputNames) {
  const ref = results[name].data;
  const got = autoResults[name].data;
  const maxRef = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  for (let i = 0; i < ref.length; i++) auto.maxRelativeDiff = Math.max(auto.maxRelativeDiff, Math.abs(ref[i] - got[i]) / maxRef);
}
await autoSession.release();
await session.release();
await expectRejection("afterRelease", () => session.run(feeds));

console.log(JSON.stringify({ outputs, executionProvider: session.executionProvider, progress, errors, overridden, auto }));
