// Renders a bench report (the JSON `nnjit bench --json` writes, built by bench.js buildReport) as a table and two
// plain-SVG bar charts: warm median per runtime (with a min–max whisker) and cold time. No chart library.

const SVG = "http://www.w3.org/2000/svg";
const COLORS = { "nnjit-webgpu": "#1f6feb", "nnjit-webgpu-tuned": "#0b3d91", "nnjit-wasm": "#0a8f6a", "nnjit-js": "#7b8f0a", "ort-webgpu": "#d9480f", "ort-wasm": "#b8860b" };

function el(tag, attrs = {}, text = null, ns = null) {
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== null) e.textContent = text;
  return e;
}

export function formatMs(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function formatRatio(v) {
  return v === null || v === undefined ? "–" : `${v.toFixed(2)}×`;
}

/** Replaces the container's content with the report's header, table and charts. */
export function renderReport(container, report) {
  container.textContent = "";
  const d = report.device || {};
  const head = el("div", { class: "bench-head" });
  head.append(el("h2", {}, `Benchmark: ${report.model || "?"}`));
  head.append(el("p", {}, [
    `device: ${[d.vendor, d.architecture, d.description].filter(Boolean).join(" / ") || "no WebGPU adapter"}`,
    `cores (hardwareConcurrency): ${d.hardwareConcurrency ?? "?"}`,
    `crossOriginIsolated: ${d.crossOriginIsolated}`,
    report.date ? `date: ${report.date}` : null,
    report.settings ? `runs ${report.settings.runs}, warm-up ${report.settings.warmup}` : null,
  ].filter(Boolean).join(" · ")));
  if (report.timing) head.append(el("p", { class: "note" }, report.timing));
  container.append(head);
  container.append(table(report));
  const timed = Object.entries(report.runtimes || {}).filter(([, r]) => r.medianMs !== undefined && r.medianMs !== null);
  if (timed.length) {
    container.append(el("h3", {}, "Warm run, median (whisker: min–max), ms"));
    container.append(barChart(timed.map(([n, r]) => ({ name: n, value: r.medianMs, lo: r.minMs, hi: r.maxMs }))));
    container.append(el("h3", {}, "Cold: runtime load + session creation + first run, ms"));
    container.append(barChart(timed.map(([n, r]) => ({ name: n, value: r.coldMs }))));
  }
}

function table(report) {
  const t = el("table", { class: "bench-table" });
  const header = el("tr");
  const base = report.ratios && report.ratios.baseline;
  for (const h of ["runtime", "cold ms", "median ms", "min ms", "max ms", "runs", `median vs ${base || "baseline"}`,
    "outputs agree", "details"]) {
    header.append(el("th", {}, h));
  }
  t.append(header);
  for (const [name, r] of Object.entries(report.runtimes || {})) {
    const row = el("tr");
    row.append(el("td", {}, name));
    if (r.unavailable !== undefined) {
      const cell = el("td", { colspan: 8, class: "unavailable" }, `unavailable: ${r.unavailable}`);
      row.append(cell);
    } else {
      const cc = (report.crossCheck || {})[name] || {};
      const agree = [cc.against ? `${cc.ok ? "yes" : "NO"} vs ${cc.against} (max rel ${sci(cc.maxRelDiff)})` : "reference",
        cc.expectedOk === null || cc.expectedOk === undefined ? null
          : `${cc.expectedOk ? "yes" : "NO"} vs feeds file (max rel ${sci(cc.expectedMaxRelDiff)})`].filter(Boolean).join("; ");
      for (const v of [formatMs(r.coldMs), formatMs(r.medianMs), formatMs(r.minMs), formatMs(r.maxMs), r.runs,
        formatRatio(report.ratios && report.ratios.median[name]), agree,
        (r.config || "") + (r.tuningMs !== undefined ? `; tuning ${formatMs(r.tuningMs)} ms` : "")]) {
        row.append(el("td", {}, String(v)));
      }
    }
    t.append(row);
  }
  return t;
}

function sci(v) {
  return v === null || v === undefined ? "–" : v.toExponential(1);
}

/** Values spanning more than this factor are drawn on a log scale (else the fast runtimes' bars vanish). */
const LOG_SCALE_SPAN = 30;

/**
 * Horizontal bars, bars: [{name, value, lo?, hi?, color?}]. Linear from 0, or logarithmic (from half the smallest value)
 * when the values span more than LOG_SCALE_SPAN; the chart says which. format writes a value, unit names it.
 */
export function barChart(bars, { format = formatMs, unit = "ms" } = {}) {
  const labelW = 120, valueW = 80, plotW = 480, rowH = 26, pad = 6, footH = 18;
  const width = labelW + plotW + valueW;
  const height = bars.length * rowH + 2 * pad + footH;
  const max = Math.max(...bars.map((b) => Math.max(b.value, b.hi ?? 0))) || 1;
  const min = Math.min(...bars.map((b) => Math.min(b.value, b.lo ?? Infinity)).filter((v) => v > 0));
  const log = Number.isFinite(min) && max / min > LOG_SCALE_SPAN;
  const origin = log ? min / 2 : 0;
  const x = log
    ? (v) => labelW + (Math.log(Math.max(v, origin) / origin) / Math.log(max / origin)) * plotW
    : (v) => labelW + (v / max) * plotW;
  const svg = el("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" }, null, SVG);
  svg.append(el("text", { x: labelW, y: height - 4, "font-size": 11, fill: "#555" },
    log ? `log scale, from ${format(origin)} ${unit}` : `linear scale, from 0 ${unit}`, SVG));
  bars.forEach((b, i) => {
    const y = pad + i * rowH;
    svg.append(el("text", { x: labelW - 6, y: y + rowH / 2 + 4, "text-anchor": "end", "font-size": 12 }, b.name, SVG));
    svg.append(el("rect", { x: labelW, y: y + 4, width: Math.max(1, x(b.value) - labelW), height: rowH - 8,
      fill: b.color || COLORS[b.name] || "#888" }, null, SVG));
    if (b.lo !== undefined && b.hi !== undefined && b.lo !== null && b.hi !== null) {
      const cy = y + rowH / 2;
      svg.append(el("line", { x1: x(b.lo), x2: x(b.hi), y1: cy, y2: cy, stroke: "#222", "stroke-width": 1 }, null, SVG));
      for (const v of [b.lo, b.hi]) {
        svg.append(el("line", { x1: x(v), x2: x(v), y1: cy - 5, y2: cy + 5, stroke: "#222", "stroke-width": 1 }, null, SVG));
      }
    }
    svg.append(el("text", { x: x(Math.max(b.value, b.hi ?? 0)) + 6, y: y + rowH / 2 + 4, "font-size": 12 },
      format(b.value), SVG));
  });
  return svg;
}
