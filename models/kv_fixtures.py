"""KV-cache variants of the generative fixtures (gpt2, llama, t5, bart) and of the llama2-2l bench graph.

Run through make_fixtures.py (`--kv`); needs what it needs (torch, transformers 5.x, onnx, onnxruntime), downloads
nothing, and builds each model exactly as make_fixtures.py does (same spec, seed and perturbation), so the KV graphs
carry the same weights as fixtures/<name>/model.onnx. Input and output names follow Optimum's ONNX exports:

decoder-only (fixtures/<name>/):
  model-kv.onnx         input_ids, attention_mask [batch, past_sequence + sequence], position_ids,
                        past_key_values.{i}.key/.value [batch, kv_heads, past_sequence, head_dim]
                        -> logits, present.{i}.key/.value [batch, kv_heads, past_sequence + sequence, head_dim]
  model-kv-merged.onnx  the same inputs + use_cache_branch (bool [1]); an If runs the no-past graph (false: pasts are
                        ignored, feed 0-length ones) or the with-past graph (true)
encoder-decoder (fixtures/<name>/):
  encoder_model.onnx            input_ids, attention_mask -> last_hidden_state
  decoder_model.onnx            input_ids, encoder_attention_mask, encoder_hidden_states
                                -> logits, present.{i}.decoder.key/.value, present.{i}.encoder.key/.value
  decoder_with_past_model.onnx  input_ids, encoder_attention_mask, past_key_values.{i}.decoder/.encoder.key/.value
                                -> logits, present.{i}.decoder.key/.value
  decoder_model_merged.onnx     union of both decoders' inputs + use_cache_branch; outputs of decoder_model.onnx
                                (with use_cache_branch true, present.{i}.encoder.* are the pasts passed through)
generate-kv.json: prompts, greedy ids from PyTorch (generate() and a manual use_cache loop), from the flat-tensor
wrappers run eagerly, from ONNX Runtime loops over the KV graphs, and the cache-less ids; every KV id list must equal
the PyTorch manual loop's, and the script lists each disagreement as a failure.
"""
import json
import os
import tempfile
import time
import traceback

import numpy as np
import onnx
import onnxruntime as ort
import torch
import transformers

import make_fixtures as mf
from onnx_merge import USE_CACHE_BRANCH, merge_with_past

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_NEW_TOKENS = 16
BENCH_NEW_TOKENS = 8

# Prompts of models/generate/reference.json (batch 1) and a shorter second row for batch 2: decoder-only models pad
# it on the left (as generation does), encoder-decoder models on the right (their encoder sees the mask).
PROMPTS = {
    "gpt2": ([0, 17, 42, 99, 123, 7], [0, 55, 66, 77], "left"),
    "llama": ([1, 17, 42, 99, 123, 7], [1, 55, 66, 77], "left"),
    "t5": ([17, 42, 99, 123, 7, 1], [55, 66, 77, 1], "right"),
    "bart": ([0, 17, 42, 99, 123, 7, 2], [0, 55, 66, 2], "right"),
}

log = mf.log


# ---------------------------------------------------------------------------------------------------------------
# transformers Cache objects <-> flat tensors
# ---------------------------------------------------------------------------------------------------------------

def cache_pairs(cache):
    """(keys, values) per layer of a transformers cache (5.x: .layers[i].keys/.values; 4.x: key_cache/value_cache)."""
    layers = getattr(cache, "layers", None)
    if layers is not None:
        return [(layer.keys, layer.values) for layer in layers]
    if hasattr(cache, "key_cache"):
        return list(zip(cache.key_cache, cache.value_cache))
    if isinstance(cache, (tuple, list)):
        return [(t[0], t[1]) for t in cache]
    raise TypeError("don't know how to read layers from a %s" % type(cache).__name__)


def filled_dynamic_cache(pairs):
    """A DynamicCache holding the given (keys, values) per layer, with no empty-tensor Concat in front of them.

    DynamicCache.update on a fresh layer concatenates onto a 1-D empty tensor, which exporters may keep as a
    rank-mismatched Concat; so the layers are filled directly. Falls back to update() if the layer type differs."""
    from transformers.cache_utils import DynamicCache
    cache = DynamicCache()
    try:
        from transformers.cache_utils import DynamicLayer
        layers = []
        for k, v in pairs:
            layer = DynamicLayer()
            layer.dtype, layer.device = k.dtype, k.device
            layer.keys, layer.values = k, v
            layer.is_initialized = True
            layers.append(layer)
        cache.layers = layers
        return cache
    except (ImportError, TypeError, AttributeError) as e:
        log("  filled_dynamic_cache: direct fill failed (%s: %s); using DynamicCache.update" % (type(e).__name__, e))
    cache = DynamicCache()
    for i, (k, v) in enumerate(pairs):
        cache.update(k, v, i)
    return cache


def self_check_cache():
    """Eager check of the cache helpers against this transformers version (a clear error beats a wrong graph)."""
    k = torch.randn(2, 3, 4, 5)
    v = torch.randn(2, 3, 4, 5)
    c = filled_dynamic_cache([(k, v), (k + 1, v + 1)])
    got = cache_pairs(c)
    assert len(got) == 2 and torch.equal(got[1][0], k + 1), "cache_pairs/filled_dynamic_cache disagree"
    assert int(c.get_seq_length()) == 4, "DynamicCache.get_seq_length() = %s, want 4" % c.get_seq_length()
    e = filled_dynamic_cache([(k[:, :, :0], v[:, :, :0])])
    assert int(e.get_seq_length()) == 0, "0-length cache reports %s" % e.get_seq_length()
    from transformers.cache_utils import EncoderDecoderCache
    ed = EncoderDecoderCache(filled_dynamic_cache([(k, v)]), filled_dynamic_cache([(k, v)]))
    assert getattr(ed, "is_updated", {0: True}).get(0, True), "EncoderDecoderCache does not see the cross cache"
    log("cache helpers ok (%s)" % type(c).__name__)


def past_names(n_layers, parts=("",)):
    """Optimum's flat names: past_key_values.{i}[.part].key/.value, in layer order, key before value."""
    out = []
    for i in range(n_layers):
        for part in parts:
            for kv in ("key", "value"):
                out.append("past_key_values.%d%s.%s" % (i, part, kv))
    return out


def present_name(past_name):
    return "present." + past_name[len("past_key_values."):]


