// The demo page (index.html): pick a model, optional external data files and a feeds JSON in the golden format
// {"inputs": {NAME: {"shape": [...], "dtype": "float32", "data": [...]}}}, run, and show outputs and timings.
// On the webgpu backend it also shows the adapter, the GPU memory plan and (when profiled) every kernel's time; then,
// when "Tune" is checked, it tunes the model's kernels on this device within the budget (progress bar fed by
// tuneAsync's onProgress), lists what tuning did per workload with a chart of the speedups, and runs once more.

import { createEngine } from "./engine.js";
import { barChart } from "./bench-chart.js";

const $ = (id) => document.getElementById(id);
const engines = new Map(); // choice -> Promise<Engine>

function engineFor(choice) {
  if (!engines.has(choice)) engines.set(choice, createEngine(choice));
  return engines.get(choice);
}

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function showEngine() {
  const choice = $("engine-choice").value;
  try {
    const engine = await engineFor(choice);
    $("engine").textContent = engine.kind === "wasm-gc" ? "WebAssembly GC"
        : `JavaScript${engine.fallbackReason ? ` (fallback: ${engine.fallbackReason})` : ""}`;
    $("engine").dataset.kind = engine.kind;
    $("run").disabled = false;
  } catch (e) {
    $("engine").textContent = "unavailable";
    setStatus(`${e.name}: ${e.message}`, true);
  }
}

function table(headers, rows) {
  const t = document.createElement("table");
  const head = t.insertRow();
  for (const h of headers) {
    const th = document.createElement("th");
    th.textContent = h;
    head.appendChild(th);
  }
  for (const r of rows) {
    const tr = t.insertRow();
    r.forEach((cell) => { tr.insertCell().textContent = cell; });
  }
  return t;
}

/** The shortest decimal that reads back as the same float32 (what Java's Float.toString aims for). */
function formatFloat32(v) {
  if (!Number.isFinite(v)) return String(v);
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(Number(v.toPrecision(9)));
}

function firstValues(data, count = 8) {
  const format = data instanceof Float32Array ? formatFloat32 : String;
  const values = Array.from(data.subarray(0, count), (v) => format(v));
  return values.join(", ") + (data.length > count ? `, … (${data.length} values)` : "");
}

async function run() {
  const modelFile = $("model-file").files[0];
  const feedsFile = $("feeds-file").files[0];
  if (!modelFile) return setStatus("choose a model file", true);
  $("run").disabled = true;
  for (const id of ["inputs", "outputs", "timings", "gpu", "kernel-ops", "kernels", "tuning", "tuning-chart"]) {
    $(id).replaceChildren();
  }
  $("tuning-status").textContent = "";
  $("tuning-progress").hidden = true;
  try {
    const engine = await engineFor($("engine-choice").value);
    setStatus("loading…");
    const external = {};
    for (const f of $("external-files").files) external[f.name] = await f.arrayBuffer();
    const backend = $("backend-choice").value;
    const tune = backend === "webgpu" && $("tune").checked;
    const budgetMs = Math.max(0, Number($("tune-budget").value) || 0) * 1000;
    // auto: false, since the page calls tuneAsync itself (to show progress); budget 0 turns tuning off
    const model = backend === "cpu" ? engine.loadModel(await modelFile.arrayBuffer(), external)
      : await engine.loadModelAsync(await modelFile.arrayBuffer(), external,
        { backend, tuning: { auto: false, budgetMs: tune ? budgetMs : 0 } });
    $("inputs").appendChild(table(["name", "dtype", "shape"], model.inputs.map((i) =>
      [i.name, i.dtype ?? "?", i.shape ? `[${i.shape.map((d) => d ?? "?").join(", ")}]` : "unknown"])));
    const feeds = feedsFile ? JSON.parse(await feedsFile.text()).inputs || {} : {};
    setStatus("running…");
    const { outputs, timings, gpu } = backend === "cpu" ? model.run(feeds)
      : await model.runAsync(feeds, { profile: $("profile").checked });
    $("outputs").appendChild(table(["name", "dtype", "shape", "first values"],
      Object.entries(outputs).map(([name, t]) => [name, t.dtype, `[${t.shape.join(", ")}]`, firstValues(t.data)])));
    const allTimings = { ...model.loadTimings, ...timings };
    $("timings").appendChild(table(["phase", "ms"],
      Object.entries(allTimings).map(([k, v]) => [k, v.toFixed(3)])));
    if (gpu) showGpu(model, gpu);
    setStatus(backend === "cpu" ? `done on ${engine.kind}` : `done on ${engine.kind} + ${backend} (${model.adapter})`);
    try {
      if (tune) await tuneAndRunAgain(model, feeds, timings.runMs, budgetMs);
    } finally {
      model.dispose();
    }
  } catch (e) {
    setStatus(`${e.name}: ${e.message}`, true);
  } finally {
    $("run").disabled = false;
  }
}

const MB = (bytes) => `${(bytes / 1048576).toFixed(3)} MiB`;

