package dev.nnjit.ops.tensor;

import dev.nnjit.tensor.Dim;

/** Arithmetic on static dims (known sizes, symbols, unknowns) for type rules. Never guesses. */
public final class Dims {
    private Dims() {}

    /**
     * Product of dims[from..to): known when all are known (or any is a known 0); the symbol itself when exactly one
     * dim is symbolic and the others are known 1; otherwise unknown.
     */
    public static Dim product(Dim[] dims, int from, int to) {
        long known = 1;
        Dim symbolic = null;
        int nonKnown = 0;
        for (int i = from; i < to; i++) {
            Dim d = dims[i];
            if (d.isKnown()) {
                if (d.value() == 0) return Dim.of(0);
                known *= d.value();
            } else {
                nonKnown++;
                symbolic = d;
            }
        }
        if (nonKnown == 0) return Dim.of(known);
        if (nonKnown == 1 && known == 1 && symbolic.isSymbol()) return symbolic;
        return Dim.unknown();
    }

    /** a + b: known when both are known; the other operand when one is a known 0. */
    public static Dim add(Dim a, Dim b) {
        if (a.isKnown() && b.isKnown()) return Dim.of(a.value() + b.value());
        if (a.isKnown() && a.value() == 0) return b;
        if (b.isKnown() && b.value() == 0) return a;
        return Dim.unknown();
    }

    /**
     * Two dims that must be equal at run time: the known one if any, the shared symbol, else unknown. Null when both
     * are known and differ.
     */
    public static Dim unify(Dim a, Dim b) {
        if (a.isKnown() && b.isKnown()) return a.value() == b.value() ? a : null;
        if (a.isKnown()) return a;
        if (b.isKnown()) return b;
        return a.sameAs(b) ? a : Dim.unknown();
    }

    /** True when the dim is known to be exactly {@code v}. */
    public static boolean is(Dim d, long v) {
        return d.isKnown() && d.value() == v;
    }
}
