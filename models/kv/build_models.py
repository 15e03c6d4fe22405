"""Builds small KV-cache language models by hand, as ONNX graphs with seeded random weights (no torch needed).

Why: the KV-cache generation path needs models whose graphs take past_key_values.* and return present.* under
Optimum's names, with and without the If of a merged decoder. The PyTorch exports of models/kv_fixtures.py need the
GPU machine (torch); these need only onnx and numpy (Debian: python3-onnx, python3-numpy), so the tests can be
regenerated anywhere. Their reference is native ONNX Runtime running the very same files (make_reference.mjs); the
engine is never consulted. Every variant of one model carries the same weights, so cache-less, with-past and merged
greedy ids must agree, and make_reference.mjs fails if they do not.

Two architectures, chosen to differ where a KV-cache runtime can go wrong:
  decoder-only/     Llama-like: RMSNorm, grouped-query attention (4 query heads share 2 KV heads, so the cache is
                    [batch, 2, past, 8]), gated SiLU MLP, learned positions from a position_ids input, untied LM head.
     model.onnx              input_ids, attention_mask, position_ids -> logits (no cache: re-run the sequence)
     model-kv.onnx           + past_key_values.{i}.key/.value [batch, 2, past_sequence, 8] (0-length at the first
                             step) -> logits, present.{i}.key/.value [batch, 2, past_sequence + sequence, 8]
     model-kv-merged.onnx    the same inputs + use_cache_branch: bool [1] (Optimum's merged layout, onnx_merge.py)
  encoder-decoder/  BART-like: LayerNorm, GELU (erf), 4-head attention, decoder positions derived from the past length
                    (no position_ids input: what BART's learned positions do), cross-attention over the encoder.
     model.onnx                    input_ids, attention_mask, decoder_input_ids -> logits (no cache)
     encoder_model.onnx            input_ids, attention_mask -> last_hidden_state
     decoder_model.onnx            input_ids, encoder_attention_mask, encoder_hidden_states
                                   -> logits, present.{i}.decoder.key/.value, present.{i}.encoder.key/.value
     decoder_with_past_model.onnx  input_ids, encoder_attention_mask, past_key_values.{i}.decoder/.encoder.key/.value
                                   -> logits, present.{i}.decoder.key/.value
     decoder_model_merged.onnx     both decoders under an If on use_cache_branch (encoder presents passed through)
Masks add -1e9 where attention is not allowed (padding, the future): exp underflows to exactly 0, so masked
positions contribute nothing, as in transformers' float32 models (which add the dtype's minimum).

Usage: python3 models/kv/build_models.py   (writes the .onnx files and config.json beside this script)
       python3 models/kv/build_models.py --bench FOLDER   (the decode benchmark's Llama-2-sized model-kv.onnx, ~940 MB,
                                                          not committed: see bench/README.md)
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from onnx_merge import merge_with_past  # noqa: E402

OPSET = 17
NEG = -1e9


class Builder:
    """A graph under construction: nodes with generated output names, initializers, inputs and outputs."""

    def __init__(self, rng):
        self.rng = rng
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []
        self.count = 0
        self.consts = {}

    def op(self, op_type, *inputs, outputs=1, name=None, **attrs):
        self.count += 1
        outs = [name if (name and outputs == 1) else "%s_%d_%d" % (op_type.lower(), self.count, k) for k in range(outputs)]
        self.nodes.append(helper.make_node(op_type, list(inputs), outs, name="%s_%d" % (op_type, self.count), **attrs))
        return outs[0] if outputs == 1 else outs

    def init(self, name, array):
        """An initializer; a name already defined is reused (the encoder and decoder share one embedding)."""
        if all(t.name != name for t in self.inits):
            self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def weight(self, name, shape, std):
        return self.init(name, (self.rng.standard_normal(shape) * std).astype(np.float32))

    def const(self, values, dtype=np.int64):
        key = (tuple(np.asarray(values).ravel().tolist()), np.asarray(values).shape, dtype)
        if key not in self.consts:
            self.consts[key] = self.init("const_%d" % len(self.consts), np.asarray(values, dtype=dtype))
        return self.consts[key]

    def scalar(self, value):
        return self.const(np.array(value, dtype=np.float32), np.float32)

    def input(self, name, elem, dims):
        self.inputs.append(helper.make_tensor_value_info(name, elem, dims))
        return name

    def output(self, value, name, elem, dims):
        self.op("Identity", value, name=name)
        self.outputs.append(helper.make_tensor_value_info(name, elem, dims))

    def dim(self, value, axis):
        """A 1-element int64 tensor holding value's dim at axis."""
        return self.op("Gather", self.op("Shape", value), self.const([axis]), axis=0)

    def model(self, graph_name):
        g = helper.make_graph(self.nodes, graph_name, self.inputs, self.outputs, self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="nnjit models/kv")
        m.ir_version = 8
        onnx.checker.check_model(m)
        return m


