"""Merges a no-past and a with-past decoder graph into one graph with an `If` on `use_cache_branch` (Optimum's layout).

Needs only onnx and numpy (no torch), so it can be checked on its own: `python3 models/onnx_merge.py` runs a self-test
on two toy graphs.

Layout of the merged model (the names follow Optimum's decoder_model_merged.onnx):
  inputs   the union of both graphs' inputs (with-past graph's first, so its dims win) + use_cache_branch: bool [1]
  node     If(use_cache_branch): then_branch = the with-past graph, else_branch = the no-past graph
  outputs  the no-past graph's outputs, in its order; the with-past graph must produce each of them, or name an input
           that stands for it in `passthrough` (encoder-decoder models: the with-past decoder has no
           present.{i}.encoder.* outputs, since the cross-attention cache never changes; its branch returns
           past_key_values.{i}.encoder.* unchanged through Identity, so a caller can always feed presents back)
Initializers of both graphs are deduplicated by content (dtype, dims, bytes) into the outer graph; the branches
refer to them by outer-scope name. Every other name inside a branch gets the branch's prefix ("with_past/",
"no_past/"), so no branch name shadows an outer one and the two branches share nothing but inputs and weights.
"""
import hashlib

import numpy as np
import onnx
from onnx import helper, numpy_helper

USE_CACHE_BRANCH = "use_cache_branch"


def _tensor_key(t):
    arr = numpy_helper.to_array(t)
    return (t.data_type, tuple(t.dims), hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest())


def _subgraph_defined(g):
    """Names a nested graph defines itself (they shadow the enclosing scope's names inside it)."""
    names = {vi.name for vi in g.input} | {t.name for t in g.initializer}
    for n in g.node:
        names.update(o for o in n.output if o)
    return names


def _rename_graph(g, mapping):
    """Renames uses and definitions in g (in place) by mapping; nested graphs see their own names unchanged."""
    for n in g.node:
        for i, x in enumerate(n.input):
            if x in mapping:
                n.input[i] = mapping[x]
        for i, x in enumerate(n.output):
            if x in mapping:
                n.output[i] = mapping[x]
        for a in n.attribute:
            subs = [a.g] if a.type == onnx.AttributeProto.GRAPH else (
                list(a.graphs) if a.type == onnx.AttributeProto.GRAPHS else [])
            for sg in subs:
                own = _subgraph_defined(sg)
                _rename_graph(sg, {k: v for k, v in mapping.items() if k not in own})
    for vi in list(g.output) + list(g.value_info):
        if vi.name in mapping:
            vi.name = mapping[vi.name]


def _branch(model, prefix, branch_name, outer_inits, outer_by_key, outer_names, output_names, passthrough):
    """Turns model's graph into an If branch: no inputs, no initializers, outputs in output_names order."""
    g = onnx.GraphProto()
    g.CopyFrom(model.graph)
    input_names = {vi.name for vi in g.input}
    mapping = {}
    for t in g.initializer:
        key = _tensor_key(t)
        if key not in outer_by_key:
            name = t.name
            k = 1
            while name in outer_names:
                name = "%s__%d" % (t.name, k)
                k += 1
            shared = onnx.TensorProto()
            shared.CopyFrom(t)
            shared.name = name
            outer_inits.append(shared)
            outer_by_key[key] = name
            outer_names.add(name)
        mapping[t.name] = outer_by_key[key]
    for n in g.node:
        for o in n.output:
            if o:
                mapping[o] = prefix + o
        if n.name:
            n.name = prefix + n.name
    # Nested graphs may define names too; they are private to them, so only top-level names need prefixes.
    _rename_graph(g, mapping)
    produced = {vi.name: vi for vi in g.output}   # keyed by renamed name
    by_original = {}
    for vi in model.graph.output:
        by_original[vi.name] = produced[mapping.get(vi.name, vi.name)]
    nodes = list(g.node)
    outputs = []
    for name in output_names:
        if name in by_original:
            vi = by_original[name]
            inner = vi.name
            if inner in input_names or inner in outer_names:
                # An output that is an input or a weight: give the branch its own value.
                src, inner = inner, prefix + name
                nodes.append(helper.make_node("Identity", [src], [inner], name=prefix + "identity_" + name))
            out = onnx.ValueInfoProto()
            out.CopyFrom(vi)
            out.name = inner
            outputs.append(out)
        elif name in passthrough:
            src = passthrough[name]
            if src not in input_names:
                raise ValueError("%s: passthrough source %s is not an input of the %s graph" % (name, src, branch_name))
            inner = prefix + name
            nodes.append(helper.make_node("Identity", [src], [inner], name=prefix + "identity_" + name))
            src_vi = next(vi for vi in model.graph.input if vi.name == src)
            out = onnx.ValueInfoProto()
            out.CopyFrom(src_vi)
            out.name = inner
            outputs.append(out)
        else:
            raise ValueError("the %s graph has no output %s and no passthrough for it" % (branch_name, name))
    return helper.make_graph(nodes, branch_name, [], outputs)


