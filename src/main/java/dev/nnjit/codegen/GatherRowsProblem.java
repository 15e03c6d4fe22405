package dev.nnjit.codegen;


/**
 * Gather along axis 0 from one block of a table split by rows (the table is too large for one binding): the block
 * holds rows [start, start + rows) of a table of {@code dim} rows, each of {@code inner} elements. Indices are
 * normalized as the full Gather does (negative counts from the end, then clamped into [0, dim)); an output row is
 * written only by the block that holds its row, so the blocks' dispatches together write every output row once.
 */
public record GatherRowsProblem(ScalarType type, int dim, int start, int rows, int inner, int[] indicesShape)
        implements KernelProblem {

    public GatherRowsProblem {
        indicesShape = indicesShape.clone();
        if (rows <= 0 || inner <= 0 || start < 0 || start + rows > dim) {
            throw new IllegalArgumentException("block rows [" + start + ", " + (start + rows) + ") of " + dim
                    + " rows of " + inner + " elements is invalid");
        }
    }

    public long indices() { return Wgsl.product(indicesShape); }
    public long outputs() { return indices() * inner; }

    @Override public String key() {
        return type.name().toLowerCase() + "_d" + dim + "_s" + start + "_r" + rows + "_i" + inner + "_"
                + Wgsl.dims(indicesShape);
    }
}