# ---------------------------------------------------------------------------------------------------------------
# shared pieces
# ---------------------------------------------------------------------------------------------------------------

def linear(b, x, w, bias=None):
    y = b.op("MatMul", x, w)
    return b.op("Add", y, bias) if bias else y


def heads(b, x, n_heads, head_dim):
    """[B, S, n*d] -> [B, n, S, d]."""
    return b.op("Transpose", b.op("Reshape", x, b.const([0, 0, n_heads, head_dim])), perm=[0, 2, 1, 3])


def merge_heads(b, x, width):
    """[B, n, S, d] -> [B, S, n*d]."""
    return b.op("Reshape", b.op("Transpose", x, perm=[0, 2, 1, 3]), b.const([0, 0, width]))


def repeat_kv(b, x, kv_heads, groups, head_dim):
    """[B, kv, T, d] -> [B, kv*groups, T, d] (each KV head serves `groups` query heads, as Llama's repeat_kv)."""
    if groups == 1:
        return x
    five = b.op("Unsqueeze", x, b.const([2]))
    shape = b.op("Concat", b.dim(x, 0), b.const([kv_heads, groups]), b.dim(x, 2), b.const([head_dim]), axis=0)
    return b.op("Reshape", b.op("Expand", five, shape), b.const([0, kv_heads * groups, -1, head_dim]))


def attention(b, q, k, v, bias, head_dim):
    """softmax(q k^T / sqrt(d) + bias) v over [B, n, S, d] x [B, n, T, d]."""
    scores = b.op("MatMul", q, b.op("Transpose", k, perm=[0, 1, 3, 2]))
    scores = b.op("Add", b.op("Mul", scores, b.scalar(1.0 / np.sqrt(head_dim))), bias)
    return b.op("MatMul", b.op("Softmax", scores, axis=-1), v)


def padding_bias(b, mask):
    """[B, T] int64 mask (1 = attend) -> [B, 1, 1, T] float bias (0 or -1e9)."""
    m = b.op("Cast", mask, to=TensorProto.FLOAT)
    bias = b.op("Mul", b.op("Sub", b.scalar(1.0), m), b.scalar(NEG))
    return b.op("Unsqueeze", bias, b.const([1, 2]))


def causal_bias(b, past_len, seq_len):
    """[S, P+S] bias: query i (absolute position P+i) may see keys 0..P+i. past_len, seq_len: 1-element int64."""
    total = b.op("Add", past_len, seq_len)
    scalar = lambda t: b.op("Squeeze", t, b.const([0]))  # noqa: E731
    q_pos = b.op("Unsqueeze", b.op("Range", scalar(past_len), scalar(total), b.const(1)), b.const([1]))
    k_pos = b.op("Unsqueeze", b.op("Range", b.const(0), scalar(total), b.const(1)), b.const([0]))
    allowed = b.op("LessOrEqual", k_pos, q_pos)
    return b.op("Where", allowed, b.scalar(0.0), b.scalar(NEG))


def rms_norm(b, x, weight, eps=1e-6):
    var = b.op("ReduceMean", b.op("Mul", x, x), axes=[-1], keepdims=1)
    return b.op("Mul", b.op("Div", x, b.op("Sqrt", b.op("Add", var, b.scalar(eps)))), weight)


def layer_norm(b, x, g, beta):
    return b.op("LayerNormalization", x, g, beta, axis=-1, epsilon=1e-5)


def gelu(b, x):
    erf = b.op("Erf", b.op("Div", x, b.scalar(np.sqrt(2.0))))
    return b.op("Mul", b.op("Mul", x, b.scalar(0.5)), b.op("Add", erf, b.scalar(1.0)))


