// What nnjit is for, in one report: MiniLM sentence embeddings on the backend nnjit picks in this browser, the
// cosine similarity of a few sentence pairs, and timings before and after tuning the kernels on this device.
// similarity.html runs it and shows the report; `nnjit similarity` opens that page in headless Chromium and prints
// it. Address parameters: model (folder URL, default the one `nnjit serve` serves), device (auto, webgpu, wasm,
// cpu), tuning (the tuner's budget in ms; 0: none).
//
// Report: {model, executionProvider, backendChoice (device auto: how it chose, else null), adapter, engine, timings: {filesMs, sessionMs, compileMs}, bytes,
//   pairs: [{a, b, cosine}], perSentenceMs: {beforeTuning, afterTuning}, tuning: {budgetMs, tuningMs, workloads,
//   tuned, speedup} | null}

import { pipeline } from "./nnjit.js";

export const PAIRS = [
  ["A man is playing a guitar on stage.", "A guy plays the guitar at a concert."],
  ["The flight was delayed by three hours.", "Our plane took off three hours late."],
  ["Shares fell sharply after the earnings report.", "Heavy rain is expected across the north tonight."],
  ["The cat is sleeping on the warm windowsill.", "A kitten naps in the sun by the window."],
];

export async function similarityReport({ model = "files/all-MiniLM-L6-v2/", device = "auto", tuningMs = 20000 } = {}) {
  let bytes = 0;
  let lastTune = null;
  const extractor = await pipeline("feature-extraction", model, {
    device,
    tuning: tuningMs > 0 ? { budgetMs: tuningMs } : false,
    progress_callback: (e) => {
      if (e.status === "done") bytes += e.loaded;
      if (e.status === "tune") lastTune = e;
    },
  });
  const sentences = PAIRS.flat();
  const embedAll = async () => {
    const rows = [];
    const t0 = performance.now();
    for (const s of sentences) rows.push((await extractor(s, { pooling: "mean", normalize: true })).tolist()[0]);
    return { rows, perSentenceMs: (performance.now() - t0) / sentences.length };
  };
  const before = await embedAll();
  let tuning = null;
  let after = null;
  if (extractor.tuning !== null) {
    const report = await extractor.tuning;
    const workloads = report.workloads || [];
    tuning = { budgetMs: report.budgetMs, tuningMs: report.tuningMs, workloads: workloads.length,
      tuned: workloads.filter((w) => w.bestConfig && w.bestConfig !== w.defaultConfig).length,
      speedup: lastTune ? lastTune.speedup : 1 };
    after = await embedAll();
  }
  const cosine = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
  const report = {
    model: extractor.model,
    executionProvider: extractor.executionProvider,
    backendChoice: extractor.backendChoice,
    adapter: extractor.session.model.adapter || null,
    engine: extractor.engine,
    timings: extractor.timings,
    bytes,
    pairs: PAIRS.map(([a, b], i) => ({ a, b, cosine: cosine(before.rows[2 * i], before.rows[2 * i + 1]) })),
    perSentenceMs: { beforeTuning: before.perSentenceMs, afterTuning: after ? after.perSentenceMs : null },
    tuning,
  };
  await extractor.dispose();
  return report;
}
