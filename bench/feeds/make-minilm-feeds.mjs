// Writes the bench feeds for all-MiniLM-L6-v2 from models/minilm/reference.json (tokens made by the project's
// reference script, outputs by native ONNX Runtime 1.30 on the CPU):
//   minilm-s11.json   case "paraphrase_a": 11 tokens, with the full reference last_hidden_state (checked by the bench)
//   minilm-s128.json  case "padded_128": 40 tokens padded to 128 (mask 0 on padding); the reference stores only a
//                     summary of this output, so the bench cross-checks runtimes against each other only
// Usage: node bench/feeds/make-minilm-feeds.mjs
import { readFileSync, writeFileSync } from "node:fs";

const here = new URL(".", import.meta.url);
const reference = JSON.parse(readFileSync(new URL("../../models/minilm/reference.json", here), "utf8"));
const byName = Object.fromEntries(reference.cases.map((c) => [c.name, c]));

function write(file, c, withOutputs) {
  const doc = { source: `models/minilm/reference.json, case ${c.name}: ${JSON.stringify(c.text)}`, inputs: c.inputs };
  if (withOutputs) doc.outputs = c.outputs;
  writeFileSync(new URL(file, here), JSON.stringify(doc) + "\n");
  console.log(`${file}: ${Object.entries(c.inputs).map(([n, t]) => `${n} [${t.shape}]`).join(", ")}`);
}

write("minilm-s11.json", byName.paraphrase_a, true);
write("minilm-s128.json", byName.padded_128, false);
