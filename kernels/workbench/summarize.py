#!/usr/bin/env python3
"""Merges repeated `nnjit workbench --json` runs of one problem into a Markdown table for kernels/WORKBENCH.md.

Usage: summarize.py RUN1.json RUN2.json ...   (same family, shape and candidates; prints Markdown to stdout)

Candidates are ranked by the lowest minimum time over all runs: on SwiftShader the "GPU" is the shared 2-core CPU,
so other work only ever adds time, and minima rank candidates more reproducibly than medians (see WORKBENCH.md).
"""
import json
import re
import sys


def load(path):
    with open(path) as f:
        return json.load(f)["report"]


def fmt(v):
    if v is None:
        return ""
    a = abs(v)
    if a >= 100:
        return f"{v:.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def main(paths):
    runs = [load(p) for p in paths]
    first = runs[0]
    by_index = [{r["index"]: r for r in run["results"]} for run in runs]
    indices = sorted(by_index[0])
    best_min = {i: min(b[i]["minMs"] for b in by_index) for i in indices}
    default = best_min[0]
    flops = first["flops"]
    order = sorted(indices, key=lambda i: best_min[i])
    print(f"{first['problem']}: {len(indices)} of {first['candidateCount']} candidates, "
          f"{' and '.join(str(r['runs']) for r in runs)} samples per candidate in {len(runs)} runs; "
          f"every output within tolerance ({first['tolerance']['rule']}; atol {first['tolerance']['atol']:.2e}), "
          f"max abs error {max(r['maxAbsErr'] for b in by_index for r in b.values()):.2e}.")
    print()
    head = ["rank", "#", "config", "workgroup", "compile ms"]
    for k in range(len(runs)):
        head += [f"median ms (run {k + 1})", f"min ms (run {k + 1})"]
    head += ["GFLOP/s at min", "vs default"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" if h not in ("config", "workgroup") else "---" for h in head) + "|")
    for rank, i in enumerate(order, 1):
        r0 = by_index[0][i]
        assert all(b[i]["ok"] for b in by_index), f"candidate {i} failed its check"
        name = r0["key"] + (" (default)" if i == 0 else "")
        row = [str(rank), str(i), name, r0["workgroup"], fmt(min(b[i]["compileMs"] for b in by_index))]
        for b in by_index:
            row += [fmt(b[i]["medianMs"]), fmt(b[i]["minMs"])]
        row += [fmt(flops / (best_min[i] * 1e6)), f"{default / best_min[i]:.2f}x"]
        print("| " + " | ".join(row) + " |")
    print()
    # Groups: thread tile x (register-only | workgroup memory).
    groups = {}
    for i in indices:
        m = re.match(r"t\d+x\d+x\d+_r(\d+)x\d+_v\d_(reg|wgm)", by_index[0][i]["key"])
        groups.setdefault((int(m.group(1)), m.group(2)), []).append(i)
    print("| thread tile | K loop | candidates | best vs default | worst vs default | best rank |")
    print("|---|---|---:|---:|---:|---:|")
    for (t, kind), members in sorted(groups.items(), key=lambda g: min(best_min[i] for i in g[1])):
        speed = [default / best_min[i] for i in members]
        print(f"| {t}x{t} | {'registers' if kind == 'reg' else 'workgroup memory'} | {len(members)} | "
              f"{max(speed):.2f}x | {min(speed):.2f}x | {min(order.index(i) for i in members) + 1} |")


if __name__ == "__main__":
    main(sys.argv[1:])
