package dev.nnjit.template;

/**
 * One lexical token of a template: its kind, its text (a string literal's value with escapes resolved) and the offset
 * of its first character in the template source.
 */
record Token(Kind kind, String text, int pos) {
    enum Kind {
        TEXT, COMMENT,
        OPEN_STATEMENT, CLOSE_STATEMENT, OPEN_EXPRESSION, CLOSE_EXPRESSION,
        NAME, STRING, INTEGER, FLOAT,
        /** Punctuation and operators: ( ) [ ] { } , . : | = + - ~ * / // % ** == != < > <= >= */
        SYMBOL,
        END
    }

    boolean is(Kind k, String t) { return kind == k && text.equals(t); }

    boolean isSymbol(String t) { return is(Kind.SYMBOL, t); }

    boolean isName(String t) { return is(Kind.NAME, t); }
}
