// Markdown table of bench reports (bench/node/bench.mjs --json, or nnjit bench --json): one row per report, the
// warm median of each runtime, nnjit's speed-up over ort-webgpu (its median / nnjit's), the tuner's time, and
// whether every runtime's outputs agreed. Usage: node bench/node/summarize.mjs REPORT.json...
import fs from 'node:fs';
import path from 'node:path';

const files = process.argv.slice(2);
const names = ['ort-webgpu', 'nnjit-webgpu', 'nnjit-webgpu-tuned'];
const fmt = (v) => v === undefined || v === null ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
console.log('| model | ' + names.map((n) => `${n} median ms (min)`).join(' | ')
  + ' | untuned vs ORT | tuned vs ORT | tuning ms | outputs agree |');
console.log('|---|' + names.map(() => '---:').join('|') + '|---:|---:|---:|---|');
const speedups = [[], []];
for (const f of files) {
  const r = JSON.parse(fs.readFileSync(f, 'utf8'));
  const rt = r.runtimes;
  const cell = (n) => rt[n] && rt[n].medianMs ? `${fmt(rt[n].medianMs)} (${fmt(rt[n].minMs)})` : rt[n] ? 'unavailable' : '-';
  const ort = rt['ort-webgpu'] && rt['ort-webgpu'].medianMs;
  const ratio = (n, i) => {
    if (!ort || !rt[n] || !rt[n].medianMs) return '-';
    const x = ort / rt[n].medianMs;
    speedups[i].push(x);
    return `${x.toFixed(2)}x`;
  };
  const tuned = rt['nnjit-webgpu-tuned'];
  const agree = Object.values(r.crossCheck || {}).every((c) => c.ok && c.expectedOk !== false);
  console.log(`| ${path.basename(path.dirname(r.model))}/${path.basename(r.model)} | ${names.map(cell).join(' | ')} | `
    + `${ratio('nnjit-webgpu', 0)} | ${ratio('nnjit-webgpu-tuned', 1)} | ${tuned && tuned.tuningMs ? fmt(tuned.tuningMs) : '-'} | `
    + `${agree ? 'yes' : 'NO'} |`);
}
const geo = (xs) => xs.length ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length).toFixed(2) + 'x' : '-';
console.log(`\nGeometric mean over ${files.length} models: untuned ${geo(speedups[0])}, tuned ${geo(speedups[1])} (ORT median / nnjit median).`);
