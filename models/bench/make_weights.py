#!/usr/bin/env python3
"""Writes a bench model's model.onnx.data from its weights.json with numpy alone (the same generator as
make_fixtures.py and the Java regenerator); for machines without Java, e.g. the GPU server. Checks the SHA-256.

Usage: python3 models/bench/make_weights.py models/bench/bert-base [...]
"""
import hashlib
import json
import os
import sys

import numpy as np

MASK64 = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix64_int(z):
    z &= MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def mix64_np(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform(seed, stream, n, scale, chunk=1 << 22):
    base = np.uint64(mix64_int(seed + (stream + 1) * GAMMA))
    mult = np.float32(scale) * np.float32(2.0 ** -23)
    out = np.empty(n, dtype=np.float32)
    with np.errstate(over="ignore"):
        for start in range(0, n, chunk):
            stop = min(n, start + chunk)
            j = np.arange(start + 1, stop + 1, dtype=np.uint64)
            k = (mix64_np(base + j * np.uint64(GAMMA)) >> np.uint64(40)).astype(np.int64) - (1 << 23)
            out[start:stop] = k.astype(np.float32) * mult
    return out


def make(folder):
    manifest = json.load(open(os.path.join(folder, "weights.json")))
    path = os.path.join(folder, manifest["data_file"])
    sha = hashlib.sha256()
    with open(path, "wb") as f:
        pos = 0
        for t in sorted(manifest["tensors"], key=lambda t: t["offset"]):
            gap = t["offset"] - pos
            f.write(b"\0" * gap)
            sha.update(b"\0" * gap)
            r = t["rule"]
            assert r["kind"] == "uniform", r
            data = uniform(r["seed"], r["stream"], t["length"] // 4, r["scale"]).tobytes()
            f.write(data)
            sha.update(data)
            pos = t["offset"] + t["length"]
        tail = manifest["total_length"] - pos
        f.write(b"\0" * tail)
        sha.update(b"\0" * tail)
    ok = sha.hexdigest() == manifest["sha256"]
    print(folder, "sha256", "ok" if ok else "MISMATCH")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    for d in sys.argv[1:]:
        make(d)
