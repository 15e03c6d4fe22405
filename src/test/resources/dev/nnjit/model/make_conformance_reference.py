# Usage: python make_conformance_reference.py /usr/share/libonnx-testdata/data | gzip -9 > conformance-reference.tsv.gz
# Written for onnx 1.23.1 + numpy; the data is Debian libonnx-testdata 1.12.0.
# Reference summary of the ONNX conformance data as read by the official onnx package (run once, offline).
import os, sys, math
import numpy as np
import onnx
from onnx import numpy_helper

root = sys.argv[1]
out = []
for suite in sorted(os.listdir(root)):
    for case in sorted(os.listdir(os.path.join(root, suite))):
        d = os.path.join(root, suite, case)
        mp = os.path.join(d, 'model.onnx')
        if not os.path.exists(mp):
            continue
        m = onnx.load(mp)
        g = m.graph
        opset = -1
        for o in m.opset_import:
            if o.domain in ('', 'ai.onnx'):
                opset = o.version
        out.append('M\t%s/%s\t%d\t%d\t%d\t%d\t%d\t%d' % (suite, case, m.ir_version, opset, len(g.node),
                   len(g.initializer), len(g.input), len(g.output)))
        inputs = [i for i in g.input if i.name not in {t.name for t in g.initializer}]
        for ds in sorted(os.listdir(d)):
            dsp = os.path.join(d, ds)
            if not os.path.isdir(dsp):
                continue
            for f in sorted(os.listdir(dsp)):
                if not f.endswith('.pb'):
                    continue
                kind, idx = f[:-3].split('_')
                vis = inputs if kind == 'input' else list(g.output)
                idx = int(idx)
                if idx >= len(vis) or vis[idx].type.WhichOneof('value') != 'tensor_type':
                    continue
                t = onnx.TensorProto()
                with open(os.path.join(dsp, f), 'rb') as fh:
                    t.ParseFromString(fh.read())
                code = t.data_type
                line = 'T\t%s/%s/%s/%s\t%s\t%d\t%s' % (suite, case, ds, f, t.name, code, ','.join(str(x) for x in t.dims))
                if code in (1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 16):
                    a = numpy_helper.to_array(t)
                    if code == 16:
                        a = a.astype(np.float32)
                    a = a.astype(np.float64).ravel()
                    w = (np.arange(a.size) % 7 + 1).astype(np.float64)
                    fin = np.isfinite(a)
                    line += '\t%r\t%r\t%d' % (float(np.sum((a * w)[fin])), float(np.sum(np.abs(a * w)[fin])),
                                              int(a.size - fin.sum()))
                out.append(line)
print('\n'.join(out))
