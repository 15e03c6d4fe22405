#!/usr/bin/env python3
"""Builds nnjit's end-to-end model fixtures and bench graphs.

Needs torch, transformers (5.x), onnx and onnxruntime; downloads nothing: every model is built from a config object
with random weights. Everything runs on the CPU in float32, so results do not depend on a GPU's math modes.

Outputs under --out:
  fixtures/<name>/model.onnx   tiny model, weights inline, dynamic (batch, sequence) axes
  fixtures/<name>/golden.json  inputs and PyTorch float32 outputs (format in models/README.md)
  fixtures/<name>/meta.json    op histogram, opset, sizes, ONNX Runtime vs PyTorch max abs diff
  bench/<name>/model.onnx      real-size graph; large float initializers refer to model.onnx.data
  bench/<name>/model.onnx.data regenerated weights (not committed: the Java regenerator rebuilds it)
  bench/<name>/weights.json    manifest: per external tensor name, dtype, shape, offset, length, rule, sha256
  bench/<name>/golden.json     ONNX Runtime outputs on the regenerated weights for S=16 inputs
With --kv (kv_fixtures.py), instead: the KV-cache graphs of gpt2, llama, t5, bart under fixtures/<name>/ with
generate-kv.json (greedy ids: PyTorch, ONNX Runtime over the KV graphs, cache-less), and bench/llama2-2l-kv/.

Weight rule (the contract the Java regenerator dev.nnjit.tools.weights.WeightGenerator reproduces bit for bit):
  splitmix64 mix(z): z=(z^(z>>>30))*0xBF58476D1CE4E5B9; z=(z^(z>>>27))*0x94D049BB133111EB; z^(z>>>31)  (mod 2^64)
  base   = mix(seed + (stream+1)*0x9E3779B97F4A7C15)
  elem j = mix(base + (j+1)*0x9E3779B97F4A7C15); k = (elem>>>40) - 2^23  (a signed 24-bit integer)
  value  = float32(k) * float32(scale * 2^-23)      -> uniform on [-scale, scale), one float32 rounding
With scale a power of two the product is exact. Floats are stored little-endian; tensors start at multiples of
ALIGN bytes and the gaps are zero bytes.
"""
import argparse
import collections
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

import numpy as np
import onnx
import onnxruntime as ort
import torch
import transformers
from onnx import numpy_helper

SEED = 1234
WEIGHT_SEED = 20261126
EXTERNAL_MIN_ELEMENTS = 4096   # float initializers at least this large go to model.onnx.data and are regenerated
WEIGHT_SCALE = 2.0 ** -5       # uniform on [-1/32, 1/32): std 0.018, close to the usual 0.02 init
ALIGN = 64
GAMMA = 0x9E3779B97F4A7C15
MASK64 = (1 << 64) - 1