# ---------------------------------------------------------------------------------------------------------------
# decoder-only (Llama-like)
# ---------------------------------------------------------------------------------------------------------------

DEC = dict(vocab=96, width=32, heads=4, kv_heads=2, layers=2, ffn=64, positions=128, seed=20261205, std=0.3,
           head_std=1.0)
# The decode benchmark's model: the widths of models/bench/llama2-2l (Llama-2 style, 2 layers, 2048 wide, 16 heads of
# 128, MLP 5632, vocabulary 32000) with learned positions instead of rotary ones; about 940 MB of float32 weights.
BENCH = dict(vocab=32000, width=2048, heads=16, kv_heads=16, layers=2, ffn=5632, positions=512, seed=20261207,
             std=0.02, head_std=0.1)


def decoder_only(with_past, presents, c=DEC):
    d = c["width"] // c["heads"]
    std = c["std"]
    b = Builder(np.random.default_rng(c["seed"]))  # same seed, same draw order: every variant has the same weights
    ids = b.input("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])
    total_dim = "past_sequence_length + sequence_length" if with_past else "sequence_length"
    mask = b.input("attention_mask", TensorProto.INT64, ["batch_size", total_dim])
    pos = b.input("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"])
    pasts = []
    if with_past:
        for i in range(c["layers"]):
            pasts.append([b.input("past_key_values.%d.%s" % (i, kv), TensorProto.FLOAT,
                                  ["batch_size", c["kv_heads"], "past_sequence_length", d]) for kv in ("key", "value")])

    x = b.op("Add", b.op("Gather", b.weight("embed_tokens", [c["vocab"], c["width"]], 1.0), ids),
             b.op("Gather", b.weight("embed_positions", [c["positions"], c["width"]], 0.5), pos))
    seq_len = b.dim(ids, 1)
    past_len = b.dim(pasts[0][0], 2) if with_past else b.const([0])
    bias = b.op("Add", causal_bias(b, past_len, seq_len), padding_bias(b, mask))

    present_names = []
    for i in range(c["layers"]):
        p = "layers.%d." % i
        h = rms_norm(b, x, b.init(p + "input_norm", (1 + 0.1 * b.rng.standard_normal(c["width"])).astype(np.float32)))
        q = heads(b, linear(b, h, b.weight(p + "q", [c["width"], c["width"]], std)), c["heads"], d)
        k = heads(b, linear(b, h, b.weight(p + "k", [c["width"], c["kv_heads"] * d], std)), c["kv_heads"], d)
        v = heads(b, linear(b, h, b.weight(p + "v", [c["width"], c["kv_heads"] * d], std)), c["kv_heads"], d)
        if with_past:
            k = b.op("Concat", pasts[i][0], k, axis=2)
            v = b.op("Concat", pasts[i][1], v, axis=2)
        present_names.append((k, v))
        groups = c["heads"] // c["kv_heads"]
        ctx = attention(b, q, repeat_kv(b, k, c["kv_heads"], groups, d), repeat_kv(b, v, c["kv_heads"], groups, d),
                        bias, d)
        x = b.op("Add", x, linear(b, merge_heads(b, ctx, c["width"]), b.weight(p + "o", [c["width"], c["width"]], std)))
        h = rms_norm(b, x, b.init(p + "post_norm", (1 + 0.1 * b.rng.standard_normal(c["width"])).astype(np.float32)))
        gate = linear(b, h, b.weight(p + "gate", [c["width"], c["ffn"]], std))
        up = linear(b, h, b.weight(p + "up", [c["width"], c["ffn"]], std))
        silu = b.op("Mul", gate, b.op("Sigmoid", gate))
        x = b.op("Add", x, linear(b, b.op("Mul", silu, up), b.weight(p + "down", [c["ffn"], c["width"]], std)))
    x = rms_norm(b, x, b.init("final_norm", np.ones(c["width"], dtype=np.float32)))
    logits = linear(b, x, b.weight("lm_head", [c["width"], c["vocab"]], c["head_std"]))
    b.output(logits, "logits", TensorProto.FLOAT, ["batch_size", "sequence_length", c["vocab"]])
    if presents:
        for i, (k, v) in enumerate(present_names):
            for kv, value in (("key", k), ("value", v)):
                b.output(value, "present.%d.%s" % (i, kv), TensorProto.FLOAT,
                         ["batch_size", c["kv_heads"], total_dim, d])
    return b.model("decoder_only")


