// The demo page (index.html): pick a model, optional external data files and a feeds JSON in the golden format
// {"inputs": {NAME: {"shape": [...], "dtype": "float32", "data": [...]}}}, run, and show outputs and timings.
// On the webgpu backend it also shows the adapter, the GPU memory plan and (when profiled) every kernel's time.

import { createEngine } from "./engine.js";

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
  for (const id of ["inputs", "outputs", "timings", "gpu", "kernel-ops", "kernels"]) $(id).replaceChildren();
  try {
    const engine = await engineFor($("engine-choice").value);
    setStatus("loading…");
    const external = {};
    for (const f of $("external-files").files) external[f.name] = await f.arrayBuffer();
    const backend = $("backend-choice").value;
    const model = backend === "cpu" ? engine.loadModel(await modelFile.arrayBuffer(), external)
      : await engine.loadModelAsync(await modelFile.arrayBuffer(), external, { backend });
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
    model.dispose();
    setStatus(backend === "cpu" ? `done on ${engine.kind}` : `done on ${engine.kind} + ${backend} (${model.adapter})`);
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

$("engine-choice").addEventListener("change", showEngine);
$("run").addEventListener("click", run);
showEngine();