def log(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# Deterministic weights
# ---------------------------------------------------------------------------------------------------------------

def mix64_int(z):
    z &= MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def mix64_np(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform_weights(seed, stream, n, scale, chunk=1 << 22):
    """n float32 values of the rule above (vectorized; uint64 arithmetic wraps mod 2^64 as in Java)."""
    base = np.uint64(mix64_int(seed + (stream + 1) * GAMMA))
    mult = np.float32(scale) * np.float32(2.0 ** -23)
    out = np.empty(n, dtype=np.float32)
    with np.errstate(over="ignore"):
        for start in range(0, n, chunk):
            stop = min(n, start + chunk)
            j = np.arange(start + 1, stop + 1, dtype=np.uint64)
            z = mix64_np(base + j * np.uint64(GAMMA))
            k = (z >> np.uint64(40)).astype(np.int64) - (1 << 23)
            out[start:stop] = k.astype(np.float32) * mult
    return out


def self_check_generator():
    """Pins the vectorized generator to a scalar evaluation of the rule (guards against numpy casting surprises)."""
    seed, stream = 7, 3
    got = uniform_weights(seed, stream, 5, 0.5, chunk=2)
    base = mix64_int(seed + (stream + 1) * GAMMA)
    for j in range(5):
        k = (mix64_int(base + (j + 1) * GAMMA) >> 40) - (1 << 23)
        want = np.float32(np.float32(k) * (np.float32(0.5) * np.float32(2.0 ** -23)))
        assert got[j] == want, (j, got[j], want)
    log("generator self-check ok; first values (seed 7, stream 3, scale 0.5):", [float(x) for x in got])
    return [float(x) for x in got]


# ---------------------------------------------------------------------------------------------------------------
# JSON helpers
# ---------------------------------------------------------------------------------------------------------------

def fmt_float(x):
    # 9 significant digits round-trip any float32 exactly.
    x = float(x)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("non-finite value in output")
    return "%.9g" % x


def tensor_json(arr):
    arr = np.asarray(arr)
    if arr.dtype == np.float32:
        data = "[" + ",".join(fmt_float(v) for v in arr.reshape(-1)) + "]"
        dtype = "float32"
    elif arr.dtype == np.int64:
        data = "[" + ",".join(str(int(v)) for v in arr.reshape(-1)) + "]"
        dtype = "int64"
    else:
        raise ValueError("unexpected dtype %s" % arr.dtype)
    return '{"shape": %s, "dtype": "%s", "data": %s}' % (json.dumps(list(arr.shape)), dtype, data)


def write_golden(path, inputs, outputs, extra=None):
    parts = ['{\n"inputs": {\n']
    parts.append(",\n".join('  "%s": %s' % (k, tensor_json(v)) for k, v in inputs.items()))
    parts.append('\n},\n"outputs": {\n')
    parts.append(",\n".join('  "%s": %s' % (k, tensor_json(v)) for k, v in outputs.items()))
    parts.append("\n}")
    if extra:
        for k, v in extra.items():
            parts.append(',\n"%s": %s' % (k, json.dumps(v)))
    parts.append("\n}\n")
    with open(path, "w") as f:
        f.write("".join(parts))


# ---------------------------------------------------------------------------------------------------------------
# Model wrappers: fixed positional inputs, a fixed tuple of outputs (no caches, no dicts)
# ---------------------------------------------------------------------------------------------------------------

class EncoderWrap(torch.nn.Module):
    def __init__(self, model, outputs):
        super().__init__()
        self.model, self.outputs = model, outputs

    def forward(self, input_ids, attention_mask, token_type_ids):
        o = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids,
                       return_dict=True)
        return tuple(getattr(o, n) for n in self.outputs)


class CausalWrap(torch.nn.Module):
    def __init__(self, model, outputs):
        super().__init__()
        self.model, self.outputs = model, outputs

    def forward(self, input_ids, attention_mask):
        o = self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False, return_dict=True)
        return tuple(getattr(o, n) for n in self.outputs)


class Seq2SeqWrap(torch.nn.Module):
    def __init__(self, model, outputs):
        super().__init__()
        self.model, self.outputs = model, outputs

    def forward(self, input_ids, attention_mask, decoder_input_ids):
        o = self.model(input_ids=input_ids, attention_mask=attention_mask, decoder_input_ids=decoder_input_ids,
                       use_cache=False, return_dict=True)
        return tuple(getattr(o, n) for n in self.outputs)


# Symbolic axis names per input (the Java tests and loader see these as dim_params).
AXES = {
    "input_ids": {0: "batch", 1: "sequence"},
    "attention_mask": {0: "batch", 1: "sequence"},
    "token_type_ids": {0: "batch", 1: "sequence"},
    "decoder_input_ids": {0: "batch", 1: "decoder_sequence"},
}


# ---------------------------------------------------------------------------------------------------------------
# Model specs
# ---------------------------------------------------------------------------------------------------------------

def eager(cfg):
    cfg._attn_implementation = "eager"
    return cfg


def spec(name, kind, build, inputs, outputs, exporter, opset, pad_id, dec_start=None, out_axes=None):
    return dict(name=name, kind=kind, build=build, inputs=inputs, outputs=outputs, exporter=exporter,
                opset=opset, pad_id=pad_id, dec_start=dec_start, out_axes=out_axes or {})


