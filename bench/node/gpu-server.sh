#!/usr/bin/env bash
# Real-GPU numbers on a Linux server without a browser: the bench models (and MiniLM's architecture) with nnjit's
# WebGPU backend, untuned and tuned from an empty cache, against ONNX Runtime Web's WebGPU EP, in Node with Dawn;
# then the workbench at the issue's reference shapes. Writes OUTDIR/<model>.json (bench reports), OUTDIR/records.json
# (the tuning records measured here, for kernels/records/), OUTDIR/workbench-*.json and a log per step.
#
# Usage: bench/node/gpu-server.sh OUTDIR [STEP...]     STEP: weights, bench, minilm, workbench, kv, decode
#   (default: the first four; kv exports the KV-cache fixtures with models/make_fixtures.py --kv into OUTDIR/fx;
#   decode builds the Llama-2-sized KV model with models/kv/build_models.py --bench and times greedy decoding on it,
#   nnjit untuned and tuned against ORT's WebGPU EP: OUTDIR/decode.json). NNJIT_BENCH_MODELS overrides the bench
#   step's model list (default: the four bench models).
# Needs: node 20+ on PATH, a Vulkan loader and driver, `npm ci --prefix bench`, `mvn package` (target/webapp),
# python3 with numpy (weights); the minilm step also needs torch, transformers, onnx and onnxruntime.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
steps="${*:-weights bench minilm workbench}"
models="${NNJIT_BENCH_MODELS:-bert-base t5-small bart-base llama2-2l}"
status=0
step() { echo "== $* ($(date -u +%T))"; }

for s in $steps; do case "$s" in
weights)
  step weights
  python3 models/bench/make_weights.py $(for m in $models; do echo models/bench/$m; done) || status=1 ;;
bench|minilm)
  # minilm: MiniLM-L6's architecture with random weights (the real model cannot be fetched there), exported by
  # models/make_fixtures.py like the other bench models, then benched on real tokens (bench/feeds/minilm-s128.json).
  if [ "$s" = minilm ]; then
    step "minilm export"
    python3 models/make_fixtures.py --out "$out/minilm" --no-fixtures --only minilm-l6 > "$out/minilm-export.log" 2>&1 \
      || { status=1; tail -20 "$out/minilm-export.log"; }
    list=minilm-l6
  else
    list=$models
  fi
  for m in $list; do
    dir=models/bench/$m feeds=models/bench/$m/golden.json
    if [ "$m" = minilm-l6 ]; then dir="$out/minilm/bench/minilm-l6" feeds=bench/feeds/minilm-s128.json; fi
    [ -f "$dir/model.onnx" ] || { echo "$m: no $dir/model.onnx"; status=1; continue; }
    step "bench $m"
    timeout 420 node --liftoff-only bench/node/bench.mjs --model "$dir/model.onnx" --inputs "$feeds" --runs 20 --warmup 3 \
      --json "$out/$m.json" --records-into "$out/records.json" 2>&1 | tee "$out/$m.log" || status=1
  done ;;
workbench)
  for spec in "gemv 1x4096x4096 20" "matmul 4096x4096x4096 5" "matmul 16x768x768 10" "matmul 128x3072x768 10"; do
    set -- $spec
    step "workbench $1 $2"
    timeout 150 node bench/node/workbench.mjs --op "$1" --shape "$2" --runs "$3" --json "$out/workbench-$1-$2.json" \
      2>&1 | head -40 || status=1
  done ;;
kv)
  step "kv fixtures"
  python3 models/make_fixtures.py --out "$out/fx" --no-bench --kv > "$out/kv.log" 2>&1 || status=1
  python3 models/make_fixtures.py --out "$out/fx" --kv --only llama2-2l-kv >> "$out/kv.log" 2>&1 || status=1
  grep -E "MISMATCH|FAIL|ALL OK" "$out/kv.log" | head -20 ;;
decode)
  step "decode: KV model"
  kv="${TMPDIR:-/tmp}/nnjit-bench-kv"
  [ -f "$kv/model-kv.onnx" ] || python3 models/kv/build_models.py --bench "$kv" > "$out/decode-build.log" 2>&1 \
    || { status=1; tail -20 "$out/decode-build.log"; }
  step "decode: bench"
  timeout 480 node --liftoff-only bench/node/bench.mjs --model "$kv/model-kv.onnx" --decode 32 --prompt-length 16 \
    --runs 3 --json "$out/decode.json" 2>&1 | tee "$out/decode.log" || status=1 ;;
*) echo "unknown step $s"; status=2 ;;
esac; done
exit $status
