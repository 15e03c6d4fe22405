// Code written for ONNX Runtime Web, unchanged: it knows nothing of nnjit. Its caller hands it `ort` (the
// onnxruntime-web module, or nnjit imported in its place) and the fixture folder's URL (models/fixtures/NAME/).
// Returns the outputs as plain JSON for the test to compare with the fixture's golden outputs.
export async function runFixture(ort, base) {
  const golden = await (await fetch(base + "golden.json")).json();
  const session = await ort.InferenceSession.create(base + "model.onnx");
  const feeds = {};
  for (const name of session.inputNames) {
    const input = golden.inputs[name];
    feeds[name] = new ort.Tensor("int64", BigInt64Array.from(input.data.flat(Infinity), (v) => BigInt(v)), input.shape);
  }
  const results = await session.run(feeds);
  const outputs = {};
  for (const name of session.outputNames) {
    const tensor = results[name];
    outputs[name] = { type: tensor.type, dims: Array.from(tensor.dims), data: Array.from(tensor.data, Number) };
  }
  return { outputs, executionProvider: session.executionProvider };
}