# ---------------------------------------------------------------------------------------------------------------
# Wrappers: flat tensors in, flat tensors out
# ---------------------------------------------------------------------------------------------------------------

def cache_geometry(model, seq2seq):
    """(layers, heads, head_dim) of the model's self-attention cache, read from one eager step with use_cache."""
    one = torch.full((1, 1), 4, dtype=torch.int64)
    with torch.no_grad():
        if seq2seq:
            o = model(input_ids=one, attention_mask=torch.ones_like(one), decoder_input_ids=one, use_cache=True,
                      return_dict=True)
            pairs = cache_pairs(o.past_key_values.self_attention_cache)
        else:
            o = model(input_ids=one, attention_mask=torch.ones_like(one), use_cache=True, return_dict=True)
            pairs = cache_pairs(o.past_key_values)
    k = pairs[0][0]
    return len(pairs), int(k.shape[1]), int(k.shape[3])


def empty_cache(batch, geometry, dtype):
    """A DynamicCache of 0-length 4-D layers: the no-past graphs then start from the same Concat as the with-past
    ones, instead of transformers' lazy 1-D empty tensor (which the exporters would have to drop)."""
    n_layers, heads, head_dim = geometry
    empty = torch.zeros(batch, heads, 0, head_dim, dtype=dtype)
    return filled_dynamic_cache([(empty, empty)] * n_layers)


