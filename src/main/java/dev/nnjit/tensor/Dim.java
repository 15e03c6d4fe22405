package dev.nnjit.tensor;

/**
 * One dimension of a static type: a known size, a named symbol (ONNX {@code dim_param}, e.g. "batch"), or unknown.
 */
public final class Dim {
    private static final Dim UNKNOWN = new Dim(-1, null);
    private static final Dim[] SMALL = new Dim[65];
    static { for (int i = 0; i < SMALL.length; i++) SMALL[i] = new Dim(i, null); }

    private final long value;
    private final String symbol;

    private Dim(long value, String symbol) { this.value = value; this.symbol = symbol; }

    public static Dim of(long value) {
        if (value < 0) throw new IllegalArgumentException("negative dimension " + value);
        return value < SMALL.length ? SMALL[(int) value] : new Dim(value, null);
    }

    public static Dim symbol(String name) { return name == null || name.isEmpty() ? UNKNOWN : new Dim(-1, name); }
    public static Dim unknown() { return UNKNOWN; }

    public boolean isKnown() { return value >= 0; }
    public boolean isSymbol() { return symbol != null; }
    /** The size; only valid when {@link #isKnown()}. */
    public long value() {
        if (value < 0) throw new IllegalStateException("dimension " + this + " is not known");
        return value;
    }
    public String symbolName() { return symbol; }

    /** True when both are the same known size or the same symbol (unknown never equals anything). */
    public boolean sameAs(Dim o) {
        if (isKnown()) return o.isKnown() && value == o.value;
        return symbol != null && symbol.equals(o.symbol);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Dim && ((Dim) o).value == value
                && (symbol == null ? ((Dim) o).symbol == null : symbol.equals(((Dim) o).symbol));
    }
    @Override public int hashCode() { return Long.hashCode(value) * 31 + (symbol == null ? 0 : symbol.hashCode()); }
    @Override public String toString() { return isKnown() ? Long.toString(value) : symbol != null ? symbol : "?"; }
}
