package dev.nnjit.template;

import dev.nnjit.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Template source → tokens, with the whitespace rules transformers renders chat templates under: a final newline of the
 * template is dropped (Jinja's keep_trailing_newline=False), {@code trim_blocks} (the newline right after a {@code %}}
 * or {@code #}} is dropped), {@code lstrip_blocks} (spaces and tabs from the start of a line up to a {@code {%} or
 * {@code {#} are dropped), and the {@code -} markers ({@code {%-} / {@code {{-} / {@code {#-} strip the whitespace
 * before the tag, {@code -%}} / {@code -}}} / {@code -#}} the whitespace after it). Whitespace is JavaScript's
 * (as {@code String.prototype.trim}), which is what @huggingface/jinja strips too.
 */
final class Lexer {
    private static final String[] SYMBOLS = {"**", "//", "==", "!=", "<=", ">=",
        "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=", "+", "-", "~", "*", "/", "%", "<", ">"};

    private final String source;
    private final int length;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String source) {
        this.source = source;
        this.length = source.endsWith("\n") ? source.length() - 1 : source.length();
    }

    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    /** JavaScript's WhiteSpace and LineTerminator characters (what trim() removes). */
    static boolean isWhitespace(char c) {
        if (c <= 32) return c == 32 || (c >= 9 && c <= 13);
        return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
    }

    private void run() {
        boolean skipNewline = false;  // trim_blocks: after %} or #}
        boolean skipWhitespace = false;  // after -%}, -}}, -#}
        while (pos < length) {
            int start = pos;
            int tag = nextTag(pos);
            int textStart = start;
            if (skipWhitespace) {
                while (textStart < tag && isWhitespace(source.charAt(textStart))) textStart++;
            } else if (skipNewline && textStart < tag && source.charAt(textStart) == '\n') {
                textStart++;
            }
            skipNewline = false;
            skipWhitespace = false;
            int textEnd = tag;
            if (tag < length) {
                char kind = source.charAt(tag + 1);
                boolean stripBefore = tag + 2 < length && source.charAt(tag + 2) == '-';
                if (stripBefore) {
                    while (textEnd > textStart && isWhitespace(source.charAt(textEnd - 1))) textEnd--;
                } else if (kind == '%' || kind == '#') {
                    textEnd = lstripBlock(textStart, tag);
                }
            }
            if (textEnd > textStart) tokens.add(new Token(Kind.TEXT, source.substring(textStart, textEnd), textStart));
            if (tag >= length) break;
            char kind = source.charAt(tag + 1);
            pos = tag + 2;
            if (pos < length && source.charAt(pos) == '-') pos++;
            if (kind == '#') {
                int end = source.indexOf("#}", pos);
                if (end < 0 || end + 2 > length) throw error(tag, "the comment {# is never closed with #}");
                boolean stripAfter = end > pos && source.charAt(end - 1) == '-';
                tokens.add(new Token(Kind.COMMENT, source.substring(pos, stripAfter ? end - 1 : end), tag));
                pos = end + 2;
                skipWhitespace = stripAfter;
                skipNewline = !stripAfter;
            } else {
                boolean statement = kind == '%';
                tokens.add(new Token(statement ? Kind.OPEN_STATEMENT : Kind.OPEN_EXPRESSION, statement ? "{%" : "{{", tag));
                int close = lexTag(tag, statement);
                skipWhitespace = close == 2;
                skipNewline = close == 1 && statement;
            }
        }
        tokens.add(new Token(Kind.END, "", length));
    }

    /** The offset of the next "{{", "{%" or "{#" at or after {@code from}; {@code length} when there is none. */
    private int nextTag(int from) {
        int i = from;
        while (true) {
            i = source.indexOf('{', i);
            if (i < 0 || i + 1 >= length) return length;
            char next = source.charAt(i + 1);
            if (next == '{' || next == '%' || next == '#') return i;
            i++;
        }
    }

    /** lstrip_blocks: where the text before a block tag at {@code tag} ends once a line-leading indent is dropped. */
    private int lstripBlock(int textStart, int tag) {
        int i = tag;
        while (i > 0 && (source.charAt(i - 1) == ' ' || source.charAt(i - 1) == '\t')) i--;
        if (i > 0 && source.charAt(i - 1) != '\n') return tag;
        return Math.max(i, textStart);
    }

    /** Lexes a tag's inside up to its close; returns 1 for a plain close, 2 for a {@code -} close. */
    private int lexTag(int tagStart, boolean statement) {
        int braces = 0;
        while (true) {
            while (pos < length && isWhitespace(source.charAt(pos))) pos++;
            if (pos >= length) {
                throw error(tagStart, (statement ? "{% is never closed with %}" : "{{ is never closed with }}"));
            }
            char c = source.charAt(pos);
            String close = statement ? "%}" : "}}";
            if (c == '-' && source.startsWith(close, pos + 1) && pos + 3 <= length && (statement || braces == 0)) {
                tokens.add(new Token(statement ? Kind.CLOSE_STATEMENT : Kind.CLOSE_EXPRESSION, close, pos));
                pos += 3;
                return 2;
            }
            if (source.startsWith(close, pos) && pos + 2 <= length && (statement || braces == 0)) {
                tokens.add(new Token(statement ? Kind.CLOSE_STATEMENT : Kind.CLOSE_EXPRESSION, close, pos));
                pos += 2;
                return 1;
            }
            if (!statement && source.startsWith("%}", pos)) throw error(pos, "%} closes a {{ expression (expected }})");
            if (statement && source.startsWith("}}", pos) && braces == 0) {
                throw error(pos, "}} closes a {% statement (expected %})");
            }
            if (c == '\'' || c == '"') {
                lexString(c);
            } else if (c >= '0' && c <= '9') {
                lexNumber();
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < length && (isNameChar(source.charAt(pos)))) pos++;
                tokens.add(new Token(Kind.NAME, source.substring(start, pos), start));
            } else {
                String symbol = null;
                for (String s : SYMBOLS) {
                    if (source.startsWith(s, pos)) {
                        symbol = s;
                        break;
                    }
                }
                if (symbol == null) throw error(pos, "unexpected character '" + c + "'");
                if (symbol.equals("{")) braces++;
                if (symbol.equals("}")) braces--;
                tokens.add(new Token(Kind.SYMBOL, symbol, pos));
                pos += symbol.length();
            }
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    private void lexNumber() {
        int start = pos;
        while (pos < length && Character.isDigit(source.charAt(pos))) pos++;
        boolean afterDot = !tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(".");
        if (!afterDot && pos + 1 < length && source.charAt(pos) == '.' && Character.isDigit(source.charAt(pos + 1))) {
            pos++;
            while (pos < length && Character.isDigit(source.charAt(pos))) pos++;
            tokens.add(new Token(Kind.FLOAT, source.substring(start, pos), start));
        } else {
            tokens.add(new Token(Kind.INTEGER, source.substring(start, pos), start));
        }
    }

    /** A quoted string; escapes as in Python and JavaScript string literals (an unknown one is kept as written). */
    private void lexString(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= length) throw error(start, "the string starting here is never closed");
            char c = source.charAt(pos++);
            if (c == quote) break;
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= length) throw error(start, "the string starting here is never closed");
            char e = source.charAt(pos++);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'v': sb.append('\u000B'); break;
                case '\'': case '"': case '\\': sb.append(e); break;
                case 'x': case 'u': {
                    int digits = e == 'x' ? 2 : 4;
                    if (pos + digits > length) throw error(pos - 2, "incomplete \\" + e + " escape");
                    int value = 0;
                    for (int i = 0; i < digits; i++) {
                        int d = Character.digit(source.charAt(pos + i), 16);
                        if (d < 0) throw error(pos - 2, "invalid \\" + e + " escape");
                        value = value * 16 + d;
                    }
                    sb.append((char) value);
                    pos += digits;
                    break;
                }
                default: sb.append('\\').append(e);
            }
        }
        tokens.add(new Token(Kind.STRING, sb.toString(), start));
    }

    private TemplateException error(int at, String problem) {
        return TemplateException.at(source, at, problem);
    }
}