def fixture_specs():
    T = transformers
    enc_out = {"last_hidden_state": {0: "batch", 1: "sequence"}, "pooler_output": {0: "batch"}}
    causal_out = {"logits": {0: "batch", 1: "sequence"}}
    s2s_out = {"logits": {0: "batch", 1: "decoder_sequence"},
               "encoder_last_hidden_state": {0: "batch", 1: "sequence"}}
    return [
        spec("bert", "encoder", lambda: T.BertModel(eager(T.BertConfig(
            vocab_size=500, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
            max_position_embeddings=64, type_vocab_size=2, initializer_range=0.1,
            hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0))),
            ["input_ids", "attention_mask", "token_type_ids"], ["last_hidden_state", "pooler_output"],
            "torchscript", 17, pad_id=0, out_axes=enc_out),
        spec("gpt2", "causal", lambda: T.GPT2LMHeadModel(eager(T.GPT2Config(
            vocab_size=500, n_positions=64, n_embd=48, n_layer=2, n_head=4, initializer_range=0.1,
            resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, use_cache=False, bos_token_id=0, eos_token_id=0))),
            ["input_ids", "attention_mask"], ["logits"], "dynamo", 18, pad_id=0, out_axes=causal_out),
        spec("llama", "causal", lambda: T.LlamaForCausalLM(eager(T.LlamaConfig(
            vocab_size=512, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, max_position_embeddings=128, rms_norm_eps=1e-6, initializer_range=0.1,
            use_cache=False, tie_word_embeddings=False, pad_token_id=0))),
            ["input_ids", "attention_mask"], ["logits"], "dynamo", 18, pad_id=0, out_axes=causal_out),
        spec("t5", "seq2seq", lambda: T.T5ForConditionalGeneration(eager(T.T5Config(
            vocab_size=512, d_model=32, d_kv=8, d_ff=64, num_layers=2, num_decoder_layers=2, num_heads=4,
            relative_attention_num_buckets=16, relative_attention_max_distance=32, dropout_rate=0.0,
            feed_forward_proj="relu", use_cache=False, decoder_start_token_id=0))),
            ["input_ids", "attention_mask", "decoder_input_ids"], ["logits", "encoder_last_hidden_state"],
            "torchscript", 17, pad_id=0, dec_start=0, out_axes=s2s_out),
        spec("bart", "seq2seq", lambda: T.BartForConditionalGeneration(eager(T.BartConfig(
            vocab_size=512, d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
            decoder_attention_heads=4, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=64,
            init_std=0.1, dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, use_cache=False))),
            ["input_ids", "attention_mask", "decoder_input_ids"], ["logits", "encoder_last_hidden_state"],
            "torchscript", 17, pad_id=1, dec_start=2, out_axes=s2s_out),
    ]


