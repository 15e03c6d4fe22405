package dev.nnjit.runtime.webgpu;

import java.util.Map;
import java.util.TreeMap;

/** The node → kernel lowering table: one {@link OpLowering} per (domain, op type). */
public final class LoweringTable {
    private final Map<String, OpLowering> byKey = new TreeMap<>();

    /** Registers a lowering for an op of the default ONNX domain. */
    public LoweringTable add(String opType, OpLowering lowering) { return add("", opType, lowering); }

    public LoweringTable add(String domain, String opType, OpLowering lowering) {
        byKey.put(key(domain, opType), lowering);
        return this;
    }

    public OpLowering find(String domain, String opType) {
        return byKey.get(key(domain == null ? "" : domain, opType));
    }

    /** The registered op types ("Add", "nnjit.FusedMatMul", ...). */
    public java.util.Set<String> opTypes() { return java.util.Collections.unmodifiableSet(byKey.keySet()); }

    private static String key(String domain, String opType) {
        return domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + "." + opType;
    }

    /** Every lowering this backend has. */
    public static LoweringTable defaults() {
        LoweringTable t = new LoweringTable();
        ElementwiseLowerings.register(t);
        ViewLowerings.register(t);
        MatmulLowerings.register(t);
        ReductionLowerings.register(t);
        IndexingLowerings.register(t);
        FusedLowerings.register(t);
        MathLowerings.register(t);
        ConstantLowerings.register(t);
        MovementLowerings.register(t);
        SelectionLowerings.register(t);
        ScatterGatherLowerings.register(t);
        ConvLowerings.register(t);
        PoolLowerings.register(t);
        NormLowerings.register(t);
        QuantLowerings.register(t);
        EinsumLowerings.register(t);
        return t;
    }
}