/** Adapter, memory plan, run phases, and per-kernel times (by op, and every dispatch in order). */
function showGpu(model, gpu) {
  const p = gpu.plan;
  $("gpu").appendChild(table(["what", "value"], [
    ["adapter", model.adapter],
    ["kernels (dispatches) / pipelines", `${p.kernels} / ${p.pipelines}`],
    ["weights on the GPU", MB(p.constantBytes)],
    ["intermediates: pooled buffers", `${MB(p.pooledBytes)} in ${p.slots} buffers`],
    ["intermediates: peak live", MB(p.peakLiveBytes)],
    ["intermediates: one buffer each", MB(p.unpooledBytes)],
    ["kernel timing", gpu.timing],
    ...Object.entries(gpu.phases).map(([k, v]) => [k, v.toFixed(3)]),
    ["adapter vendor / architecture", `${model.adapterInfo.vendor || "?"} / ${model.adapterInfo.architecture || "?"}`],
    ["adapter features", model.adapterInfo.features.join(", ") || "none"],
    ["device features (requested)", model.device.features.join(", ") || "none"],
    ["maxStorageBufferBindingSize / maxBufferSize", `${MB(model.device.limits.maxStorageBufferBindingSize)} / ${MB(model.device.limits.maxBufferSize)}`],
  ]));
  if (!gpu.kernels.length) return;
  const byOp = new Map();
  for (const k of gpu.kernels) {
    const key = `${k.op} / ${k.family}`;
    const e = byOp.get(key) || { count: 0, ms: 0 };
    e.count++;
    e.ms += k.ms;
    byOp.set(key, e);
  }
  const total = gpu.kernels.reduce((s, k) => s + k.ms, 0);
  $("kernel-ops").appendChild(table(["op / kernel family", "dispatches", "ms", "share"],
    [...byOp.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([key, e]) =>
      [key, String(e.count), e.ms.toFixed(3), `${(100 * e.ms / total).toFixed(1)}%`])));
  $("kernels").appendChild(table(["#", "node", "op", "kernel family", "ms"],
    gpu.kernels.map((k, i) => [String(i), k.node, k.op, k.family, k.ms.toFixed(3)])));
}

/** Tunes within the budget, showing progress, then the per-workload report, the speedups and a run with the result. */
async function tuneAndRunAgain(model, feeds, untunedRunMs, budgetMs) {
  if (typeof model.tuneAsync !== "function") {
    $("tuning-status").textContent = "this engine build has no tuner";
    return;
  }
  const bar = $("tuning-progress");
  bar.hidden = false;
  bar.value = 0;
  $("tuning-status").textContent = "tuning…";
  const report = await model.tuneAsync({
    budgetMs,
    onProgress: (p) => {
      bar.max = Math.max(1, p.workloads);
      bar.value = p.workloadsDone;
      $("tuning-status").textContent = `tuning: ${p.workloadsDone} / ${p.workloads} workloads, `
        + `${(p.spentMs / 1000).toFixed(1)} s of ${(p.budgetMs / 1000).toFixed(0)} s, speedup so far `
        + `${Number.isFinite(p.speedup) ? p.speedup.toFixed(2) : "1.00"}×`;
    },
  });
  const { timings } = await model.runAsync(feeds);
  showTuning(typeof report === "string" ? JSON.parse(report) : report, untunedRunMs, timings.runMs);
}

const fmt = (v, digits = 3) => (v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v).toFixed(digits));

/** The tuning report: totals, one row per workload (heaviest first), and a bar per workload's speedup. */
function showTuning(report, untunedRunMs, tunedRunMs) {
  const w = report.workloads || [];
  const tuned = w.filter((x) => x.source === "tuned").length;
  $("tuning-progress").value = $("tuning-progress").max;
  $("tuning-status").textContent = `tuned ${tuned} of ${w.length} workloads in ${fmt(report.tuningMs / 1000, 1)} s `
    + `(budget ${fmt(report.budgetMs / 1000, 0)} s, ${report.cacheHits} from the cache); run `
    + `${fmt(untunedRunMs, 1)} ms untuned, ${fmt(tunedRunMs, 1)} ms tuned`;
  $("tuning").appendChild(table(["family", "problem", "occurrences", "candidates", "tried", "default ms", "best ms",
    "speedup", "config", "source"], w.map((x) => [x.family, x.problem, String(x.occurrences), String(x.candidates),
    String(x.tried), fmt(x.defaultMs), fmt(x.bestMs), `${fmt(x.speedup, 2)}×`, x.bestConfig, x.source])));
  if (w.length) {
    $("tuning-chart").appendChild(barChart(w.map((x, i) => ({ name: `${i} ${x.family}`, value: x.speedup || 1,
      color: x.source === "tuned" ? "#1f6feb" : "#888" })), { format: (v) => `${v.toFixed(2)}×`, unit: "×" }));
  }
}

$("engine-choice").addEventListener("change", showEngine);
$("run").addEventListener("click", run);
showEngine();
