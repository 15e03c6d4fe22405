package dev.nnjit.runtime.webgpu;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The node → kernel lowering table: one {@link OpLowering} per (domain, op type), plus at most one wrapper per op.
 *
 * <p>Registering an op twice fails, as in {@code OpRegistry}, so two lowerings of one op never compete silently. A
 * family that handles new cases of an op another family lowers registers a {@link #wrap wrapper} instead: the
 * wrapper receives the op's base lowering and delegates the cases it does not handle. Wrappers are composed on
 * lookup, so the table is the same whatever order the families register in.
 */
public final class LoweringTable {
    private final Map<String, OpLowering> byKey = new TreeMap<>();
    private final Map<String, UnaryOperator<OpLowering>> wrappers = new TreeMap<>();

    /** Registers a lowering for an op of the default ONNX domain. */
    public LoweringTable add(String opType, OpLowering lowering) { return add("", opType, lowering); }

    /** Registers the lowering of an op; throws when the op already has one. */
    public LoweringTable add(String domain, String opType, OpLowering lowering) {
        String key = key(domain, opType);
        if (byKey.containsKey(key)) throw new IllegalStateException("lowering of " + key + " registered twice");
        byKey.put(key, lowering);
        return this;
    }

    /**
     * Wraps the lowering of a default-domain op, wherever it is registered: {@code wrapper} gets the base lowering
     * and returns the one to use. Throws when the op already has a wrapper.
     */
    public LoweringTable wrap(String opType, UnaryOperator<OpLowering> wrapper) {
        String key = key("", opType);
        if (wrappers.containsKey(key)) throw new IllegalStateException("lowering of " + key + " wrapped twice");
        wrappers.put(key, wrapper);
        return this;
    }

    /** The lowering of an op (its wrapper applied to its base), or null when it has none. */
    public OpLowering find(String domain, String opType) {
        String key = key(domain == null ? "" : domain, opType);
        OpLowering base = byKey.get(key);
        UnaryOperator<OpLowering> wrapper = wrappers.get(key);
        if (wrapper == null) return base;
        if (base == null) throw new IllegalStateException(key + " has a wrapper but no lowering to wrap");
        return wrapper.apply(base);
    }

    /** The wrapped op types ("Cast", ...). */
    public java.util.Set<String> wrappedOpTypes() { return java.util.Collections.unmodifiableSet(wrappers.keySet()); }

    /** The registered op types ("Add", "nnjit.FusedMatMul", ...). */
    public java.util.Set<String> opTypes() { return java.util.Collections.unmodifiableSet(byKey.keySet()); }

    private static String key(String domain, String opType) {
        return domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + "." + opType;
    }

    /** Every lowering this backend has (the order of the families does not matter). */
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
        for (String op : t.wrappers.keySet()) {
            if (!t.byKey.containsKey(op)) throw new IllegalStateException(op + " has a wrapper but no lowering to wrap");
        }
        return t;
    }
}