class CausalNoPast(torch.nn.Module):
    """(input_ids, attention_mask, position_ids) -> (logits, present.0.key, present.0.value, ...)."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.geometry = cache_geometry(model, seq2seq=False)

    def forward(self, input_ids, attention_mask, position_ids):
        cache = empty_cache(input_ids.shape[0], self.geometry, torch.float32)
        o = self.model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                       past_key_values=cache, use_cache=True, return_dict=True)
        return (o.logits,) + tuple(t for kv in cache_pairs(o.past_key_values) for t in kv)


class CausalWithPast(torch.nn.Module):
    """(input_ids, attention_mask, position_ids, past tuple k0, v0, k1, ...) -> (logits, present k0, v0, ...)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, past):
        cache = filled_dynamic_cache([(past[2 * i], past[2 * i + 1]) for i in range(len(past) // 2)])
        o = self.model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                       past_key_values=cache, use_cache=True, return_dict=True)
        return (o.logits,) + tuple(t for kv in cache_pairs(o.past_key_values) for t in kv)


def encoder_outputs(hidden):
    from transformers.modeling_outputs import BaseModelOutput
    return BaseModelOutput(last_hidden_state=hidden)


class Seq2SeqEncoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model.get_encoder()(input_ids=input_ids, attention_mask=attention_mask,
                                        return_dict=True).last_hidden_state


class Seq2SeqDecoderNoPast(torch.nn.Module):
    """(input_ids, encoder_attention_mask, encoder_hidden_states) -> logits, then per layer the decoder's
    self-attention key/value and the cross-attention (encoder) key/value."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.geometry = cache_geometry(model, seq2seq=True)

    def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states):
        from transformers.cache_utils import EncoderDecoderCache
        b = input_ids.shape[0]
        cache = EncoderDecoderCache(empty_cache(b, self.geometry, encoder_hidden_states.dtype),
                                    empty_cache(b, self.geometry, encoder_hidden_states.dtype))
        o = self.model(encoder_outputs=encoder_outputs(encoder_hidden_states), attention_mask=encoder_attention_mask,
                       decoder_input_ids=input_ids, past_key_values=cache, use_cache=True, return_dict=True)
        c = o.past_key_values
        out = [o.logits]
        for (dk, dv), (ek, ev) in zip(cache_pairs(c.self_attention_cache), cache_pairs(c.cross_attention_cache)):
            out += [dk, dv, ek, ev]
        return tuple(out)


class Seq2SeqDecoderWithPast(torch.nn.Module):
    """(input_ids, encoder_attention_mask, past tuple: per layer decoder k, v, encoder k, v) -> logits, then per layer
    the decoder's self-attention key/value (the cross-attention cache never changes, so it is not returned)."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.d_model = model.config.d_model

    def forward(self, input_ids, encoder_attention_mask, past):
        n = len(past) // 4
        from transformers.cache_utils import EncoderDecoderCache
        cache = EncoderDecoderCache(filled_dynamic_cache([(past[4 * i], past[4 * i + 1]) for i in range(n)]),
                                    filled_dynamic_cache([(past[4 * i + 2], past[4 * i + 3]) for i in range(n)]))
        # With the cross-attention keys/values cached the decoder never reads the encoder's states; the model still
        # wants a tensor of their shape (batch, encoder_sequence, d_model) for its masks.
        placeholder = torch.zeros(input_ids.shape[0], encoder_attention_mask.shape[1], self.d_model,
                                  dtype=past[0].dtype)
        o = self.model(encoder_outputs=encoder_outputs(placeholder), attention_mask=encoder_attention_mask,
                       decoder_input_ids=input_ids, past_key_values=cache, use_cache=True, return_dict=True)
        return (o.logits,) + tuple(t for kv in cache_pairs(o.past_key_values.self_attention_cache) for t in kv)


# ---------------------------------------------------------------------------------------------------------------
# Graph descriptions and export
# ---------------------------------------------------------------------------------------------------------------

OPSETS = {"torchscript": 17, "dynamo": 18}
EXPORTERS = ("torchscript", "dynamo")   # TorchScript first; dynamo where it fails (or its graphs disagree)


def graph(key, file, wrapper, layout, outputs, axes, example):
    """layout: [(forward argument, [flat input names], is_tuple)]; axes: {flat name: {axis: dim name}}."""
    return dict(key=key, file=file, wrapper=wrapper.eval(), layout=layout, outputs=outputs, axes=axes,
                example=example)


def flat_inputs(g):
    return [n for _, names, _ in g["layout"] for n in names]


def export_graph(g, path, exporter, opset):
    args = tuple(tuple(x) if is_tuple else x for x, (_, _, is_tuple) in zip(g["example"], g["layout"]))
    inputs, outputs = flat_inputs(g), g["outputs"]
    if exporter == "torchscript":
        torch.onnx.export(g["wrapper"], args, path, dynamo=False, opset_version=opset, input_names=inputs,
                          output_names=outputs, dynamic_axes=g["axes"], do_constant_folding=True)
        return "torchscript"
    Dim = torch.export.Dim
    named = {}

    def dim(nm, auto):
        if auto or "+" in nm:        # a sum of two dims is no torch.export Dim: let export work it out
            return Dim.AUTO
        return named.setdefault(nm, Dim(nm))

    def shapes(auto):
        out = {}
        for arg, names, is_tuple in g["layout"]:
            specs = [{ax: dim(nm, auto) for ax, nm in g["axes"].get(n, {}).items()} for n in names]
            out[arg] = tuple(specs) if is_tuple else specs[0]
        return out

    attempts = [("named-dims", dict(dynamic_shapes=shapes(False))), ("auto-dims", dict(dynamic_shapes=shapes(True))),
                ("dynamic-axes", dict(dynamic_axes=g["axes"]))]
    last = None
    for label, kw in attempts:
        try:
            prog = torch.onnx.export(g["wrapper"], args, dynamo=True, opset_version=opset, input_names=inputs,
                                     output_names=outputs, optimize=True, **kw)
            prog.save(path, external_data=False)
            return "dynamo/" + label
        except Exception as e:  # the next attempt may work; the log keeps the reason
            log("  %s: dynamo export with %s failed: %s: %s" % (g["file"], label, type(e).__name__, str(e)[:1500]))
            last = e
    raise last


def set_io_dims(m, axes):
    """Names the symbolic dims of graph inputs/outputs as in axes (exporters invent s0, s1, ...); renames the same
    symbols in value_info. Returns warnings for dims the exporter made fixed (a fixed dim is left alone)."""
    warnings, mapping = [], {}
    for vi in list(m.graph.input) + list(m.graph.output):
        for ax, nm in axes.get(vi.name, {}).items():
            dims = vi.type.tensor_type.shape.dim
            if ax >= len(dims):
                warnings.append("%s has rank %d, no axis %d" % (vi.name, len(dims), ax))
                continue
            d = dims[ax]
            if d.HasField("dim_value"):
                warnings.append("%s axis %d is fixed to %d (wanted %s)" % (vi.name, ax, d.dim_value, nm))
                continue
            if d.HasField("dim_param") and d.dim_param != nm:
                mapping.setdefault(d.dim_param, nm)
            d.dim_param = nm
    for vi in m.graph.value_info:
        if vi.type.HasField("tensor_type"):
            for d in vi.type.tensor_type.shape.dim:
                if d.HasField("dim_param") and d.dim_param in mapping:
                    d.dim_param = mapping[d.dim_param]
    return warnings


def check_graph(m, label, problems):
    try:
        onnx.checker.check_model(m)
        return "ok"
    except Exception as e:
        msg = "%s: %s" % (type(e).__name__, str(e)[:300])
        problems.append("%s: onnx.checker: %s" % (label, msg))
        return msg


def graph_meta(m, path, how, checker, warnings):
    hist = mf.op_histogram(m.graph)
    return {"exporter": how, "bytes": os.path.getsize(path), "nodes": sum(hist.values()),
            "initializers": len(m.graph.initializer),
            "opset_imports": {(o.domain or "ai.onnx"): o.version for o in m.opset_import},
            "op_histogram": dict(sorted(hist.items())), "inputs": mf.io_desc(m.graph.input),
            "outputs": mf.io_desc(m.graph.output), "onnx_checker": checker, "dim_warnings": warnings}


def export_all(graphs, d, exporter, problems):
    """Exports every graph with one exporter (graphs merged later must share opsets); an export failure raises.
    Returns {key: ModelProto}, {file: meta}."""
    models, metas = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for g in graphs:
            t0 = time.time()
            raw = os.path.join(tmp, g["file"])
            how = export_graph(g, raw, exporter, OPSETS[exporter])
            m = mf.load_inline(raw)
            warnings = set_io_dims(m, g["axes"])
            for w in warnings:
                log("  WARNING %s: %s" % (g["file"], w))
            path = os.path.join(d, g["file"])
            onnx.save(m, path)
            checker = check_graph(m, g["file"], problems)
            models[g["key"]] = m
            metas[g["file"]] = graph_meta(m, path, how, checker, warnings)
            metas[g["file"]]["seconds"] = round(time.time() - t0, 2)
            log("  exported %s (%s) in %.1fs, %d B, %d nodes, checker %s" % (
                g["file"], how, time.time() - t0, os.path.getsize(path), metas[g["file"]]["nodes"], checker))
    return models, metas


def save_merged(no_past, with_past, path, passthrough, problems):
    t0 = time.time()
    m = merge_with_past(no_past, with_past, passthrough=passthrough)
    onnx.save(m, path)
    checker = check_graph(m, os.path.basename(path), problems)
    meta = graph_meta(m, path, "onnx_merge.merge_with_past", checker, [])
    meta["seconds"] = round(time.time() - t0, 2)
    log("  merged %s: %d B, %d initializers (%.1fs)" % (os.path.basename(path), meta["bytes"],
                                                        meta["initializers"], time.time() - t0))
    return meta


# ---------------------------------------------------------------------------------------------------------------
# Runners: one interface over ONNX Runtime sessions and the eager wrappers
# ---------------------------------------------------------------------------------------------------------------

class OrtRunner:
    def __init__(self, paths):
        so = ort.SessionOptions()
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        so.intra_op_num_threads = 8
        self.sessions = {k: ort.InferenceSession(p, so, providers=["CPUExecutionProvider"]) for k, p in paths.items()}

    def __call__(self, key, feeds):
        sess = self.sessions[key]
        names = [i.name for i in sess.get_inputs()]
        missing = [n for n in names if n not in feeds]
        if missing:
            raise KeyError("%s needs inputs %s" % (key, missing))
        outs = sess.run(None, {n: np.asarray(feeds[n]) for n in names})
        return dict(zip([o.name for o in sess.get_outputs()], outs))


class TorchRunner:
    def __init__(self, graphs):
        self.graphs = {g["key"]: g for g in graphs}

    def __call__(self, key, feeds):
        g = self.graphs[key]
        args = []
        for _, names, is_tuple in g["layout"]:
            ts = [torch.from_numpy(np.ascontiguousarray(feeds[n])) for n in names]
            args.append(tuple(ts) if is_tuple else ts[0])
        with torch.no_grad():
            outs = g["wrapper"](*args)
        return {n: o.detach().float().numpy() if o.is_floating_point() else o.numpy()
                for n, o in zip(g["outputs"], outs)}


# ---------------------------------------------------------------------------------------------------------------
# Greedy loops
# ---------------------------------------------------------------------------------------------------------------

def pick(last_logits):
    """Argmax per row (lowest id among equal scores, like torch.argmax) and the smallest best-minus-second gap."""
    last_logits = np.asarray(last_logits, dtype=np.float32)
    ids = last_logits.argmax(-1)
    top2 = np.sort(last_logits, axis=-1)[:, -2:]
    return ids.astype(np.int64), float((top2[:, 1] - top2[:, 0]).min())


def positions(mask):
    """Generation's position ids: the number of real tokens before each one; padding gets 1 (masked anyway)."""
    pos = np.cumsum(mask, axis=-1) - 1
    pos[mask == 0] = 1
    return pos.astype(np.int64)


def causal_kv_loop(run, mode, ids, mask, n, n_layers, kv_heads, head_dim):
    """mode: split (no-past graph, then with-past), zero_past (with-past graph from a 0-length past), merged."""
    b = ids.shape[0]
    pnames = past_names(n_layers)
    empty = {p: np.zeros((b, kv_heads, 0, head_dim), np.float32) for p in pnames}
    pos = positions(mask)
    feeds = {"input_ids": ids, "attention_mask": mask, "position_ids": pos}
    if mode == "split":
        out = run("nopast", feeds)
    elif mode == "zero_past":
        out = run("past", {**feeds, **empty})
    else:
        out = run("merged", {**feeds, **empty, USE_CACHE_BRANCH: np.array([False])})
    generated, margin, last_pos = [], float("inf"), pos[:, -1:]
    for step in range(n):
        nxt, m = pick(out["logits"][:, -1, :])
        generated.append(nxt)
        margin = min(margin, m)
        if step == n - 1:
            break
        mask = np.concatenate([mask, np.ones((b, 1), np.int64)], axis=1)
        last_pos = last_pos + 1
        feeds = {"input_ids": nxt[:, None], "attention_mask": mask, "position_ids": last_pos}
        feeds.update({p: out[present_name(p)] for p in pnames})
        if mode == "merged":
            feeds[USE_CACHE_BRANCH] = np.array([True])
            out = run("merged", feeds)
        else:
            out = run("past", feeds)
    return np.stack(generated, axis=1), margin


def seq2seq_kv_loop(run, mode, ids, mask, n, dec_start, n_layers, heads, head_dim):
    """mode: split (decoder_model, then decoder_with_past_model) or merged (decoder_model_merged)."""
    b = ids.shape[0]
    enc = run("encoder", {"input_ids": ids, "attention_mask": mask})["last_hidden_state"]
    dec_names = past_names(n_layers, (".decoder",))
    enc_names = past_names(n_layers, (".encoder",))
    first = {"input_ids": np.full((b, 1), dec_start, np.int64), "encoder_attention_mask": mask,
             "encoder_hidden_states": enc}
    if mode == "split":
        out = run("decoder", first)
    else:
        empty = {p: np.zeros((b, heads, 0, head_dim), np.float32) for p in dec_names + enc_names}
        out = run("merged", {**first, **empty, USE_CACHE_BRANCH: np.array([False])})
    enc_past = {p: out[present_name(p)] for p in enc_names}
    generated, margin = [], float("inf")
    for step in range(n):
        nxt, m = pick(out["logits"][:, -1, :])
        generated.append(nxt)
        margin = min(margin, m)
        if step == n - 1:
            break
        feeds = {"input_ids": nxt[:, None], "encoder_attention_mask": mask}
        feeds.update({p: out[present_name(p)] for p in dec_names})
        feeds.update(enc_past)
        if mode == "merged":
            feeds.update({"encoder_hidden_states": enc, USE_CACHE_BRANCH: np.array([True])})
            out = run("merged", feeds)
            for p in enc_names:   # the with-past branch must hand the encoder's keys/values back unchanged
                if not np.array_equal(out[present_name(p)], enc_past[p]):
                    raise AssertionError("merged graph changed %s" % present_name(p))
        else:
            out = run("decoder_with_past", feeds)
    return np.stack(generated, axis=1), margin


def hf_causal_loop(model, ids, mask, n):
    """PyTorch greedy with the model's own cache objects (no flat-tensor wrapper in between)."""
    ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
    pos = torch.from_numpy(positions(mask))
    generated, margin = [], float("inf")
    with torch.no_grad():
        o = model(input_ids=ids_t, attention_mask=mask_t, position_ids=pos, use_cache=True, return_dict=True)
        last_pos = pos[:, -1:]
        for step in range(n):
            nxt, m = pick(o.logits[:, -1, :].float().numpy())
            generated.append(nxt)
            margin = min(margin, m)
            if step == n - 1:
                break
            mask_t = torch.cat([mask_t, torch.ones(mask_t.shape[0], 1, dtype=torch.int64)], dim=1)
            last_pos = last_pos + 1
            o = model(input_ids=torch.from_numpy(nxt[:, None]), attention_mask=mask_t, position_ids=last_pos,
                      past_key_values=o.past_key_values, use_cache=True, return_dict=True)
    return np.stack(generated, axis=1), margin


def hf_seq2seq_loop(model, ids, mask, n, dec_start):
    ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
    generated, margin = [], float("inf")
    with torch.no_grad():
        enc = model.get_encoder()(input_ids=ids_t, attention_mask=mask_t, return_dict=True).last_hidden_state
        dec = torch.full((ids.shape[0], 1), dec_start, dtype=torch.int64)
        o = model(encoder_outputs=encoder_outputs(enc), attention_mask=mask_t, decoder_input_ids=dec, use_cache=True,
                  return_dict=True)
        for step in range(n):
            nxt, m = pick(o.logits[:, -1, :].float().numpy())
            generated.append(nxt)
            margin = min(margin, m)
            if step == n - 1:
                break
            o = model(encoder_outputs=encoder_outputs(enc), attention_mask=mask_t,
                      decoder_input_ids=torch.from_numpy(nxt[:, None]), past_key_values=o.past_key_values,
                      use_cache=True, return_dict=True)
    return np.stack(generated, axis=1), margin


def hf_generate(model, s, ids, mask, n):
    """model.generate(do_sample=False): no EOS (so exactly n ids, like every other loop here), nothing forced."""
    gc = transformers.GenerationConfig(max_new_tokens=n, do_sample=False, num_beams=1, use_cache=True,
                                       eos_token_id=None, pad_token_id=s["pad_id"],
                                       decoder_start_token_id=s["dec_start"])
    # generate() fills unset fields from model.generation_config (which carries the config's EOS and BART's
    # forced_eos_token_id), so that one is replaced too.
    model.generation_config = gc
    with torch.no_grad():
        out = model.generate(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
                             generation_config=gc)
    out = out.numpy()
    new = out[:, ids.shape[1]:] if s["kind"] == "causal" else out[:, 1:]
    if new.shape[1] != n:
        raise AssertionError("generate returned %d new ids, want %d: %s" % (new.shape[1], n, out.tolist()))
    return new


def cacheless_loop(run_logits, s, prompt, n):
    """Batch 1, masks of ones, the whole sequence every step (the loop of models/generate/make_reference.mjs)."""
    seq = list(prompt) if s["kind"] == "causal" else [s["dec_start"]]
    generated, margin = [], float("inf")
    for _ in range(n):
        row = lambda xs: np.array([xs], dtype=np.int64)
        if s["kind"] == "causal":
            feeds = {"input_ids": row(seq), "attention_mask": np.ones((1, len(seq)), np.int64)}
        else:
            feeds = {"input_ids": row(prompt), "attention_mask": np.ones((1, len(prompt)), np.int64),
                     "decoder_input_ids": row(seq)}
        nxt, m = pick(run_logits(feeds)[:, -1, :])
        generated.append(int(nxt[0]))
        margin = min(margin, m)
        seq.append(int(nxt[0]))
    return np.array([generated], dtype=np.int64), margin


def torch_cacheless_logits(model):
    def run(feeds):
        with torch.no_grad():
            kw = {k: torch.from_numpy(v) for k, v in feeds.items()}
            return model(**kw, use_cache=False, return_dict=True).logits.float().numpy()
    return run


def ort_cacheless_logits(path):
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]
    return lambda feeds: sess.run(["logits"], {n: feeds[n] for n in names})[0]


def reference_ids(name, n):
    """Cache-less greedy ids of native ONNX Runtime from models/generate/reference.json (penalty 1), if present."""
    path = os.path.join(HERE, "generate", "reference.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        for c in json.load(f)["cases"]:
            if c["fixture"] == name and c["repetitionPenalty"] == 1:
                return c["ids"][:n]
    return None


# ---------------------------------------------------------------------------------------------------------------
# Prompts and comparison
# ---------------------------------------------------------------------------------------------------------------

def prompt_batches(name, pad_id):
    long_row, short_row, side = PROMPTS[name]
    one = (np.array([long_row], np.int64), np.ones((1, len(long_row)), np.int64))
    pad = len(long_row) - len(short_row)
    filler, ones = [pad_id] * pad, [1] * len(short_row)
    if side == "left":
        row2, mask2 = filler + short_row, [0] * pad + ones
    else:
        row2, mask2 = short_row + filler, ones + [0] * pad
    two = (np.array([long_row, row2], np.int64), np.array([[1] * len(long_row), mask2], np.int64))
    return [("batch1", one), ("batch2_%s_padded" % side, two)]


# Diagnostics, not checks: the exported wrappers run eagerly. The ORT runs of the exported graphs already compare
# those graphs with PyTorch's own cache loop end to end; when an eager wrapper cannot run (transformers 5.17's
# EncoderDecoderCache refuses the 0-length cross-attention cache eagerly that tracing accepts) that is recorded as a
# diagnostic error, while an eager wrapper that runs and disagrees is still a mismatch.
DIAGNOSTIC_METHODS = ("wrappers_eager_split", "wrappers_eager_zero_past")


def compare(label, results, reference_key, problems, errors=None):
    """results: {method: ids array or error string}. Every method must equal the reference's ids; a diagnostic
    method that failed to run goes to errors (a list) instead, when given."""
    ref = results.get(reference_key)
    mismatches = []
    if not isinstance(ref, np.ndarray):
        mismatches.append("%s: reference %s missing: %s" % (label, reference_key, ref))
    else:
        for k, v in results.items():
            if k == reference_key:
                continue
            if not isinstance(v, np.ndarray) and errors is not None and k in DIAGNOSTIC_METHODS:
                errors.append("%s: %s could not run: %s" % (label, k, v))
                log("  DIAGNOSTIC FAILED TO RUN (not a mismatch) %s: %s" % (k, v))
            elif not isinstance(v, np.ndarray):
                mismatches.append("%s: %s failed: %s" % (label, k, v))
            elif v.shape != ref.shape or not np.array_equal(v, ref):
                mismatches.append("%s: %s %s != %s %s" % (label, k, v.tolist(), reference_key, ref.tolist()))
    for msg in mismatches:
        log("  MISMATCH " + msg)
        problems.append(msg)
    return mismatches


def attempt(fn, *args):
    """Runs one greedy method; an exception becomes its result (a string) so the other methods still run."""
    try:
        return fn(*args)
    except Exception as e:
        traceback.print_exc()
        return "%s: %s" % (type(e).__name__, str(e)[:500])


def ids_json(v):
    return v.tolist() if isinstance(v, np.ndarray) else v


# ---------------------------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------------------------

def causal_graphs(model, gen):
    """Example inputs with distinct sizes (batch 2, sequence 3, past 5) so no exporter confuses two dims."""
    b, s_len, p_len = 2, 3, 5
    vocab = model.config.vocab_size
    nopast = CausalNoPast(model).eval()
    ids = torch.randint(4, vocab, (b, p_len), generator=gen, dtype=torch.int64)
    with torch.no_grad():
        prefix = nopast(ids, torch.ones(b, p_len, dtype=torch.int64),
                        torch.arange(p_len).unsqueeze(0).expand(b, p_len).contiguous())
    n_layers = (len(prefix) - 1) // 2
    _, kv_heads, _, head_dim = prefix[1].shape
    pnames = past_names(n_layers)
    pres = [present_name(p) for p in pnames]
    seq_axes = {0: "batch", 1: "sequence"}
    nopast_axes = {"input_ids": seq_axes, "attention_mask": seq_axes, "position_ids": seq_axes, "logits": seq_axes}
    nopast_axes.update({p: {0: "batch", 2: "sequence"} for p in pres})
    total = "past_sequence + sequence"
    past_axes = {"input_ids": seq_axes, "position_ids": seq_axes, "attention_mask": {0: "batch", 1: total},
                 "logits": seq_axes}
    past_axes.update({p: {0: "batch", 2: "past_sequence"} for p in pnames})
    past_axes.update({p: {0: "batch", 2: total} for p in pres})
    new_ids = torch.randint(4, vocab, (b, s_len), generator=gen, dtype=torch.int64)
    pos = torch.arange(p_len, p_len + s_len).unsqueeze(0).expand(b, s_len).contiguous()
    mask_ex = torch.ones(b, p_len + s_len, dtype=torch.int64)
    mask_ex[1, 0] = 0   # a padded row, so the mask is not all ones
    graphs = [
        graph("nopast", "model-kv-nopast.onnx", nopast,
              [("input_ids", ["input_ids"], False), ("attention_mask", ["attention_mask"], False),
               ("position_ids", ["position_ids"], False)],
              ["logits"] + pres, nopast_axes, [ids[:, :s_len], mask_ex[:, :s_len], pos - p_len]),
        graph("past", "model-kv.onnx", CausalWithPast(model),
              [("input_ids", ["input_ids"], False), ("attention_mask", ["attention_mask"], False),
               ("position_ids", ["position_ids"], False), ("past", pnames, True)],
              ["logits"] + pres, past_axes, [new_ids, mask_ex, pos, list(prefix[1:])]),
    ]
    return graphs, dict(n_layers=n_layers, kv_heads=int(kv_heads), head_dim=int(head_dim))


def seq2seq_graphs(model, gen):
    """Example sizes: batch 2, encoder sequence 6, decoder sequence 3, decoder past 5."""
    b, e_len, d_len, p_len = 2, 6, 3, 5
    vocab = model.config.vocab_size
    enc_w = Seq2SeqEncoder(model).eval()
    dec_w = Seq2SeqDecoderNoPast(model).eval()
    ids = torch.randint(4, vocab, (b, e_len), generator=gen, dtype=torch.int64)
    mask = torch.ones(b, e_len, dtype=torch.int64)
    mask[1, -1] = 0
    dec_ids = torch.randint(4, vocab, (b, p_len), generator=gen, dtype=torch.int64)
    with torch.no_grad():
        hidden = enc_w(ids, mask)
        prefix = dec_w(dec_ids, mask, hidden)
    n_layers = (len(prefix) - 1) // 4
    _, heads, _, head_dim = prefix[1].shape
    dec_p, enc_p = past_names(n_layers, (".decoder",)), past_names(n_layers, (".encoder",))
    all_p = past_names(n_layers, (".decoder", ".encoder"))
    enc_axes = {0: "batch", 1: "encoder_sequence"}
    dec_axes = {0: "batch", 1: "decoder_sequence"}
    axes_enc = {"input_ids": enc_axes, "attention_mask": enc_axes, "last_hidden_state": enc_axes}
    axes_dec = {"input_ids": dec_axes, "encoder_attention_mask": enc_axes, "encoder_hidden_states": enc_axes,
                "logits": dec_axes}
    axes_dec.update({present_name(p): {0: "batch", 2: "decoder_sequence"} for p in dec_p})
    axes_dec.update({present_name(p): {0: "batch", 2: "encoder_sequence"} for p in enc_p})
    total = "past_sequence + decoder_sequence"
    axes_past = {"input_ids": dec_axes, "encoder_attention_mask": enc_axes, "logits": dec_axes}
    axes_past.update({p: {0: "batch", 2: "past_sequence"} for p in dec_p})
    axes_past.update({p: {0: "batch", 2: "encoder_sequence"} for p in enc_p})
    axes_past.update({present_name(p): {0: "batch", 2: total} for p in dec_p})
    new_ids = torch.randint(4, vocab, (b, d_len), generator=gen, dtype=torch.int64)
    graphs = [
        graph("encoder", "encoder_model.onnx", enc_w,
              [("input_ids", ["input_ids"], False), ("attention_mask", ["attention_mask"], False)],
              ["last_hidden_state"], axes_enc, [ids, mask]),
        graph("decoder", "decoder_model.onnx", dec_w,
              [("input_ids", ["input_ids"], False), ("encoder_attention_mask", ["encoder_attention_mask"], False),
               ("encoder_hidden_states", ["encoder_hidden_states"], False)],
              ["logits"] + [present_name(p) for p in all_p], axes_dec, [dec_ids[:, :d_len], mask, hidden]),
        graph("decoder_with_past", "decoder_with_past_model.onnx", Seq2SeqDecoderWithPast(model),
              [("input_ids", ["input_ids"], False), ("encoder_attention_mask", ["encoder_attention_mask"], False),
               ("past", all_p, True)],
              ["logits"] + [present_name(p) for p in dec_p], axes_past, [new_ids, mask, list(prefix[1:])]),
    ]
    return graphs, dict(n_layers=n_layers, heads=int(heads), head_dim=int(head_dim))


def make_kv_fixture(s, root, problems, exporter):
    t0 = time.time()
    name = s["name"]
    d = os.path.join(root, "fixtures", name)
    os.makedirs(d, exist_ok=True)
    model = mf.build_model(s, mf.SEED, perturb_vectors=True)
    gen = torch.Generator().manual_seed(mf.SEED + 11)
    causal = s["kind"] == "causal"
    graphs, dims = (causal_graphs if causal else seq2seq_graphs)(model, gen)
    log("kv %s: %s, %s; exporting with %s" % (name, type(model).__name__, dims, exporter))

    models, metas = export_all(graphs, d, exporter, problems)
    if causal:
        merged_file = "model-kv-merged.onnx"
        metas[merged_file] = save_merged(models["nopast"], models["past"], os.path.join(d, merged_file), {}, problems)
        # The no-past graph lives on inside the merged one; alone it would only double the fixture's size.
        os.remove(os.path.join(d, "model-kv-nopast.onnx"))
        metas["model-kv-nopast.onnx"]["note"] = "not kept: it is the else branch of model-kv-merged.onnx"
        paths = {"nopast": None, "past": "model-kv.onnx", "merged": merged_file}
    else:
        merged_file = "decoder_model_merged.onnx"
        passthrough = {present_name(p): p for p in past_names(dims["n_layers"], (".encoder",))}
        metas[merged_file] = save_merged(models["decoder"], models["decoder_with_past"], os.path.join(d, merged_file),
                                         passthrough, problems)
        paths = {"encoder": "encoder_model.onnx", "decoder": "decoder_model.onnx",
                 "decoder_with_past": "decoder_with_past_model.onnx", "merged": merged_file}
    t_export = time.time() - t0

    torch_run = TorchRunner(graphs)
    ort_run = OrtRunner({k: os.path.join(d, p) for k, p in paths.items() if p})
    committed = os.path.join(HERE, "fixtures", name, "model.onnx")
    cases = []
    for label, (ids, mask) in prompt_batches(name, s["pad_id"]):
        n = MAX_NEW_TOKENS
        res, margins = {}, {}

        def record(key, r):
            if isinstance(r, tuple):
                res[key], margins[key] = r[0], round(r[1], 6)
            else:
                res[key] = r

        if causal:
            k = (dims["n_layers"], dims["kv_heads"], dims["head_dim"])
            record("pytorch_kv_loop", attempt(hf_causal_loop, model, ids, mask, n))
            record("pytorch_generate", attempt(hf_generate, model, s, ids, mask, n))
            record("wrappers_eager_split", attempt(causal_kv_loop, torch_run, "split", ids, mask, n, *k))
            record("wrappers_eager_zero_past", attempt(causal_kv_loop, torch_run, "zero_past", ids, mask, n, *k))
            record("ort_model_kv_zero_past", attempt(causal_kv_loop, ort_run, "zero_past", ids, mask, n, *k))
            record("ort_model_kv_merged", attempt(causal_kv_loop, ort_run, "merged", ids, mask, n, *k))
        else:
            k = (dims["n_layers"], dims["heads"], dims["head_dim"])
            record("pytorch_kv_loop", attempt(hf_seq2seq_loop, model, ids, mask, n, s["dec_start"]))
            record("pytorch_generate", attempt(hf_generate, model, s, ids, mask, n))
            record("wrappers_eager_split", attempt(seq2seq_kv_loop, torch_run, "split", ids, mask, n,
                                                   s["dec_start"], *k))
            record("ort_decoder_split", attempt(seq2seq_kv_loop, ort_run, "split", ids, mask, n, s["dec_start"], *k))
            record("ort_decoder_merged", attempt(seq2seq_kv_loop, ort_run, "merged", ids, mask, n, s["dec_start"],
                                                 *k))
        if label == "batch1":
            prompt = ids[0].tolist()
            record("pytorch_cacheless", attempt(cacheless_loop, torch_cacheless_logits(model), s, prompt, n))
            if os.path.exists(committed):
                record("ort_cacheless_committed_model_onnx",
                       attempt(cacheless_loop, ort_cacheless_logits(committed), s, prompt, n))
        errors = []
        mism = compare("%s %s" % (name, label), res, "pytorch_kv_loop", problems, errors)
        case = {"case": label, "input_ids": ids.tolist(), "attention_mask": mask.tolist(), "max_new_tokens": n,
                "ids": {k2: ids_json(v) for k2, v in res.items()}, "min_margin": margins,
                "all_equal": not mism, "mismatches": mism, "diagnostics_not_run": errors}
        if label == "batch1":
            ref = reference_ids(name, 12)
            case["reference_json_first_12"] = ref
            ours = res.get("pytorch_kv_loop")
            if ref is not None and isinstance(ours, np.ndarray) and ours[0, :12].tolist() != ref:
                msg = "%s batch1: pytorch_kv_loop %s != models/generate/reference.json %s" % (
                    name, ours[0, :12].tolist(), ref)
                log("  MISMATCH " + msg)
                problems.append(msg)
                case["mismatches"].append(msg)
                case["all_equal"] = False
        if not causal:
            case["decoder_start_token_id"] = s["dec_start"]
        cases.append(case)
        verdict = ("all %d methods that ran agree" % (len(res) - len(errors)) if not mism
                   else "%d MISMATCHES" % len(mism))
        log("  %s: pytorch %s; %s" % (label, ids_json(res.get("pytorch_kv_loop")), verdict))

    doc = {
        "fixture": name, "hf_class": type(model).__name__, "kind": s["kind"], "dims": dims,
        "loop": ("greedy, no EOS: exactly max_new_tokens ids per row; prefill then one token a step, each step's "
                 "presents fed back as the next step's pasts; position_ids = cumsum(mask) - 1 (padding: 1)"),
        "reference": "pytorch_kv_loop (the HF model with its own cache objects); every other method must equal it",
        "methods": {
            "pytorch_kv_loop": "model(..., past_key_values=<the cache the last call returned>, use_cache=True)",
            "pytorch_generate": "model.generate(do_sample=False, num_beams=1, eos_token_id=None, use_cache=True)",
            "wrappers_eager_*": "the flat-tensor wrappers that were exported, run eagerly in PyTorch",
            "ort_*": "ONNX Runtime %s CPU (ORT_ENABLE_BASIC) over the KV graphs" % ort.__version__,
            "ort_model_kv_zero_past": "model-kv.onnx alone: the prefill feeds 0-length pasts",
            "ort_*_merged": "the merged graph: use_cache_branch false with 0-length pasts, then true",
            "ort_decoder_split": "decoder_model.onnx, then decoder_with_past_model.onnx",
            "pytorch_cacheless / ort_cacheless_committed_model_onnx": "batch 1 only: the whole sequence every "
            "step (use_cache=False / the committed fixtures/<name>/model.onnx), masks of ones",
        },
        "cases": cases, "graphs": metas, "versions": mf.versions(),
        "seconds": {"export": round(t_export, 2), "total": round(time.time() - t0, 2)},
    }
    with open(os.path.join(d, "generate-kv.json"), "w") as f:
        json.dump(doc, f, indent=1, default=str)
    log("kv %s done in %.1fs (export %.1fs)" % (name, time.time() - t0, t_export))


# ---------------------------------------------------------------------------------------------------------------
# Bench: llama2-2l with KV inputs/outputs, external regenerated weights
# ---------------------------------------------------------------------------------------------------------------

def make_kv_bench(s, root, problems, exporter):
    """bench/<name>-kv/: the with-past graph only (the prefill feeds 0-length pasts), weights as make_bench does."""
    t0 = time.time()
    name = s["name"] + "-kv"
    d = os.path.join(root, "bench", name)
    os.makedirs(d, exist_ok=True)
    model = mf.build_model(s, mf.SEED, perturb_vectors=False)
    log("bench %s: %s, %.1fM parameters (built in %.1fs)" % (
        name, type(model).__name__, sum(p.numel() for p in model.parameters()) / 1e6, time.time() - t0))
    gen = torch.Generator().manual_seed(mf.SEED + 12)
    graphs, dims = causal_graphs(model, gen)
    past = [g for g in graphs if g["key"] == "past"]
    vocab = model.config.vocab_size
    k = (dims["n_layers"], dims["kv_heads"], dims["head_dim"])
    with tempfile.TemporaryDirectory() as tmp:
        models, metas = export_all(past, tmp, exporter, problems)
        # Before its weights are replaced, the graph must reproduce PyTorch's greedy ids (batch 1, 4 new tokens).
        chk = torch.randint(4, vocab, (1, 8), generator=gen, dtype=torch.int64).numpy()
        chk_mask = np.ones_like(chk)
        inline = OrtRunner({"past": os.path.join(tmp, "model-kv.onnx")})
        chk_res = {"pytorch_kv_loop": attempt(hf_causal_loop, model, chk, chk_mask, 4),
                   "ort_model_kv_zero_past": attempt(causal_kv_loop, inline, "zero_past", chk, chk_mask, 4, *k)}
        del inline
        chk_res = {key: r[0] if isinstance(r, tuple) else r for key, r in chk_res.items()}
        compare("bench %s, torch weights" % name, chk_res, "pytorch_kv_loop", problems)
        log("  check on the PyTorch weights: %s" % {key: ids_json(v) for key, v in chk_res.items()})
    m = models["past"]
    del model, graphs, past
    data_path = os.path.join(d, "model.onnx.data")
    entries, total, sha, inline_floats = mf.externalize(m, data_path)
    path = os.path.join(d, "model.onnx")
    onnx.save(m, path)
    how = metas["model-kv.onnx"]["exporter"]
    log("  %d external tensors, %.1f MB data, %d inline float elements, graph %d B (%.1fs)" % (
        len(entries), total / 1e6, inline_floats, os.path.getsize(path), time.time() - t0))
    metas["model-kv.onnx"]["bytes"] = os.path.getsize(path)
    mf.write_weights_manifest(d, name, m, path, how, entries, total, sha)

    g2 = torch.Generator().manual_seed(mf.SEED + 10)
    ids = torch.randint(4, vocab, (1, 16), generator=g2, dtype=torch.int64).numpy()
    mask = np.ones_like(ids)
    run = OrtRunner({"past": path})
    res = attempt(causal_kv_loop, run, "zero_past", ids, mask, BENCH_NEW_TOKENS, *k)
    if not isinstance(res, tuple):
        problems.append("bench %s: ORT greedy loop failed: %s" % (name, res))
    doc = {"model": name, "reference": "onnxruntime %s CPU, ORT_ENABLE_BASIC, on the regenerated weights; greedy "
                                       "loop over model.onnx from 0-length pasts" % ort.__version__,
           "check_on_pytorch_weights": {"input_ids": chk.tolist(),
                                        "ids": {key: ids_json(v) for key, v in chk_res.items()}},
           "dims": dims, "input_ids": ids.tolist(), "attention_mask": mask.tolist(),
           "max_new_tokens": BENCH_NEW_TOKENS, "ids": ids_json(res[0]) if isinstance(res, tuple) else res,
           "min_margin": res[1] if isinstance(res, tuple) else None, "graph": metas["model-kv.onnx"],
           "versions": mf.versions(), "seconds": round(time.time() - t0, 2)}
    with open(os.path.join(d, "generate-kv.json"), "w") as f:
        json.dump(doc, f, indent=1, default=str)
    log("  ORT greedy ids %s; %.1fs total" % (doc["ids"], time.time() - t0))


# ---------------------------------------------------------------------------------------------------------------
# Entry point (called by make_fixtures.main)
# ---------------------------------------------------------------------------------------------------------------

def wanted(name, only):
    return not only or name in only or (name + "-kv") in only


# Problems another exporter may fix: an exception (export), the checker, ONNX Runtime loops over the KV graphs.
EXPORT_PROBLEMS = ("exception with", "onnx.checker", "ort_model_kv", "ort_decoder", "ORT greedy loop failed")


def with_exporters(label, make):
    """Runs make(problems, exporter) with each exporter in turn until one gives no problems; returns the last
    attempt's problems (earlier attempts are logged)."""
    problems = []
    for exporter in EXPORTERS:
        t0 = time.time()
        problems = []
        try:
            make(problems, exporter)
        except Exception:
            traceback.print_exc()
            problems.append("exception with %s (traceback above)" % exporter)
        log("%s with %s: %s (%.1fs)" % (label, exporter, "ok" if not problems else "%d problems" % len(problems),
                                        time.time() - t0))
        if not any(EXPORT_PROBLEM in p for p in problems for EXPORT_PROBLEM in EXPORT_PROBLEMS):
            break   # none, or only ones that no other exporter can fix (PyTorch methods disagreeing)
        if exporter != EXPORTERS[-1]:
            log("%s: retrying with the next exporter; problems with %s were: %s" % (label, exporter, problems))
    return problems


def run(out, only, with_bench, small_bench):
    """Returns the failure list: one entry per model that failed or per disagreement found."""
    failures = []
    try:
        self_check_cache()
    except Exception:
        traceback.print_exc()
        failures.append("kv cache helpers")
        return failures
    for s in mf.fixture_specs():
        if s["kind"] not in ("causal", "seq2seq") or not wanted(s["name"], only):
            continue
        problems = with_exporters("kv " + s["name"], lambda p, e, s=s: make_kv_fixture(s, out, p, e))
        failures.extend("kv %s: %s" % (s["name"], p) for p in problems)
    if with_bench:
        for s in mf.bench_specs(small_bench):
            if s["kind"] != "causal" or (only and (s["name"] + "-kv") not in only):
                continue
            problems = with_exporters("kv bench " + s["name"], lambda p, e, s=s: make_kv_bench(s, out, p, e))
            failures.extend("kv bench %s: %s" % (s["name"], p) for p in problems)
    return failures