# ---------------------------------------------------------------------------------------------------------------
# encoder-decoder (BART-like)
# ---------------------------------------------------------------------------------------------------------------

SEQ = dict(vocab=80, width=32, heads=4, enc_layers=2, dec_layers=2, ffn=64, positions=128, seed=20261206,
           decoder_start_token_id=2)


class Seq2SeqWeights:
    """Draws every weight once, in a fixed order, so that each graph of the family carries the same values."""

    def __init__(self):
        c = SEQ
        rng = np.random.default_rng(c["seed"])
        w = lambda *shape, std=0.3: (rng.standard_normal(shape) * std).astype(np.float32)  # noqa: E731
        ln = lambda: ((1 + 0.1 * rng.standard_normal(c["width"])).astype(np.float32),  # noqa: E731
                      (0.05 * rng.standard_normal(c["width"])).astype(np.float32))
        self.embed = w(c["vocab"], c["width"], std=1.0)
        self.enc_pos = w(c["positions"], c["width"], std=0.5)
        self.dec_pos = w(c["positions"], c["width"], std=0.5)
        self.enc = [dict(ln1=ln(), qkv=[w(c["width"], c["width"]) for _ in range(3)], o=w(c["width"], c["width"]),
                         ln2=ln(), fc1=w(c["width"], c["ffn"]), fc2=w(c["ffn"], c["width"]))
                    for _ in range(c["enc_layers"])]
        self.enc_ln = ln()
        self.dec = [dict(ln1=ln(), qkv=[w(c["width"], c["width"]) for _ in range(3)], o=w(c["width"], c["width"]),
                         lnx=ln(), xq=w(c["width"], c["width"]), xkv=[w(c["width"], c["width"]) for _ in range(2)],
                         xo=w(c["width"], c["width"]), ln2=ln(), fc1=w(c["width"], c["ffn"]),
                         fc2=w(c["ffn"], c["width"]))
                    for _ in range(c["dec_layers"])]
        self.dec_ln = ln()
        self.lm_head = w(c["width"], c["vocab"], std=1.0)


def _ln(b, x, name, pair):
    return layer_norm(b, x, b.init(name + ".g", pair[0]), b.init(name + ".b", pair[1]))


def _encoder(b, wt, ids, mask):
    c = SEQ
    d = c["width"] // c["heads"]
    seq_len = b.dim(ids, 1)
    positions = b.op("Range", b.const(0), b.op("Squeeze", seq_len, b.const([0])), b.const(1))
    x = b.op("Add", b.op("Gather", b.init("embed", wt.embed), ids), b.op("Gather", b.init("enc_pos", wt.enc_pos), positions))
    bias = padding_bias(b, mask)
    for i, L in enumerate(wt.enc):
        p = "enc.%d." % i
        h = _ln(b, x, p + "ln1", L["ln1"])
        q, k, v = (heads(b, linear(b, h, b.init(p + n, L["qkv"][j])), c["heads"], d) for j, n in enumerate("qkv"))
        ctx = merge_heads(b, attention(b, q, k, v, bias, d), c["width"])
        x = b.op("Add", x, linear(b, ctx, b.init(p + "o", L["o"])))
        h = _ln(b, x, p + "ln2", L["ln2"])
        x = b.op("Add", x, linear(b, gelu(b, linear(b, h, b.init(p + "fc1", L["fc1"]))), b.init(p + "fc2", L["fc2"])))
    return _ln(b, x, "enc_ln", wt.enc_ln)


