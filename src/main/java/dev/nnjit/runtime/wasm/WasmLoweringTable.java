package dev.nnjit.runtime.wasm;

import dev.nnjit.ops.fused.FusedOps;
import dev.nnjit.wasm.kernels.WasmElementwiseProblem.Op;
import java.util.HashMap;
import java.util.Map;

/**
 * Which nodes have wasm-simd kernels, by (domain, op type); every other node runs its reference op. The one place
 * to add a lowering.
 */
public final class WasmLoweringTable {
    private final Map<String, WasmLowering> byOp = new HashMap<>();

    private WasmLoweringTable() {}

    public static WasmLoweringTable defaults() {
        WasmLoweringTable t = new WasmLoweringTable();
        MatmulLowering matmul = new MatmulLowering();
        t.add("", "MatMul", matmul);
        t.add("", "Gemm", matmul);
        t.add(FusedOps.DOMAIN, "FusedMatMul", matmul);
        t.add("", "Softmax", RowLowerings::softmax);
        t.add("", "Add", new ElementwiseLowering(Op.ADD));
        t.add("", "Sub", new ElementwiseLowering(Op.SUB));
        t.add("", "Mul", new ElementwiseLowering(Op.MUL));
        t.add("", "Div", new ElementwiseLowering(Op.DIV));
        t.add("", "Max", new ElementwiseLowering(Op.MAX));
        t.add("", "Relu", new ElementwiseLowering(Op.RELU));
        t.add("", "Exp", new ElementwiseLowering(Op.EXP));
        t.add(FusedOps.DOMAIN, "SiLU", new ElementwiseLowering(Op.SILU));
        t.add("", "Gelu", (n, b) -> {
            String approximate = dev.nnjit.ops.OpContext.forNode(n).attrString("approximate", "none");
            return new ElementwiseLowering(approximate.equals("tanh") ? Op.GELU_TANH : Op.GELU).lower(n, b);
        });
        t.add("", "LayerNormalization", RowLowerings::norm);
        t.add(FusedOps.DOMAIN, "RMSNormalization", RowLowerings::norm);
        t.add("", "Transpose", RowLowerings::transpose);
        t.add("", "Concat", new ConcatLowering());
        ViewLowering view = new ViewLowering();
        for (String op : new String[] {"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity"}) t.add("", op, view);
        return t;
    }

    private void add(String domain, String opType, WasmLowering l) {
        if (byOp.put(domain + ":" + opType, l) != null) throw new IllegalStateException("two lowerings for " + opType);
    }

    /** The lowering of (domain, opType), or null: the node runs its reference op. */
    public WasmLowering find(String domain, String opType) {
        return byOp.get((domain == null || domain.equals("ai.onnx") ? "" : domain) + ":" + opType);
    }
}
