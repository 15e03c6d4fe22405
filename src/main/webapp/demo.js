// The demo page (index.html): pick a model, optional external data files and a feeds JSON in the golden format
// {"inputs": {NAME: {"shape": [...], "dtype": "float32", "data": [...]}}}, run, and show outputs and timings.

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
  for (const id of ["inputs", "outputs", "timings"]) $(id).replaceChildren();
  try {
    const engine = await engineFor($("engine-choice").value);
    setStatus("loading…");
    const external = {};
    for (const f of $("external-files").files) external[f.name] = await f.arrayBuffer();
    const model = engine.loadModel(await modelFile.arrayBuffer(), external);
    $("inputs").appendChild(table(["name", "dtype", "shape"], model.inputs.map((i) =>
      [i.name, i.dtype ?? "?", i.shape ? `[${i.shape.map((d) => d ?? "?").join(", ")}]` : "unknown"])));
    const feeds = feedsFile ? JSON.parse(await feedsFile.text()).inputs || {} : {};
    setStatus("running…");
    const { outputs, timings } = model.run(feeds);
    $("outputs").appendChild(table(["name", "dtype", "shape", "first values"],
      Object.entries(outputs).map(([name, t]) => [name, t.dtype, `[${t.shape.join(", ")}]`, firstValues(t.data)])));
    const allTimings = { ...model.loadTimings, ...timings };
    $("timings").appendChild(table(["phase", "ms"],
      Object.entries(allTimings).map(([k, v]) => [k, v.toFixed(3)])));
    model.dispose();
    setStatus(`done on ${engine.kind}`);
  } catch (e) {
    setStatus(`${e.name}: ${e.message}`, true);
  } finally {
    $("run").disabled = false;
  }
}

$("engine-choice").addEventListener("change", showEngine);
$("run").addEventListener("click", run);
showEngine();