def _decoder(b, wt, ids, enc_mask, enc_states, pasts):
    """The decoder stack. pasts: None (no cache) or per layer (self_k, self_v, cross_k, cross_v) input names.
    Returns logits and per layer (self_k, self_v, cross_k, cross_v) present values."""
    c = SEQ
    d = c["width"] // c["heads"]
    seq_len = b.dim(ids, 1)
    past_len = b.dim(pasts[0][0], 2) if pasts else b.const([0])
    total = b.op("Add", past_len, seq_len)
    positions = b.op("Range", b.op("Squeeze", past_len, b.const([0])), b.op("Squeeze", total, b.const([0])), b.const(1))
    x = b.op("Add", b.op("Gather", b.init("embed", wt.embed), ids), b.op("Gather", b.init("dec_pos", wt.dec_pos), positions))
    self_bias = b.op("Unsqueeze", causal_bias(b, past_len, seq_len), b.const([0, 1]))
    cross_bias = padding_bias(b, enc_mask)
    presents = []
    for i, L in enumerate(wt.dec):
        p = "dec.%d." % i
        h = _ln(b, x, p + "ln1", L["ln1"])
        q, k, v = (heads(b, linear(b, h, b.init(p + n, L["qkv"][j])), c["heads"], d) for j, n in enumerate("qkv"))
        if pasts:
            k = b.op("Concat", pasts[i][0], k, axis=2)
            v = b.op("Concat", pasts[i][1], v, axis=2)
        x = b.op("Add", x, linear(b, merge_heads(b, attention(b, q, k, v, self_bias, d), c["width"]), b.init(p + "o", L["o"])))
        h = _ln(b, x, p + "lnx", L["lnx"])
        xq = heads(b, linear(b, h, b.init(p + "xq", L["xq"])), c["heads"], d)
        if pasts:
            xk, xv = pasts[i][2], pasts[i][3]
        else:
            xk, xv = (heads(b, linear(b, enc_states, b.init(p + n, L["xkv"][j])), c["heads"], d)
                      for j, n in enumerate(("xk", "xv")))
        x = b.op("Add", x, linear(b, merge_heads(b, attention(b, xq, xk, xv, cross_bias, d), c["width"]),
                                  b.init(p + "xo", L["xo"])))
        h = _ln(b, x, p + "ln2", L["ln2"])
        x = b.op("Add", x, linear(b, gelu(b, linear(b, h, b.init(p + "fc1", L["fc1"]))), b.init(p + "fc2", L["fc2"])))
        presents.append((k, v, xk, xv))
    x = _ln(b, x, "dec_ln", wt.dec_ln)
    return linear(b, x, b.init("lm_head", wt.lm_head)), presents


def seq2seq_models(wt):
    c = SEQ
    d = c["width"] // c["heads"]
    F, I = TensorProto.FLOAT, TensorProto.INT64
    logits_dims = ["batch_size", "decoder_sequence_length", c["vocab"]]
    out = {}

    b = Builder(None)
    ids = b.input("input_ids", I, ["batch_size", "encoder_sequence_length"])
    mask = b.input("attention_mask", I, ["batch_size", "encoder_sequence_length"])
    dec_ids = b.input("decoder_input_ids", I, ["batch_size", "decoder_sequence_length"])
    logits, _ = _decoder(b, wt, dec_ids, mask, _encoder(b, wt, ids, mask), None)
    b.output(logits, "logits", F, logits_dims)
    out["model.onnx"] = b.model("seq2seq_cacheless")

    b = Builder(None)
    ids = b.input("input_ids", I, ["batch_size", "encoder_sequence_length"])
    mask = b.input("attention_mask", I, ["batch_size", "encoder_sequence_length"])
    b.output(_encoder(b, wt, ids, mask), "last_hidden_state", F, ["batch_size", "encoder_sequence_length", c["width"]])
    out["encoder_model.onnx"] = b.model("encoder")

    def decoder(with_past):
        b = Builder(None)
        ids = b.input("input_ids", I, ["batch_size", "decoder_sequence_length"])
        enc_mask = b.input("encoder_attention_mask", I, ["batch_size", "encoder_sequence_length"])
        enc_states, pasts = None, None
        if with_past:
            pasts = []
            for i in range(c["dec_layers"]):
                layer = []
                for part, length in (("decoder", "past_decoder_sequence_length"), ("encoder", "encoder_sequence_length")):
                    for kv in ("key", "value"):
                        layer.append(b.input("past_key_values.%d.%s.%s" % (i, part, kv), F,
                                             ["batch_size", c["heads"], length, d]))
                pasts.append(layer)
        else:
            enc_states = b.input("encoder_hidden_states", F, ["batch_size", "encoder_sequence_length", c["width"]])
        logits, presents = _decoder(b, wt, ids, enc_mask, enc_states, pasts)
        b.output(logits, "logits", F, logits_dims)
        dec_len = "past_decoder_sequence_length + 1" if with_past else "decoder_sequence_length"
        for i, (k, v, xk, xv) in enumerate(presents):
            b.output(k, "present.%d.decoder.key" % i, F, ["batch_size", c["heads"], dec_len, d])
            b.output(v, "present.%d.decoder.value" % i, F, ["batch_size", c["heads"], dec_len, d])
            if not with_past:
                b.output(xk, "present.%d.encoder.key" % i, F, ["batch_size", c["heads"], "encoder_sequence_length", d])
                b.output(xv, "present.%d.encoder.value" % i, F, ["batch_size", c["heads"], "encoder_sequence_length", d])
        return b.model("decoder_with_past" if with_past else "decoder")

    out["decoder_model.onnx"] = decoder(False)
    out["decoder_with_past_model.onnx"] = decoder(True)
    passthrough = {}
    for i in range(c["dec_layers"]):
        for kv in ("key", "value"):
            passthrough["present.%d.encoder.%s" % (i, kv)] = "past_key_values.%d.encoder.%s" % (i, kv)
    out["decoder_model_merged.onnx"] = merge_with_past(out["decoder_model.onnx"], out["decoder_with_past_model.onnx"],
                                                       passthrough=passthrough, graph_name="decoder_merged")
    return out


