package dev.nnjit.tensor;

/** A static tensor type: dtype (null when unknown) and shape. */
public final class TensorType {
    private final DType dtype;
    private final Shape shape;

    public TensorType(DType dtype, Shape shape) {
        this.dtype = dtype;
        this.shape = shape == null ? Shape.unknownRank() : shape;
    }

    public static TensorType of(Tensor t) { return new TensorType(t.dtype(), Shape.of(t.shape())); }

    public DType dtype() { return dtype; }
    public Shape shape() { return shape; }

    @Override public boolean equals(Object o) {
        return o instanceof TensorType && ((TensorType) o).dtype == dtype && ((TensorType) o).shape.equals(shape);
    }
    @Override public int hashCode() { return (dtype == null ? 0 : dtype.hashCode()) * 31 + shape.hashCode(); }
    @Override public String toString() { return (dtype == null ? "?" : dtype.toString()) + shape; }
}