def bench_specs(small):
    """Real-size graphs; small=True shrinks them for a quick local check of the pipeline (not for committing)."""
    T = transformers
    L = (lambda full, tiny: tiny if small else full)
    return [
        spec("bert-base", "encoder", lambda: T.BertModel(eager(T.BertConfig(
            vocab_size=L(30522, 1000), hidden_size=L(768, 64), num_hidden_layers=L(12, 2),
            num_attention_heads=L(12, 4), intermediate_size=L(3072, 128), max_position_embeddings=512,
            hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)), add_pooling_layer=False),
            ["input_ids", "attention_mask", "token_type_ids"], ["last_hidden_state"], "torchscript", 17,
            pad_id=0, out_axes={"last_hidden_state": {0: "batch", 1: "sequence"}}),
        # all-MiniLM-L6-v2's architecture (sentence-transformers' BERT: 6 layers, 384 wide, 12 heads, FFN 1536), random
        # weights: the real model cannot be downloaded on the GPU server, and its graph has the same ops.
        spec("minilm-l6", "encoder", lambda: T.BertModel(eager(T.BertConfig(
            vocab_size=L(30522, 1000), hidden_size=L(384, 64), num_hidden_layers=L(6, 2),
            num_attention_heads=L(12, 4), intermediate_size=L(1536, 128), max_position_embeddings=512,
            hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)), add_pooling_layer=False),
            ["input_ids", "attention_mask", "token_type_ids"], ["last_hidden_state"], "torchscript", 17,
            pad_id=0, out_axes={"last_hidden_state": {0: "batch", 1: "sequence"}}),
        spec("t5-small", "seq2seq", lambda: T.T5Model(eager(T.T5Config(
            vocab_size=L(32128, 1000), d_model=L(512, 64), d_kv=L(64, 16), d_ff=L(2048, 128),
            num_layers=L(6, 2), num_heads=L(8, 4), relative_attention_num_buckets=32,
            relative_attention_max_distance=128, dropout_rate=0.0, feed_forward_proj="relu", use_cache=False,
            decoder_start_token_id=0))),
            ["input_ids", "attention_mask", "decoder_input_ids"], ["last_hidden_state"], "torchscript", 17,
            pad_id=0, dec_start=0, out_axes={"last_hidden_state": {0: "batch", 1: "decoder_sequence"}}),
        spec("bart-base", "seq2seq", lambda: T.BartModel(eager(T.BartConfig(
            vocab_size=L(50265, 1000), d_model=L(768, 64), encoder_layers=L(6, 2), decoder_layers=L(6, 2),
            encoder_attention_heads=L(12, 4), decoder_attention_heads=L(12, 4), encoder_ffn_dim=L(3072, 128),
            decoder_ffn_dim=L(3072, 128), max_position_embeddings=1024, dropout=0.0, attention_dropout=0.0,
            activation_dropout=0.0, use_cache=False))),
            ["input_ids", "attention_mask", "decoder_input_ids"], ["last_hidden_state"], "torchscript", 17,
            pad_id=1, dec_start=2, out_axes={"last_hidden_state": {0: "batch", 1: "decoder_sequence"}}),
        spec("llama2-2l", "causal", lambda: T.LlamaForCausalLM(eager(T.LlamaConfig(
            vocab_size=L(32000, 1000), hidden_size=L(2048, 128), intermediate_size=L(5632, 256),
            num_hidden_layers=2, num_attention_heads=L(16, 4), num_key_value_heads=L(16, 4),
            max_position_embeddings=4096, rms_norm_eps=1e-5, use_cache=False, tie_word_embeddings=False))),
            ["input_ids", "attention_mask"], ["logits"], "dynamo", 18, pad_id=0,
            out_axes={"logits": {0: "batch", 1: "sequence"}}),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------------------------

def make_inputs(s, vocab, batch, seq, dec_seq, pad_rows, gen):
    """Token ids avoid the low special ids; rows listed in pad_rows end with padding (mask 0, pad id)."""
    feeds = {}
    ids = torch.randint(4, vocab, (batch, seq), generator=gen, dtype=torch.int64)
    mask = torch.ones(batch, seq, dtype=torch.int64)
    for r, n_pad in pad_rows.items():
        if r < batch and n_pad > 0:
            mask[r, seq - n_pad:] = 0
            ids[r, seq - n_pad:] = s["pad_id"]
    for name in s["inputs"]:
        if name == "input_ids":
            feeds[name] = ids
        elif name == "attention_mask":
            feeds[name] = mask
        elif name == "token_type_ids":
            tt = torch.zeros(batch, seq, dtype=torch.int64)
            tt[:, seq // 2:] = 1
            feeds[name] = tt
        elif name == "decoder_input_ids":
            d = torch.randint(4, vocab, (batch, dec_seq), generator=gen, dtype=torch.int64)
            d[:, 0] = s["dec_start"]
            feeds[name] = d
        else:
            raise ValueError(name)
    return feeds


def wrap(s, model):
    cls = {"encoder": EncoderWrap, "causal": CausalWrap, "seq2seq": Seq2SeqWrap}[s["kind"]]
    return cls(model, s["outputs"]).eval()


# ---------------------------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------------------------

def export(s, wrapped, feeds, path):
    args = tuple(feeds[n] for n in s["inputs"])
    if s["exporter"] == "torchscript":
        dyn = {n: AXES[n] for n in s["inputs"]}
        dyn.update(s["out_axes"])
        torch.onnx.export(wrapped, args, path, dynamo=False, opset_version=s["opset"],
                          input_names=s["inputs"], output_names=s["outputs"], dynamic_axes=dyn,
                          do_constant_folding=True)
        return "torchscript"
    Dim = torch.export.Dim
    named = {"batch": Dim("batch"), "sequence": Dim("sequence"), "decoder_sequence": Dim("decoder_sequence")}
    attempts = [
        ("named-dims", {n: {ax: named[nm] for ax, nm in AXES[n].items()} for n in s["inputs"]}),
        ("auto-dims", {n: {ax: Dim.AUTO for ax in AXES[n]} for n in s["inputs"]}),
    ]
    last = None
    for label, dyn in attempts:
        try:
            prog = torch.onnx.export(wrapped, args, dynamo=True, opset_version=s["opset"],
                                     input_names=s["inputs"], output_names=s["outputs"],
                                     dynamic_shapes=dyn, optimize=True)
            prog.save(path, external_data=False)
            return "dynamo/" + label
        except Exception as e:  # keep going: the next attempt may work, the log keeps the reason
            log("  dynamo export with %s failed: %s: %s" % (label, type(e).__name__, str(e)[:2000]))
            last = e
    raise last


def load_inline(path):
    """Loads an exported model with every tensor inline; big float Constant nodes become initializers."""
    m = onnx.load(path, load_external_data=True)
    for t in m.graph.initializer:
        if t.data_location == onnx.TensorProto.EXTERNAL:
            raise RuntimeError("initializer %s still external after load" % t.name)
    keep = []
    moved = 0
    for node in m.graph.node:
        if node.op_type == "Constant" and len(node.attribute) == 1 and node.attribute[0].name == "value":
            t = node.attribute[0].t
            if t.data_type == onnx.TensorProto.FLOAT and int(np.prod(t.dims)) >= EXTERNAL_MIN_ELEMENTS:
                init = onnx.TensorProto()
                init.CopyFrom(t)
                init.name = node.output[0]
                m.graph.initializer.append(init)
                moved += 1
                continue
        keep.append(node)
    if moved:
        del m.graph.node[:]
        m.graph.node.extend(keep)
        log("  moved %d large float Constant nodes to initializers" % moved)
    return m


def rename_axes(m, s):
    """Gives graph inputs/outputs the axis names of AXES (exporters may invent names like s0, s1)."""
    mapping = {}
    for vi in m.graph.input:
        if vi.name in AXES:
            for ax, nm in AXES[vi.name].items():
                d = vi.type.tensor_type.shape.dim[ax]
                if d.HasField("dim_param") and d.dim_param != nm:
                    mapping.setdefault(d.dim_param, nm)
    if not mapping:
        return
    log("  renaming symbolic dims", mapping)

    def fix(vis):
        for vi in vis:
            if vi.type.HasField("tensor_type"):
                for d in vi.type.tensor_type.shape.dim:
                    if d.HasField("dim_param") and d.dim_param in mapping:
                        d.dim_param = mapping[d.dim_param]
    fix(m.graph.input)
    fix(m.graph.output)
    fix(m.graph.value_info)


def op_histogram(graph, hist=None):
    hist = hist if hist is not None else collections.Counter()
    for n in graph.node:
        key = n.op_type if n.domain in ("", "ai.onnx") else n.domain + "::" + n.op_type
        hist[key] += 1
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                op_histogram(a.g, hist)
            elif a.type == onnx.AttributeProto.GRAPHS:
                for g in a.graphs:
                    op_histogram(g, hist)
    return hist


def io_desc(vis):
    out = []
    for vi in vis:
        tt = vi.type.tensor_type
        dims = [d.dim_param if d.HasField("dim_param") else (d.dim_value if d.HasField("dim_value") else "?")
                for d in tt.shape.dim]
        out.append({"name": vi.name, "dtype": onnx.TensorProto.DataType.Name(tt.elem_type).lower(), "shape": dims})
    return out


def ort_run(path, feeds, opt_level=ort.GraphOptimizationLevel.ORT_ENABLE_BASIC):
    so = ort.SessionOptions()
    so.graph_optimization_level = opt_level
    so.intra_op_num_threads = 8
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    res = sess.run(names, {k: np.asarray(v) for k, v in feeds.items()})
    return dict(zip(names, res))


def versions():
    return {"torch": torch.__version__, "transformers": transformers.__version__, "onnx": onnx.__version__,
            "onnxruntime": ort.__version__, "numpy": np.__version__, "python": sys.version.split()[0]}


# ---------------------------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------------------------

def build_model(s, seed, perturb_vectors):
    torch.manual_seed(seed)
    model = s["build"]().float().eval()
    if perturb_vectors:
        # HF init leaves biases at 0 and norm weights at 1; move them so a dropped bias or scale shows up.
        g = torch.Generator().manual_seed(seed + 1)
        with torch.no_grad():
            for _, p in model.named_parameters():
                if p.dim() == 1:
                    p.add_(torch.randn(p.shape, generator=g) * 0.1)
    return model


def torch_outputs(s, wrapped, feeds):
    with torch.no_grad():
        outs = wrapped(*[feeds[n] for n in s["inputs"]])
    return {n: o.detach().float().numpy().copy() for n, o in zip(s["outputs"], outs)}


def make_fixture(s, root):
    t0 = time.time()
    name = s["name"]
    d = os.path.join(root, "fixtures", name)
    os.makedirs(d, exist_ok=True)
    model = build_model(s, SEED, perturb_vectors=True)
    wrapped = wrap(s, model)
    gen = torch.Generator().manual_seed(SEED + 7)
    feeds = make_inputs(s, model.config.vocab_size, batch=2, seq=12, dec_seq=7, pad_rows={1: 4}, gen=gen)
    golden = torch_outputs(s, wrapped, feeds)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "model.onnx")
        how = export(s, wrapped, feeds, raw)
        m = load_inline(raw)
    rename_axes(m, s)
    path = os.path.join(d, "model.onnx")
    onnx.save(m, path)
    try:
        onnx.checker.check_model(m)
        checker = "ok"
    except Exception as e:
        checker = "%s: %s" % (type(e).__name__, str(e)[:300])

    np_feeds = {k: v.numpy() for k, v in feeds.items()}
    ort_out = ort_run(path, np_feeds)
    diffs = {}
    for n in s["outputs"]:
        a, b = golden[n], ort_out[n]
        if a.shape != b.shape:
            raise RuntimeError("%s output %s: torch shape %s, ORT shape %s" % (name, n, a.shape, b.shape))
        diffs[n] = {"max_abs_diff": float(np.max(np.abs(a - b))), "max_abs_golden": float(np.max(np.abs(a)))}
    # Same model at other shapes: proves the axes are really symbolic.
    gen2 = torch.Generator().manual_seed(SEED + 8)
    feeds2 = make_inputs(s, model.config.vocab_size, batch=1, seq=5, dec_seq=3, pad_rows={}, gen=gen2)
    ref2 = torch_outputs(s, wrapped, feeds2)
    ort2 = ort_run(path, {k: v.numpy() for k, v in feeds2.items()})
    diffs2 = {n: float(np.max(np.abs(ref2[n] - ort2[n]))) for n in s["outputs"]}

    write_golden(os.path.join(d, "golden.json"), np_feeds, golden)
    hist = op_histogram(m.graph)
    n_params = sum(p.numel() for p in model.parameters())
    meta = {
        "name": name, "hf_class": type(model).__name__, "config": model.config.to_diff_dict(),
        "exporter": how, "opset_imports": {(o.domain or "ai.onnx"): o.version for o in m.opset_import},
        "ir_version": m.ir_version, "parameters": n_params, "model_bytes": os.path.getsize(path),
        "golden_bytes": os.path.getsize(os.path.join(d, "golden.json")),
        "nodes": sum(hist.values()), "initializers": len(m.graph.initializer),
        "op_histogram": dict(sorted(hist.items())), "inputs": io_desc(m.graph.input),
        "outputs": io_desc(m.graph.output), "onnx_checker": checker,
        "ort_vs_torch": diffs, "ort_vs_torch_at_batch1_seq5": diffs2,
        "golden_input_note": "batch 2, sequence 12 (decoder 7); row 1 ends with 4 padding tokens (mask 0)",
        "versions": versions(), "seconds": round(time.time() - t0, 2),
    }
    with open(os.path.join(d, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1, default=str)
    log("fixture %-6s %-24s %7d B  nodes %4d  ORT-vs-torch %s  (B1,S5) %s" % (
        name, how, meta["model_bytes"], meta["nodes"],
        {k: "%.3g/%.3g" % (v["max_abs_diff"], v["max_abs_golden"]) for k, v in diffs.items()},
        {k: "%.3g" % v for k, v in diffs2.items()}))
    log("  ops:", dict(sorted(hist.items())))
    log("  inputs:", meta["inputs"], "outputs:", meta["outputs"])


# ---------------------------------------------------------------------------------------------------------------
# Bench graphs with regenerated weights
# ---------------------------------------------------------------------------------------------------------------

def externalize(m, data_path):
    """Overwrites large float initializers with the weight rule and moves them to data_path (see module doc)."""
    entries = []
    offset = 0
    file_hash = hashlib.sha256()
    inline_floats = 0
    with open(data_path, "wb") as f:
        for t in m.graph.initializer:
            n = int(np.prod(t.dims)) if len(t.dims) else 1
            if t.data_type != onnx.TensorProto.FLOAT or n < EXTERNAL_MIN_ELEMENTS:
                if t.data_type == onnx.TensorProto.FLOAT:
                    inline_floats += n
                continue
            stream = len(entries)
            vals = uniform_weights(WEIGHT_SEED, stream, n, WEIGHT_SCALE)
            raw = vals.astype("<f4").tobytes()
            pad = (-offset) % ALIGN
            if pad:
                f.write(b"\0" * pad)
                file_hash.update(b"\0" * pad)
                offset += pad
            f.write(raw)
            file_hash.update(raw)
            entries.append({"name": t.name, "dtype": "float32", "shape": [int(x) for x in t.dims],
                            "offset": offset, "length": len(raw),
                            "rule": {"kind": "uniform", "seed": WEIGHT_SEED, "stream": stream,
                                     "scale": WEIGHT_SCALE},
                            "sha256": hashlib.sha256(raw).hexdigest()})
            for field in ("raw_data", "float_data"):
                t.ClearField(field)
            del t.external_data[:]
            t.data_location = onnx.TensorProto.EXTERNAL
            for k, v in (("location", "model.onnx.data"), ("offset", str(offset)), ("length", str(len(raw)))):
                e = t.external_data.add()
                e.key, e.value = k, v
            offset += len(raw)
    return entries, offset, file_hash.hexdigest(), inline_floats


def summarize(arr, max_full=1 << 17):
    """Full data if small; else a slice (last position of the first batch row) plus statistics."""
    arr = np.asarray(arr, dtype=np.float32)
    if arr.size <= max_full:
        return None
    flat_rows = arr.reshape(-1, arr.shape[-1])
    return {
        "shape": list(arr.shape), "dtype": "float32", "note": "too large to store in full",
        "sum": float(arr.astype(np.float64).sum()), "abs_sum": float(np.abs(arr.astype(np.float64)).sum()),
        "min": float(arr.min()), "max": float(arr.max()),
        "row_argmax": [int(x) for x in flat_rows.argmax(axis=1)],
        "row_sums": [float(x) for x in flat_rows.astype(np.float64).sum(axis=1)],
        "first_64_per_row": [[float(fmt_float(v)) for v in r[:64]] for r in flat_rows],
        "last_row_index": list(arr.shape[:-1] and [i - 1 for i in arr.shape[:-1]]),
        "last_row": [float(fmt_float(v)) for v in flat_rows[-1]],
    }


def make_bench(s, root, small):
    t0 = time.time()
    name = s["name"]
    d = os.path.join(root, "bench", name)
    os.makedirs(d, exist_ok=True)
    model = build_model(s, SEED, perturb_vectors=False)
    log("bench %s: %s, %.1fM parameters (built in %.1fs)" % (
        name, type(model).__name__, sum(p.numel() for p in model.parameters()) / 1e6, time.time() - t0))
    wrapped = wrap(s, model)
    gen = torch.Generator().manual_seed(SEED + 9)
    feeds = make_inputs(s, model.config.vocab_size, batch=2, seq=16, dec_seq=16, pad_rows={1: 3}, gen=gen)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "model.onnx")
        how = export(s, wrapped, feeds, raw)
        log("  exported (%s) in %.1fs" % (how, time.time() - t0))
        m = load_inline(raw)
    vocab = model.config.vocab_size
    del model, wrapped
    rename_axes(m, s)
    data_path = os.path.join(d, "model.onnx.data")
    entries, total, sha, inline_floats = externalize(m, data_path)
    path = os.path.join(d, "model.onnx")
    onnx.save(m, path)
    log("  %d external tensors, %.1f MB data, %d inline float elements, graph %d B (%.1fs)" % (
        len(entries), total / 1e6, inline_floats, os.path.getsize(path), time.time() - t0))

    gen2 = torch.Generator().manual_seed(SEED + 10)
    feeds16 = make_inputs(s, vocab, batch=1, seq=16, dec_seq=16, pad_rows={}, gen=gen2)
    np_feeds = {k: v.numpy() for k, v in feeds16.items()}
    outs = ort_run(path, np_feeds)
    full, summaries = {}, {}
    for k, v in outs.items():
        sm = summarize(v)
        if sm is None:
            full[k] = v
        else:
            summaries[k] = sm
    write_golden(os.path.join(d, "golden.json"), np_feeds, full,
                 extra={"output_summaries": summaries,
                        "reference": "onnxruntime %s CPU, ORT_ENABLE_BASIC, on the regenerated weights" % ort.__version__}
                 if summaries else {"reference": "onnxruntime %s CPU, ORT_ENABLE_BASIC, on the regenerated weights"
                                    % ort.__version__})
    write_weights_manifest(d, name, m, path, how, entries, total, sha)
    log("  ORT golden at S=16: %s; sha256 %s; %.1fs total" % (
        {k: (list(v.shape), float(np.abs(v).max())) for k, v in outs.items()}, sha, time.time() - t0))


def write_weights_manifest(d, name, m, path, how, entries, total, sha):
    """d/weights.json: what models/bench/make-weights.sh needs to regenerate model.onnx.data (format above)."""
    hist = op_histogram(m.graph)
    manifest = {
        "format": "nnjit-weights/1",
        "model": name, "data_file": "model.onnx.data", "total_length": total, "sha256": sha,
        "alignment": ALIGN, "gap_bytes": "zero",
        "generator": ("splitmix64: base=mix(seed+(stream+1)*0x9E3779B97F4A7C15); "
                      "k=(mix(base+(j+1)*0x9E3779B97F4A7C15)>>>40)-2^23; value=float32(k)*float32(scale*2^-23); "
                      "little-endian float32"),
        "exporter": how, "opset_imports": {(o.domain or "ai.onnx"): o.version for o in m.opset_import},
        "op_histogram": dict(sorted(hist.items())), "inputs": io_desc(m.graph.input),
        "outputs": io_desc(m.graph.output), "graph_bytes": os.path.getsize(path), "versions": versions(),
        "tensors": entries,
    }
    tensors = manifest.pop("tensors")
    head = json.dumps(manifest, indent=1)
    assert head.endswith("\n}")
    with open(os.path.join(d, "weights.json"), "w") as f:  # one line per tensor keeps the manifest readable
        f.write(head[:-2] + ',\n "tensors": [\n' + ",\n".join("  " + json.dumps(e) for e in tensors) + "\n ]\n}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", default="", help="comma-separated names to build (default: all)")
    ap.add_argument("--no-fixtures", action="store_true")
    ap.add_argument("--no-bench", action="store_true")
    ap.add_argument("--small-bench", action="store_true", help="shrink bench models (local pipeline check only)")
    ap.add_argument("--kv", action="store_true",
                    help="only the KV-cache variants (kv_fixtures.py): gpt2, llama, t5, bart fixtures, and the "
                         "llama2-2l-kv bench graph unless --no-bench; --only takes gpt2, gpt2-kv, ..., llama2-2l-kv")
    a = ap.parse_args()
    torch.set_num_threads(min(8, os.cpu_count() or 1))
    log("versions:", versions())
    self_check_generator()
    only = set(x for x in a.only.split(",") if x)
    failures = []
    t_start = time.time()
    if a.kv or any(x.endswith("-kv") for x in only):
        import kv_fixtures  # beside this file; imported here so the plain run needs nothing more
        failures.extend(kv_fixtures.run(a.out, only, with_bench=not a.no_bench, small_bench=a.small_bench))
        log("KV variants: %.1fs" % (time.time() - t_start))
    if not a.kv and not a.no_fixtures:
        for s in fixture_specs():
            if only and s["name"] not in only:
                continue
            try:
                make_fixture(s, a.out)
            except Exception:
                failures.append("fixture " + s["name"])
                traceback.print_exc()
    if not a.kv and not a.no_bench:
        for s in bench_specs(a.small_bench):
            if only and s["name"] not in only:
                continue
            try:
                make_bench(s, a.out, a.small_bench)
            except Exception:
                failures.append("bench " + s["name"])
                traceback.print_exc()
    log("total %.1fs" % (time.time() - t_start))
    if failures:
        log("FAILURES (%d):" % len(failures))
        for f in failures:
            log("  " + f)
    else:
        log("ALL OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
