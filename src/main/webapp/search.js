// The semantic-search demo (search.html): MiniLM through nnjit.pipeline, the corpus embedded once on this device,
// each query embedded and ranked by cosine similarity (the embeddings are normalized: a dot product).
// Address parameters: model (the model folder's URL; default the one `nnjit serve` serves), device (auto, webgpu,
// wasm, cpu), tuning (the tuner's budget in ms on WebGPU; 0 turns it off; default 30000), limit (index only the
// first N sentences).

import { pipeline } from "./nnjit.js";
import { SENTENCES } from "./search-corpus.js";

const params = new URLSearchParams(location.search);
const MODEL = params.get("model") || "files/all-MiniLM-L6-v2/";
const DEVICE = params.get("device") || "auto";
const TUNING_MS = Number(params.get("tuning") ?? 30000);
const LIMIT = Number(params.get("limit") || SENTENCES.length);
const INDEX_BATCH = 16;
const SHOWN_RESULTS = 10;

const $ = (id) => document.getElementById(id);
const corpus = SENTENCES.slice(0, LIMIT);
let extractor = null;
let index = null; // Float32Array [corpus.length, width], normalized rows
let width = 0;

function setStatus(text) {
  $("status").textContent = text;
}

function timing(name, ms) {
  let row = document.querySelector(`#timings tr[data-name="${name}"]`);
  if (!row) {
    row = document.createElement("tr");
    row.dataset.name = name;
    row.innerHTML = "<td></td><td></td>";
    row.cells[0].textContent = name;
    $("timings").tBodies[0].append(row);
  }
  row.cells[1].textContent = `${ms.toFixed(1)} ms`;
}

/** One line per file (a progress bar), and one each for compile and indexing. */
function progressLine(key, label) {
  let li = document.querySelector(`#progress li[data-key="${CSS.escape(key)}"]`);
  if (!li) {
    li = document.createElement("li");
    li.dataset.key = key;
    li.innerHTML = "<span class=label></span><progress max=100 value=0></progress><span class=note></span>";
    li.querySelector(".label").textContent = label;
    $("progress").append(li);
  }
  return li;
}

function onProgress(e) {
  const mb = (n) => (n / 1e6).toFixed(1);
  if (e.file && ["initiate", "download", "progress", "done"].includes(e.status)) {
    const li = progressLine(e.file, e.file);
    const bar = li.querySelector("progress");
    if (e.status === "progress" && e.total) bar.value = (100 * e.loaded) / e.total;
    if (e.status === "done") bar.value = 100;
    li.querySelector(".note").textContent = e.status === "done"
      ? `${mb(e.loaded)} MB ${e.cached ? "from the browser cache" : "downloaded"}`
      : e.status === "progress" ? `${mb(e.loaded)} / ${e.total ? mb(e.total) : "?"} MB` : e.status;
  } else if (e.status === "compile") {
    const li = progressLine("compile", "compile");
    li.querySelector("progress").value = 100;
    li.querySelector(".note").textContent = `first run compiled in ${e.ms.toFixed(0)} ms`;
  } else if (e.status === "tune") {
    $("tune").textContent = `Tuning (${e.done ? "done" : "in the background"}): ${e.workloadsDone}/${e.workloads}`
      + ` workloads, ${(e.spentMs / 1000).toFixed(1)} s of ${(e.budgetMs / 1000).toFixed(0)} s,`
      + ` estimated speed-up x${(e.speedup || 1).toFixed(2)}`;
  }
}

async function embed(texts) {
  const t = await extractor(texts, { pooling: "mean", normalize: true });
  return t.data;
}

async function buildIndex() {
  const li = progressLine("index", `index ${corpus.length} sentences`);
  const t0 = performance.now();
  for (let at = 0; at < corpus.length; at += INDEX_BATCH) {
    const rows = await embed(corpus.slice(at, at + INDEX_BATCH));
    if (index === null) {
      width = rows.length / Math.min(INDEX_BATCH, corpus.length);
      index = new Float32Array(corpus.length * width);
    }
    index.set(rows, at * width);
    const done = Math.min(at + INDEX_BATCH, corpus.length);
    li.querySelector("progress").value = (100 * done) / corpus.length;
    li.querySelector(".note").textContent = `${done} / ${corpus.length}`;
  }
  const ms = performance.now() - t0;
  timing("index (all sentences)", ms);
  timing("index per sentence", ms / corpus.length);
}

async function search(query) {
  const t0 = performance.now();
  const q = await embed([query]);
  const t1 = performance.now();
  const scores = corpus.map((sentence, i) => {
    let dot = 0;
    for (let k = 0; k < width; k++) dot += q[k] * index[i * width + k];
    return { sentence, score: dot };
  });
  scores.sort((a, b) => b.score - a.score);
  const t2 = performance.now();
  const list = $("results");
  list.replaceChildren();
  for (const { sentence, score } of scores.slice(0, SHOWN_RESULTS)) {
    const li = document.createElement("li");
    li.dataset.score = String(score);
    li.innerHTML = "<span class=score></span> <span class=sentence></span>";
    li.querySelector(".score").textContent = score.toFixed(3);
    li.querySelector(".sentence").textContent = sentence;
    list.append(li);
  }
  const last = extractor.lastTimings;
  timing("query: embed", t1 - t0);
  timing("query: tokenize", last.tokenizeMs);
  timing("query: model run", last.runMs);
  timing("query: rank", t2 - t1);
  setStatus(`ready: "${query}" searched`);
}

async function main() {
  $("corpus-size").textContent = String(corpus.length);
  for (const s of corpus) {
    const li = document.createElement("li");
    li.textContent = s;
    $("corpus").append(li);
  }
  setStatus("loading the model");
  extractor = await pipeline("feature-extraction", MODEL, {
    device: DEVICE,
    progress_callback: onProgress,
    tuning: TUNING_MS > 0 ? { budgetMs: TUNING_MS } : false,
  });
  const session = extractor.session;
  const adapter = session.model.adapter ? ` (${session.model.adapter})` : "";
  $("backend").textContent = `${extractor.executionProvider}${adapter}, engine build ${extractor.engine}`;
  $("backend").dataset.provider = extractor.executionProvider;
  if (!(TUNING_MS > 0 && extractor.executionProvider === "webgpu")) {
    $("tune").textContent = `Tuning: off (${TUNING_MS > 0 ? "kernels are tuned on WebGPU only" : "tuning=0"})`;
  }
  timing("files (download or cache)", extractor.timings.filesMs);
  timing("session (decode, prepare)", extractor.timings.sessionMs);
  timing("first run (compile)", extractor.timings.compileMs);
  setStatus(`indexing ${corpus.length} sentences`);
  await buildIndex();
  $("query").disabled = false;
  $("search").disabled = false;
  setStatus("ready");
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const query = $("query").value.trim();
    if (query === "") return;
    setStatus("searching");
    search(query).catch(fail);
  });
}

function fail(e) {
  console.error(e);
  setStatus(`error: ${e && e.message || e}`);
}

main().catch(fail);