# ---------------------------------------------------------------------------------------------------------------

def save(folder, files, config):
    os.makedirs(folder, exist_ok=True)
    for name, m in files.items():
        onnx.checker.check_model(m)
        onnx.save(m, os.path.join(folder, name))
        print("%-60s %7d bytes" % (os.path.relpath(os.path.join(folder, name), HERE), os.path.getsize(os.path.join(folder, name))))
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def bench(folder):
    """models/kv/build_models.py --bench FOLDER: the decode benchmark's model-kv.onnx (+ model-kv.onnx.data)."""
    os.makedirs(folder, exist_ok=True)
    m = decoder_only(True, True, BENCH)
    path = os.path.join(folder, "model-kv.onnx")
    onnx.save_model(m, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model-kv.onnx.data", size_threshold=1024)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"model_type": "nnjit-kv-bench-llama2-2l", "vocab_size": BENCH["vocab"], "hidden_size": BENCH["width"],
                   "num_attention_heads": BENCH["heads"], "num_key_value_heads": BENCH["kv_heads"],
                   "num_hidden_layers": BENCH["layers"], "intermediate_size": BENCH["ffn"],
                   "max_position_embeddings": BENCH["positions"]}, f, indent=2)
        f.write("\n")
    print("%s + model-kv.onnx.data (%d bytes)" % (path, os.path.getsize(path + ".data")))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        bench(sys.argv[2])
        return
    no_past = decoder_only(False, True)
    with_past = decoder_only(True, True)
    save(os.path.join(HERE, "decoder-only"), {
        "model.onnx": decoder_only(False, False),
        "model-kv.onnx": with_past,
        "model-kv-merged.onnx": merge_with_past(no_past, with_past, graph_name="decoder_only_merged"),
    }, {"model_type": "nnjit-kv-decoder-only", "vocab_size": DEC["vocab"], "hidden_size": DEC["width"],
        "num_attention_heads": DEC["heads"], "num_key_value_heads": DEC["kv_heads"],
        "num_hidden_layers": DEC["layers"], "max_position_embeddings": DEC["positions"]})
    save(os.path.join(HERE, "encoder-decoder"), seq2seq_models(Seq2SeqWeights()), {
        "model_type": "nnjit-kv-encoder-decoder", "is_encoder_decoder": True, "vocab_size": SEQ["vocab"],
        "d_model": SEQ["width"], "encoder_attention_heads": SEQ["heads"], "decoder_attention_heads": SEQ["heads"],
        "encoder_layers": SEQ["enc_layers"], "decoder_layers": SEQ["dec_layers"],
        "max_position_embeddings": SEQ["positions"], "decoder_start_token_id": SEQ["decoder_start_token_id"]})


if __name__ == "__main__":
    main()
