package dev.nnjit.tensor;

import java.util.Arrays;

/**
 * A static shape: a list of {@link Dim}s, or "unknown rank". Immutable.
 */
public final class Shape {
    private static final Shape UNKNOWN_RANK = new Shape(null);
    private final Dim[] dims;

    private Shape(Dim[] dims) { this.dims = dims; }

    public static Shape of(Dim... dims) { return new Shape(dims.clone()); }
    public static Shape unknownRank() { return UNKNOWN_RANK; }

    public static Shape of(int... dims) {
        Dim[] d = new Dim[dims.length];
        for (int i = 0; i < dims.length; i++) d[i] = Dim.of(dims[i]);
        return new Shape(d);
    }

    public static Shape of(long... dims) {
        Dim[] d = new Dim[dims.length];
        for (int i = 0; i < dims.length; i++) d[i] = Dim.of(dims[i]);
        return new Shape(d);
    }

    /** A shape of the given rank whose dims are all unknown. */
    public static Shape unknownDims(int rank) {
        Dim[] d = new Dim[rank];
        Arrays.fill(d, Dim.unknown());
        return new Shape(d);
    }

    public boolean hasRank() { return dims != null; }
    public int rank() {
        if (dims == null) throw new IllegalStateException("shape has unknown rank");
        return dims.length;
    }
    public Dim dim(int i) { return dims[i]; }
    public Dim[] dims() { return dims.clone(); }

    /** True when the rank and every dim are known numbers. */
    public boolean isStatic() {
        if (dims == null) return false;
        for (Dim d : dims) if (!d.isKnown()) return false;
        return true;
    }

    /** The dims as ints; only for static shapes. */
    public int[] toIntArray() {
        int[] r = new int[rank()];
        for (int i = 0; i < r.length; i++) {
            long v = dims[i].value();
            if (v > Tensor.MAX_ELEMENTS) throw new IllegalArgumentException("dimension " + v + " too large");
            r[i] = (int) v;
        }
        return r;
    }

    /** Element count of a static shape. */
    public long elementCount() {
        long n = 1;
        for (Dim d : dims) n *= d.value();
        return n;
    }

    /** True when every known dim of both agrees and ranks agree (unknowns are compatible with anything). */
    public boolean compatibleWith(Shape o) {
        if (!hasRank() || !o.hasRank()) return true;
        if (rank() != o.rank()) return false;
        for (int i = 0; i < dims.length; i++) {
            Dim a = dims[i], b = o.dims[i];
            if (a.isKnown() && b.isKnown() && a.value() != b.value()) return false;
        }
        return true;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }
    @Override public int hashCode() { return Arrays.hashCode(dims); }
    @Override public String toString() { return dims == null ? "[?...]" : Arrays.toString(dims); }
}
