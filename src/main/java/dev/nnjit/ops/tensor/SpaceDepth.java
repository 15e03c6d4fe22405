package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * DepthToSpace and SpaceToDepth on NCHW tensors with block size b. DepthToSpace moves channel blocks into b x b
 * spatial blocks: out[n][c][h*b+i][w*b+j] = in[n][C'(c,i,j)][h][w] with C' = (i*b + j) * (C/b²) + c in DCR mode
 * (default) and c*b² + i*b + j in CRD mode (opset 11+). SpaceToDepth is the DCR inverse:
 * out[n][(i*b + j)*C + c][h][w] = in[n][c][h*b+i][w*b+j].
 */
final class SpaceDepth implements OpDef {
    private final boolean toSpace;

    SpaceDepth(boolean toSpace) { this.toSpace = toSpace; }

    @Override public String opType() { return toSpace ? "DepthToSpace" : "SpaceToDepth"; }

    private static long blocksize(OpContext ctx) {
        long b = ctx.attrIntRequired("blocksize");
        if (b < 1) throw ctx.error("blocksize " + b + " must be positive");
        return b;
    }

    private boolean crd(OpContext ctx) {
        if (!toSpace) return false;
        String mode = ctx.attrString("mode", "DCR");
        if (!mode.equals("DCR") && !mode.equals("CRD")) throw ctx.error("unknown mode '" + mode + "'");
        return mode.equals("CRD");
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        Shape in = TypeRules.shape(ctx, 0);
        long b = blocksize(ctx);
        crd(ctx);
        if (!in.hasRank()) return TypeRules.single(ctx.inputDType(0), Shape.unknownDims(4));
        if (in.rank() != 4) throw ctx.error("input must be 4-D (NCHW), has shape " + in);
        Dim c = in.dim(1), h = in.dim(2), w = in.dim(3);
        Dim[] out = {in.dim(0), Dim.unknown(), Dim.unknown(), Dim.unknown()};
        if (toSpace) {
            if (c.isKnown()) {
                if (c.value() % (b * b) != 0) throw ctx.error("channels " + c + " are not divisible by blocksize² " + b * b);
                out[1] = Dim.of(c.value() / (b * b));
            }
            if (h.isKnown()) out[2] = Dim.of(h.value() * b);
            if (w.isKnown()) out[3] = Dim.of(w.value() * b);
        } else {
            if (c.isKnown()) out[1] = Dim.of(c.value() * b * b);
            for (int i = 2; i < 4; i++) {
                Dim d = in.dim(i);
                if (!d.isKnown()) continue;
                if (d.value() % b != 0) throw ctx.error("spatial dim " + d + " is not divisible by blocksize " + b);
                out[i] = Dim.of(d.value() / b);
            }
        }
        return TypeRules.single(ctx.inputDType(0), Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] outShape = inferTypes(ctx)[0].shape().toIntArray();
        int b = (int) blocksize(ctx);
        boolean crd = crd(ctx);
        int[] in = x.shape();
        int[] st = IndexMaps.strides(in);
        int n = outShape[0], oc = outShape[1], oh = outShape[2], ow = outShape[3];
        int[] map = new int[IndexMaps.size(outShape)];
        int p = 0;
        for (int ni = 0; ni < n; ni++) {
            for (int c = 0; c < oc; c++) {
                for (int h = 0; h < oh; h++) {
                    for (int w = 0; w < ow; w++) {
                        if (toSpace) {
                            int i = h % b, j = w % b;
                            int ic = crd ? c * b * b + i * b + j : (i * b + j) * oc + c;
                            map[p++] = ni * st[0] + ic * st[1] + (h / b) * st[2] + (w / b) * st[3];
                        } else {
                            int ic = c % in[1], blk = c / in[1], i = blk / b, j = blk % b;
                            map[p++] = ni * st[0] + ic * st[1] + (h * b + i) * st[2] + (w * b + j) * st[3];
                        }
                    }
                }
            }
        }
        return new Tensor[] {Elements.gather(x, outShape, map, null)};
    }
}
