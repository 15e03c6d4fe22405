package dev.nnjit.tune.workbench;

/** Shapes written as on the command line: {@code 128x384x1536}; several separated by commas ({@code 4x8,8}). */
public final class ShapeText {
    private ShapeText() {}

    /** One shape: positive dims separated by 'x'. */
    public static int[] parse(String text) {
        if (text == null || text.trim().isEmpty()) throw new IllegalArgumentException("empty shape");
        String[] parts = text.trim().split("x");
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            int d;
            try {
                d = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape '" + text + "': '" + p + "' is not a number (write dims as"
                        + " 128x384x1536)");
            }
            if (d <= 0) throw new IllegalArgumentException("shape '" + text + "': dims must be positive, got " + d);
            dims[i] = d;
        }
        return dims;
    }

    /** Shapes separated by commas. */
    public static int[][] parseList(String text) {
        if (text == null || text.trim().isEmpty()) throw new IllegalArgumentException("empty shape");
        String[] parts = text.split(",");
        int[][] shapes = new int[parts.length][];
        for (int i = 0; i < parts.length; i++) shapes[i] = parse(parts[i]);
        return shapes;
    }

    /** "128x384x1536". */
    public static String format(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append('x');
            sb.append(dims[i]);
        }
        return sb.toString();
    }

    static long product(int[] dims) {
        long p = 1;
        for (int d : dims) p *= d;
        return p;
    }
}
