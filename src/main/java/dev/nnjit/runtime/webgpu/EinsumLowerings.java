package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.EinsumKernel;
import dev.nnjit.codegen.EinsumProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.math.EinsumOp;
import dev.nnjit.tune.TuningSites;
import java.util.ArrayList;
import java.util.List;

/** Einsum on the loop nest of the reference ({@link EinsumOp#loops}), one output element per item. */
final class EinsumLowerings {
    private EinsumLowerings() {}

    static void register(LoweringTable t) {
        t.add("Einsum", EinsumLowerings::einsum);
    }

    private static void einsum(NodeLowering n) {
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        int count = n.inputCount();
        int[][] shapes = new int[count][];
        List<int[]> list = new ArrayList<>();
        GpuTensor[] args = new GpuTensor[count + 1];
        for (int i = 0; i < count; i++) {
            shapes[i] = n.inShape(i);
            list.add(shapes[i]);
            args[i] = n.in(i);
        }
        EinsumOp.Loops loops = EinsumOp.loops(n.op(), shapes);
        for (int i = 0; i < count; i++) {
            if (args[i].isEmpty()) throw n.unsupported("an empty operand with a non-empty output (a sum of nothing)");
        }
        if (n.in(0).type() == dev.nnjit.codegen.ScalarType.BOOL) throw n.unsupported("bool operands");
        EinsumProblem p = new EinsumProblem(n.in(0).type(), list, loops.dims(), loops.strides(), loops.outputRank());
        if (loops.outputRank() == 0) {
            // A full contraction to a scalar: the kernel indexes a rank-0 output as one element.
            p = new EinsumProblem(p.type(), list, prepend1(loops.dims()), prepend0(loops.strides()), 1);
        }
        args[count] = n.out(0);
        n.dispatch(TuningSites.item(EinsumKernel.INSTANCE, p, n.limits(), n.features()), args);
    }

    private static int[] prepend1(int[] d) {
        int[] r = new int[d.length + 1];
        r[0] = 1;
        System.arraycopy(d, 0, r, 1, d.length);
        return r;
    }

    private static int[][] prepend0(int[][] s) {
        int[][] r = new int[s.length][];
        for (int i = 0; i < s.length; i++) {
            r[i] = new int[s[i].length + 1];
            System.arraycopy(s[i], 0, r[i], 1, s[i].length);
        }
        return r;
    }
}
