// The kernel workbench page (workbench.html): a form for one op at one shape, a results table sorted by median time
// with the default (candidate 0) and the best (fastest within tolerance) marked. The measuring is Java in the engine
// (dev.nnjit.tune.workbench, exported as workbenchAsync); this file only collects the request and shows the report.
//
// Automation (dev.nnjit.host.WorkbenchRunner, e2e tests):
//   await nnjitWorkbench.run(engineChoice, request) -> {ok: true, kind, report} | {ok: false, error, errorType}
//     request: {family, shape, transB, operator, axes, epsilon, candidates, runs, seed, timing, dryRun}
//   nnjitWorkbench.start(engineChoice, request) -> {ok}
//   nnjitWorkbench.poll() -> JSON {updates, stage ("compile" | "time"), done, total, detail, reply}
//     (reply as run's, null until finished): lets a driver show progress and keep its own deadline
//   window.nnjitWorkbenchReady === true once this module has loaded.
// URL parameters prefill the form (family, shape, candidates, runs, ...); run=1 starts it.

import { createEngine } from "./engine.js";

const engines = new Map();   // choice -> Promise<Engine>

function engineFor(choice) {
  if (!engines.has(choice)) {
    const p = createEngine(choice);
    p.catch(() => engines.delete(choice));
    engines.set(choice, p);
  }
  return engines.get(choice);
}

function failure(e) {
  return { ok: false, error: e && e.message !== undefined ? String(e.message) : String(e), errorType: e && e.name || "Error" };
}

/** Runs the workbench in the chosen engine build; resolves to the report or throws the engine's error. */
async function runWorkbench(choice, request, onProgress) {
  const engine = await engineFor(choice);
  if (typeof engine.exports.workbenchAsync !== "function") throw new Error("this engine build has no workbench export");
  const reply = await engine.exports.workbenchAsync({ ...request, onProgress: onProgress || null });
  if (reply.error !== undefined) {
    const err = new Error(reply.error);
    err.name = reply.errorType || "Error";
    throw err;
  }
  return { kind: engine.kind, report: reply.value };
}

// ---- the page ----

const $ = (id) => document.getElementById(id);

function requestFromForm() {
  const r = {
    family: $("family").value,
    shape: $("shape").value.trim(),
    transB: $("transB").checked,
    candidates: $("candidates").value.trim() || "all",
    runs: Number($("runs").value),
    seed: Number($("seed").value),
    timing: $("timing").value,
    dryRun: $("dryRun").checked,
  };
  for (const key of ["operator", "axes", "epsilon"]) {
    const v = $(key).value.trim();
    if (v !== "") r[key] = key === "epsilon" ? Number(v) : v;
  }
  return r;
}