def _outer_output(name, no_past_vi, with_past_vi):
    """The merged output's type: the two branches' dims where they agree; else the with-past branch's dim."""
    out = onnx.ValueInfoProto()
    out.CopyFrom(no_past_vi)
    out.name = name
    if with_past_vi is None:
        return out
    a = no_past_vi.type.tensor_type
    b = with_past_vi.type.tensor_type
    if a.elem_type != b.elem_type:
        raise ValueError("%s: element types differ between branches (%d vs %d)" % (name, a.elem_type, b.elem_type))
    if len(a.shape.dim) != len(b.shape.dim):
        out.type.tensor_type.ClearField("shape")
        return out
    for d_out, d_b in zip(out.type.tensor_type.shape.dim, b.shape.dim):
        if d_out != d_b:
            d_out.CopyFrom(d_b)
    return out


def merge_with_past(no_past, with_past, passthrough=None, graph_name="merged"):
    """Returns one ModelProto whose If on use_cache_branch runs with_past (true) or no_past (false).

    passthrough: {output name of no_past: input name of with_past} for outputs the with-past graph lacks.
    Both models must use the same opsets (an op's meaning can change between opsets).
    """
    passthrough = passthrough or {}
    ops_a = {(o.domain or ""): o.version for o in no_past.opset_import}
    ops_b = {(o.domain or ""): o.version for o in with_past.opset_import}
    if ops_a != ops_b:
        raise ValueError("opset imports differ: %s vs %s" % (ops_a, ops_b))
    output_names = [vi.name for vi in no_past.graph.output]
    with_past_outputs = {vi.name: vi for vi in with_past.graph.output}
    extra = [n for n in with_past_outputs if n not in output_names]
    if extra:
        raise ValueError("the with-past graph has outputs the no-past graph lacks: %s" % extra)

    inputs, seen = [], set()
    for vi in list(with_past.graph.input) + list(no_past.graph.input):
        if vi.name not in seen:
            seen.add(vi.name)
            inputs.append(vi)
    if USE_CACHE_BRANCH in seen:
        raise ValueError("an input is already named " + USE_CACHE_BRANCH)
    inputs.append(helper.make_tensor_value_info(USE_CACHE_BRANCH, onnx.TensorProto.BOOL, [1]))

    outer_names = set(seen) | {USE_CACHE_BRANCH} | set(output_names)
    outer_inits, outer_by_key = [], {}
    then_g = _branch(with_past, "with_past/", "with_past", outer_inits, outer_by_key, outer_names, output_names,
                     passthrough)
    else_g = _branch(no_past, "no_past/", "no_past", outer_inits, outer_by_key, outer_names, output_names, {})

    outputs = []
    for vi in no_past.graph.output:
        wp = with_past_outputs.get(vi.name)
        if wp is None:
            src = passthrough[vi.name]
            wp = next(x for x in with_past.graph.input if x.name == src)
        outputs.append(_outer_output(vi.name, vi, wp))
    if_node = helper.make_node("If", [USE_CACHE_BRANCH], output_names, name="optimum_if",
                               then_branch=then_g, else_branch=else_g)
    graph = helper.make_graph([if_node], graph_name, inputs, outputs, initializer=outer_inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in sorted(ops_a.items())],
                              producer_name="nnjit models/onnx_merge.py")
    model.ir_version = max(no_past.ir_version, with_past.ir_version)
    functions = {}
    for m in (no_past, with_past):
        for f in m.functions:
            key = (f.domain, f.name, getattr(f, "overload", ""))
            if key in functions and functions[key] != f:
                raise ValueError("two different local functions named %s" % (key,))
            functions[key] = f
    model.functions.extend(functions.values())
    return model


# ---------------------------------------------------------------------------------------------------------------
# Self-test on toy graphs (checker only, plus ONNX's reference evaluator or onnxruntime where installed)
# ---------------------------------------------------------------------------------------------------------------

