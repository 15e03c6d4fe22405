package dev.nnjit.codegen;

/** Static-shape index arithmetic emitted into kernels: flat index to coordinates, coordinates to offsets. */
final class IndexMath {
    private IndexMath() {}

    /**
     * Emits {@code let <prefix><d> = ...;} for the coordinates of the u32 expression {@code flat} in a row-major
     * {@code shape}, and returns one expression per dim ("0u" for dims of size 1, no variable).
     */
    static String[] coords(WgslBuilder b, String flat, int[] shape, String prefix) {
        String[] c = new String[shape.length];
        String rest = flat;
        int last = -1;
        for (int d = 0; d < shape.length; d++) if (shape[d] > 1) last = d;
        int first = -1;
        for (int d = 0; d < shape.length; d++) if (shape[d] > 1) { first = d; break; }
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) { c[d] = "0u"; continue; }
            String name = prefix + d;
            if (d == first) {
                b.line("let " + name + " = " + rest + ";");
            } else {
                b.line("let " + name + " = " + rest + " % " + Wgsl.u32(shape[d]) + ";");
                String q = prefix + "q" + d;
                b.line("let " + q + " = " + rest + " / " + Wgsl.u32(shape[d]) + ";");
                rest = q;
            }
            c[d] = name;
        }
        if (last < 0) return c;
        return c;
    }

    /**
     * The u32 expression {@code offset + sum coords[d] * strides[d]}; computed in i32 when a stride is negative
     * (callers guarantee the total is within [0, 2^31)).
     */
    static String offset(String[] coords, int[] strides, long offset) {
        boolean signed = false;
        for (int d = 0; d < strides.length; d++) if (strides[d] < 0 && !coords[d].equals("0u")) signed = true;
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < strides.length; d++) {
            if (strides[d] == 0 || coords[d].equals("0u")) continue;
            if (sb.length() > 0) sb.append(" + ");
            String c = signed ? "i32(" + coords[d] + ")" : coords[d];
            if (strides[d] == 1) sb.append(c);
            else sb.append(c).append(" * ").append(signed ? Wgsl.i32(strides[d]) : Wgsl.u32(strides[d]));
        }
        if (offset != 0 || sb.length() == 0) {
            if (sb.length() > 0) sb.append(" + ");
            sb.append(signed ? Wgsl.i32(offset) : Wgsl.u32(offset));
        }
        return signed ? "u32(" + sb + ")" : sb.toString();
    }

    /** Linear workgroup index of a {@link DispatchSize#linear} dispatch. */
    static String workgroupIndex(DispatchSize d) {
        return d.y() > 1 ? "(wid.y * " + Wgsl.u32(d.x()) + " + wid.x)" : "wid.x";
    }
}
