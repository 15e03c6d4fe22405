package dev.nnjit.codegen;

/**
 * Accumulates WGSL source with indentation. {@link #open} appends a line ending in "{" and indents; {@link #close}
 * dedents and appends "}". No templating: generators write plain lines.
 */
public final class WgslBuilder {
    private static final String INDENT = "  ";
    private final StringBuilder sb = new StringBuilder();
    private int depth;

    public WgslBuilder line(String text) {
        for (int i = 0; i < depth; i++) sb.append(INDENT);
        sb.append(text).append('\n');
        return this;
    }

    public WgslBuilder blank() {
        sb.append('\n');
        return this;
    }

    /** A {@code //} comment line (the kernel's shape comment, contracts). */
    public WgslBuilder comment(String text) { return line("// " + text); }

    /** Appends {@code header}, which must end with "{", and indents what follows. */
    public WgslBuilder open(String header) {
        if (!header.endsWith("{")) throw new IllegalArgumentException("block header must end with '{': " + header);
        line(header);
        depth++;
        return this;
    }

    /** Dedents and appends "}". */
    public WgslBuilder close() {
        if (depth == 0) throw new IllegalStateException("close() without open()");
        depth--;
        return line("}");
    }

    /** Dedents, appends {@code text} (e.g. "} else {"), and indents again. */
    public WgslBuilder reopen(String text) {
        if (depth == 0) throw new IllegalStateException("reopen() without open()");
        depth--;
        line(text);
        depth++;
        return this;
    }

    /** {@code const NAME: u32 = valueu;} */
    public WgslBuilder constU32(String name, long value) {
        return line("const " + name + ": u32 = " + Wgsl.u32(value) + ";");
    }

    /** Every binding's declaration, one per line. */
    public WgslBuilder bindings(Iterable<Binding> bindings) {
        for (Binding b : bindings) line(b.declaration());
        return this;
    }

    public String build() {
        if (depth != 0) throw new IllegalStateException(depth + " block(s) left open");
        return sb.toString();
    }
}