def _toy_models():
    """no_past: y = x @ W + b, present = x;  with_past: y = x @ W + b + sum(past), present = concat(past, x)."""
    T = onnx.TensorProto
    w = numpy_helper.from_array(np.arange(6, dtype=np.float32).reshape(2, 3), "W")
    b = numpy_helper.from_array(np.array([1, 2, 3], dtype=np.float32), "bias_np")
    b2 = numpy_helper.from_array(np.array([1, 2, 3], dtype=np.float32), "bias_wp")   # same bytes, other name
    x = helper.make_tensor_value_info("x", T.FLOAT, ["batch", 2])
    past = helper.make_tensor_value_info("past", T.FLOAT, ["past_sequence", 2])
    enc = helper.make_tensor_value_info("enc_past", T.FLOAT, ["encoder_sequence", 2])
    y = helper.make_tensor_value_info("y", T.FLOAT, ["batch", 3])
    present = helper.make_tensor_value_info("present", T.FLOAT, ["batch", 2])
    present_wp = helper.make_tensor_value_info("present", T.FLOAT, ["past_sequence + batch", 2])
    enc_present = helper.make_tensor_value_info("enc_present", T.FLOAT, ["batch", 2])
    no_past = helper.make_model(helper.make_graph([
        helper.make_node("MatMul", ["x", "W"], ["t"]),
        helper.make_node("Add", ["t", "bias_np"], ["y"]),
        helper.make_node("Identity", ["x"], ["present"]),
        helper.make_node("Neg", ["x"], ["enc_present"]),
    ], "no_past", [x], [y, present, enc_present], initializer=[w, b]),
        opset_imports=[helper.make_opsetid("", 17)])
    with_past = helper.make_model(helper.make_graph([
        helper.make_node("MatMul", ["x", "W"], ["t"]),
        helper.make_node("Add", ["t", "bias_wp"], ["u"]),
        helper.make_node("ReduceSum", ["past"], ["s"], keepdims=0),
        helper.make_node("MatMul", ["s", "W"], ["sw"]),
        helper.make_node("Add", ["u", "sw"], ["y"]),
        helper.make_node("Concat", ["past", "x"], ["present"], axis=0),
    ], "with_past", [x, past, enc], [y, present_wp], initializer=[w, b2]),
        opset_imports=[helper.make_opsetid("", 17)])
    return no_past, with_past


def _evaluator(model):
    try:
        import onnxruntime as ort
        sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        return "onnxruntime", lambda feeds: dict(zip([o.name for o in sess.get_outputs()], sess.run(None, feeds)))
    except ImportError:
        pass
    try:
        from onnx.reference import ReferenceEvaluator
        ev = ReferenceEvaluator(model)
        return "onnx.reference", lambda feeds: dict(zip(ev.output_names, ev.run(None, feeds)))
    except ImportError:
        return None, None


def self_test():
    no_past, with_past = _toy_models()
    onnx.checker.check_model(no_past)
    onnx.checker.check_model(with_past)
    merged = merge_with_past(no_past, with_past, passthrough={"enc_present": "enc_past"})
    onnx.checker.check_model(merged, full_check=True)
    assert [vi.name for vi in merged.graph.input] == ["x", "past", "enc_past", USE_CACHE_BRANCH]
    assert [vi.name for vi in merged.graph.output] == ["y", "present", "enc_present"]
    assert len(merged.graph.initializer) == 2, [t.name for t in merged.graph.initializer]   # W and one bias
    dims = [d.dim_param for d in merged.graph.output[1].type.tensor_type.shape.dim]
    assert dims[0] == "past_sequence + batch", dims
    how, run = _evaluator(merged)
    if run is None:
        print("onnx_merge self-test: checker ok (no evaluator installed: the If was not executed)")
        return
    xv = np.array([[1, 0]], dtype=np.float32)
    pv = np.array([[1, 1], [2, 0]], dtype=np.float32)
    ev = np.array([[5, 6], [7, 8], [9, 9]], dtype=np.float32)
    w = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([1, 2, 3], dtype=np.float32)
    r0 = run({"x": xv, "past": pv[:0], "enc_past": ev[:0], USE_CACHE_BRANCH: np.array([False])})
    assert np.allclose(r0["y"], xv @ w + b) and np.array_equal(r0["present"], xv)
    assert np.array_equal(r0["enc_present"], -xv)
    r1 = run({"x": xv, "past": pv, "enc_past": ev, USE_CACHE_BRANCH: np.array([True])})
    assert np.allclose(r1["y"], xv @ w + b + pv.sum(0) @ w)
    assert np.array_equal(r1["present"], np.concatenate([pv, xv])) and np.array_equal(r1["enc_present"], ev)
    print("onnx_merge self-test: checker and %s ok" % how)


if __name__ == "__main__":
    self_test()