function fmt(v, digits = 3) {
  if (v === null || v === undefined) return "";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return v.toPrecision(digits);
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

/** Results by time ("medianMs" or "minMs"); candidates that failed or were not run go last, in index order. */
export function sortedResults(report, time = "medianMs") {
  return [...report.results].sort((a, b) => {
    const ta = a[time] === null ? Infinity : a[time];
    const tb = b[time] === null ? Infinity : b[time];
    return ta !== tb ? ta - tb : a.index - b.index;
  });
}

let shown = null;   // {report, kind}: re-rendered when "rank by" changes

function showReport(report, kind) {
  shown = { report, kind };
  const time = $("rank-by").value === "min" ? "minMs" : "medianMs";
  const best = time === "minMs" ? report.bestByMin : report.best;
  const def = report.results.find((r) => r.index === 0);
  const defaultMs = def && def[time] !== null ? def[time] : null;
  const summary = $("summary");
  summary.innerHTML = "";
  const rows = [
    ["problem", report.problem],
    ["adapter", `${report.adapter} (engine ${kind})`],
    ["timing", `${report.timing}; median and min of ${report.runs} samples; ranked by ${time === "minMs" ? "minimum" : "median"}`],
    ["candidates", `${report.results.length} of ${report.candidateCount}`],
    ["reference", `Java reference op in this page: ${fmt(report.referenceMs)} ms`],
    ["tolerance", `atol ${fmt(report.tolerance.atol)}, rtol ${fmt(report.tolerance.rtol)}: ${report.tolerance.rule}`],
    ["inputs", `seed ${report.seed}; ${report.flops ? fmt(report.flops / 1e6) + " MFLOP, " : ""}${fmt(report.bytes / 1e6)} MB moved at least`],
  ];
  for (const [k, v] of rows) {
    const tr = document.createElement("tr");
    cell(tr, k);
    cell(tr, v);
    summary.appendChild(tr);
  }
  summary.hidden = false;

  $("rate-head").textContent = report.metric;
  const body = $("results").querySelector("tbody");
  body.innerHTML = "";
  let rank = 0;
  for (const r of sortedResults(report, time)) {
    const tr = document.createElement("tr");
    tr.dataset.index = String(r.index);
    const measured = r.medianMs !== null;
    if (measured) rank++;
    const classes = [];
    if (r.isDefault) classes.push("default");
    if (best === r.index) classes.push("best");
    if (!r.ok && r.failure !== "not run (dry run)") classes.push("fail");
    tr.className = classes.join(" ");
    cell(tr, measured ? String(rank) : "", "num");
    cell(tr, String(r.index), "num");
    cell(tr, r.key);
    const mark = cell(tr, "");
    for (const tag of ["default", "best"]) {
      if ((tag === "default" && r.isDefault) || (tag === "best" && best === r.index)) {
        const s = document.createElement("span");
        s.className = `tag ${tag}`;
        s.textContent = tag;
        mark.appendChild(s);
      }
    }
    cell(tr, r.workgroup);
    cell(tr, r.dispatch);
    cell(tr, fmt(r.compileMs), "num");
    cell(tr, fmt(r.medianMs), "num");
    cell(tr, fmt(r.minMs), "num");
    cell(tr, measured ? String(r.repeat) : "", "num");
    cell(tr, fmt(report.metric === "GFLOP/s" ? r.gflops : r.gbps), "num");
    cell(tr, defaultMs === null || r[time] === null ? "" : `${(defaultMs / r[time]).toFixed(2)}x`, "num");
    cell(tr, fmt(r.maxAbsErr), "num");
    cell(tr, fmt(r.errRatio), "num");
    const ok = cell(tr, r.failure ? r.failure : r.ok ? "yes" : `no (${r.failing} elements; ${r.worst || ""})`);
    if (r.failure) ok.title = r.failure;
    body.appendChild(tr);
  }
  $("results").hidden = false;
}

function setStatus(text, error) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

async function onSubmit(event) {
  event.preventDefault();
  const choice = $("engine-choice").value;
  const request = requestFromForm();
  $("run").disabled = true;
  setStatus("running…");
  try {
    const t0 = performance.now();
    const { kind, report } = await runWorkbench(choice, request, (stage, done, total, detail) => {
      setStatus(stage === "compile" ? `compiling and checking ${done} / ${total}: ${detail}`
        : `timing: round ${done} / ${total} (${detail})`);
    });
    $("engine").textContent = kind;
    showReport(report, kind);
    setStatus(`done: ${report.results.length} candidates in ${fmt((performance.now() - t0) / 1000)} s`);
  } catch (e) {
    setStatus(`${e.name}: ${e.message}`, true);
  } finally {
    $("run").disabled = false;
  }
}

function prefillFromUrl() {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of params) {
    const el = $(key === "engine" ? "engine-choice" : key);
    if (!el || key === "run") continue;
    if (el.type === "checkbox") el.checked = value === "1" || value === "true";
    else el.value = value;
  }
  return params.get("run") === "1";
}

$("form").addEventListener("submit", onSubmit);
$("rank-by").addEventListener("change", () => { if (shown) showReport(shown.report, shown.kind); });

let automation = null;   // the run started by nnjitWorkbench.start: {done, total, last, reply}

window.nnjitWorkbench = {
  async run(choice, request) {
    try {
      const { kind, report } = await runWorkbench(choice, request);
      return { ok: true, kind, report };
    } catch (e) {
      return failure(e);
    }
  },

  /** Starts a run and returns at once; poll() reports its progress and, when finished, its reply. */
  start(choice, request) {
    if (automation && automation.reply === null) return failure(new Error("a workbench run is already in progress"));
    const state = { updates: 0, stage: null, done: 0, total: null, detail: null, reply: null };
    automation = state;
    runWorkbench(choice, request, (stage, done, total, detail) => {
      Object.assign(state, { stage, done, total, detail, updates: state.updates + 1 });
    }).then(({ kind, report }) => { state.reply = { ok: true, kind, report }; },
      (e) => { state.reply = failure(e); });
    return { ok: true };
  },

  /** JSON of {updates, stage, done, total, detail, reply} for the run started last (reply null while it runs). */
  poll() {
    return JSON.stringify(automation || { updates: 0, reply: failure(new Error("no run started")) });
  },
};
window.nnjitWorkbenchReady = true;

if (prefillFromUrl()) $("form").requestSubmit();
