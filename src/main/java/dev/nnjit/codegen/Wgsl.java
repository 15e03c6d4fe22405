package dev.nnjit.codegen;

/** WGSL literal and small text helpers. */
public final class Wgsl {
    private Wgsl() {}

    /** A u32 literal ("12u"). */
    public static String u32(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) throw new IllegalArgumentException("u32 literal out of range: " + v);
        return v + "u";
    }

    /** An i32 literal; the minimum value needs an expression since "2147483648i" does not parse. */
    public static String i32(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("i32 literal out of range: " + v);
        }
        if (v == Integer.MIN_VALUE) return "(-2147483647i - 1i)";
        return v < 0 ? "(" + v + "i)" : v + "i";
    }

    /**
     * Non-finite f32 values. WGSL rejects a const-expression that evaluates to inf or NaN, so they are bitcast from
     * a private variable (not a const-expression); {@link #assemble} declares it in shaders that use them.
     */
    public static final String INF = "bitcast<f32>(nn_special.x)";
    public static final String NEG_INF = "bitcast<f32>(nn_special.y)";
    public static final String NAN = "bitcast<f32>(nn_special.z)";
    private static final String SPECIAL_DECL =
            "var<private> nn_special: vec3<u32> = vec3<u32>(0x7f800000u, 0xff800000u, 0x7fc00000u);\n";

    /**
     * A shader from its header (comments, bindings, constants), helper functions and body; adds the declaration
     * behind {@link #INF}, {@link #NEG_INF} and {@link #NAN} when any part uses them.
     */
    public static String assemble(String header, WgslMath lib, String body) {
        String helpers = lib == null ? "" : lib.source();
        boolean special = helpers.contains("nn_special") || body.contains("nn_special") || header.contains("nn_special");
        return header + (special ? SPECIAL_DECL : "") + "\n" + helpers + body;
    }

    /** An f32 literal that parses back to exactly {@code v} (the shortest round-tripping decimal). */
    public static String f32(float v) {
        if (Float.isNaN(v)) return NAN;
        if (v == Float.POSITIVE_INFINITY) return INF;
        if (v == Float.NEGATIVE_INFINITY) return NEG_INF;
        if (v == 0f && 1f / v < 0) return "(-0.0f)";
        String s = Float.toString(v).replace('E', 'e');
        return v < 0 ? "(" + s + "f)" : s + "f";
    }

    /** A literal of {@code type} (bool: true/false) holding v, splatted to a vec4 when {@code vec4}. */
    public static String literal(ScalarType type, double v, boolean vec4) {
        String s;
        switch (type) {
            case F32: s = f32((float) v); break;
            case I32: s = i32((long) v); break;
            default: s = v != 0 ? "true" : "false"; break;
        }
        return vec4 ? type.value(true) + "(" + s + ")" : s;
    }

    /** "(2,3,4)" for shape comments. */
    public static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }

    /** "2x3x4" for keys ("s" for a scalar). */
    public static String dims(int[] dims) {
        if (dims.length == 0) return "s";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append('x');
            sb.append(dims[i]);
        }
        return sb.toString();
    }

    /** Rank-0 tensors are computed as shape [1]: the same single element, and generators need a dim to index. */
    public static int[] atLeast1d(int[] shape) { return shape.length == 0 ? new int[] {1} : shape; }

    public static long product(int[] dims) {
        long p = 1;
        for (int d : dims) p *= d;
        return p;
    }

    public static long product(int[] dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) p *= dims[i];
        return p;
    }

    /** Row-major contiguous strides. */
    public static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = (int) stride;
            stride *= shape[i];
        }
        return s;
    }
}
