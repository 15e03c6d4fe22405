package dev.nnjit.template;

/**
 * A template that cannot be parsed or rendered: the message names the position in the template source
 * ({@code line L, column C}, both from 1) and the problem.
 */
public final class TemplateException extends RuntimeException {
    private final int line;
    private final int column;

    TemplateException(String problem, int line, int column) {
        super("chat template, line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the construct at fault. */
    public int line() { return line; }

    /** The 1-based column of the construct at fault. */
    public int column() { return column; }

    /** An exception at character offset {@code pos} of {@code source}. */
    static TemplateException at(String source, int pos, String problem) {
        int line = 1, column = 1;
        for (int i = 0; i < pos && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new TemplateException(problem, line, column);
    }
}
