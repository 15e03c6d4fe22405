// The installed package's pipeline in Node: MiniLM (a Hugging Face-layout folder) embeds a paraphrase pair.
// Usage: node node-pipeline.mjs MINILM_DIR   -> {dims, cosine, executionProvider}
import { pipeline } from "nnjit";

const extractor = await pipeline("feature-extraction", process.argv[2], { device: "cpu", tuning: false });
const out = await extractor(["A man is playing a guitar on stage.", "A guy plays the guitar at a concert."],
  { pooling: "mean", normalize: true });
const [a, b] = out.tolist();
console.log(JSON.stringify({ dims: out.dims, cosine: a.reduce((s, v, i) => s + v * b[i], 0),
  executionProvider: extractor.executionProvider }));
