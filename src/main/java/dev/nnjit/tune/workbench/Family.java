package dev.nnjit.tune.workbench;

/** The kernel families the workbench can measure; {@link #id} is the name used on the command line and the page. */
public enum Family {
    MATMUL("matmul"),
    GEMV("gemv"),
    SOFTMAX("softmax"),
    LAYERNORM("layernorm"),
    RMSNORM("rmsnorm"),
    ELEMENTWISE("elementwise"),
    REDUCE("reduce");

    public final String id;

    Family(String id) { this.id = id; }

    /** The family named {@code id}; an error listing the known names otherwise. */
    public static Family parse(String id) {
        for (Family f : values()) if (f.id.equals(id)) return f;
        throw new IllegalArgumentException("unknown op family '" + id + "' (expected " + names() + ")");
    }

    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (Family f : values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(f.id);
        }
        return sb.toString();
    }
}
