package dev.nnjit.template;

import dev.nnjit.template.Node.Binary;
import dev.nnjit.template.Node.Call;
import dev.nnjit.template.Node.Conditional;
import dev.nnjit.template.Node.DictLiteral;
import dev.nnjit.template.Node.Filter;
import dev.nnjit.template.Node.ListLiteral;
import dev.nnjit.template.Node.Literal;
import dev.nnjit.template.Node.Member;
import dev.nnjit.template.Node.Name;
import dev.nnjit.template.Node.Slice;
import dev.nnjit.template.Node.TupleLiteral;
import dev.nnjit.template.Node.Unary;
import dev.nnjit.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokens → syntax tree, by recursive descent. Operator precedence, loosest first (as @huggingface/jinja, the
 * transformers.js renderer, binds them): {@code a if c else b}; {@code or}; {@code and}; {@code not};
 * comparisons and {@code in}/{@code not in}; {@code + - ~}; {@code * / // %}; {@code **}; {@code is} tests;
 * {@code |} filters; unary {@code + -}; member access, indexing, slicing and calls.
 */
final class Parser {
    private static final int MAX_DEPTH = 200;

    private final String source;
    private final List<Token> tokens;
    private int at;
    private int depth;

    private Parser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    static List<Node> parse(String source) {
        Parser p = new Parser(source, Lexer.tokenize(source));
        List<Node> body = p.block(null, -1);
        return body;
    }

    // ---- statements ----

    /**
     * Nodes up to a {@code {% name %}} with name in {@code ends} (not consumed) or, when ends is null, the end of the
     * template. {@code opener} names the construct being closed, for the error when the template ends first.
     */
    private List<Node> block(String[] ends, int openerPos, String... opener) {
        List<Node> body = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.END) {
                if (ends == null) return body;
                throw error(openerPos, "{% " + opener[0] + " %} is never closed with {% " + ends[ends.length - 1]
                        + " %}");
            }
            if (t.kind() == Kind.OPEN_STATEMENT && ends != null) {
                Token name = tokens.get(at + 1);
                for (String end : ends) if (name.isName(end)) return body;
            }
            Node n = node();
            if (n != null) body.add(n);
        }
    }

    private Node node() {
        Token t = next();
        switch (t.kind()) {
            case TEXT: return new Node.Text(t.pos(), t.text());
            case COMMENT: return null;
            case OPEN_EXPRESSION: {
                Node e = expression();
                expect(Kind.CLOSE_EXPRESSION, "}}");
                return new Node.Output(t.pos(), e);
            }
            case OPEN_STATEMENT: return statement(t);
            default: throw error(t.pos(), "unexpected " + describe(t));
        }
    }

    private Node statement(Token open) {
        Token name = next();
        if (name.kind() != Kind.NAME) throw error(name.pos(), "expected a statement name after {%, got " + describe(name));
        int pos = open.pos();
        switch (name.text()) {
            case "if": return ifStatement(pos);
            case "for": return forStatement(pos);
            case "set": return setStatement(pos);
            case "macro": return macroStatement(pos);
            case "break": closeStatement(); return new Node.Break(pos);
            case "continue": closeStatement(); return new Node.Continue(pos);
            case "generation": {
                // transformers' assistant-mask marker: renders its body unchanged
                closeStatement();
                List<Node> body = block(new String[] {"endgeneration"}, pos, "generation");
                endTag("endgeneration");
                return new Node.If(pos, new Literal(pos, Boolean.TRUE), body, List.of());
            }
            case "elif": case "else": case "endif": case "endfor": case "endset": case "endmacro":
            case "endgeneration":
                throw error(name.pos(), "{% " + name.text() + " %} without a matching opening statement");
            default: throw error(name.pos(), "unknown statement '" + name.text() + "'");
        }
    }

    private Node ifStatement(int pos) {
        Node test = expression();
        closeStatement();
        List<Node> body = block(new String[] {"elif", "else", "endif"}, pos, "if");
        Token open = next();
        Token which = next();
        List<Node> orElse;
        if (which.isName("elif")) {
            orElse = List.of(ifStatementTail(open.pos()));
            return new Node.If(pos, test, body, orElse);
        }
        if (which.isName("else")) {
            closeStatement();
            orElse = block(new String[] {"endif"}, pos, "if");
            endTag("endif");
        } else {
            closeStatement();
            orElse = List.of();
        }
        return new Node.If(pos, test, body, orElse);
    }

    /** An elif chain: parsed as a nested if that shares the outer endif. */
    private Node ifStatementTail(int pos) {
        Node test = expression();
        closeStatement();
        List<Node> body = block(new String[] {"elif", "else", "endif"}, pos, "elif");
        next();
        Token which = next();
        List<Node> orElse;
        if (which.isName("elif")) {
            orElse = List.of(ifStatementTail(pos));
        } else if (which.isName("else")) {
            closeStatement();
            orElse = block(new String[] {"endif"}, pos, "else");
            endTag("endif");
        } else {
            closeStatement();
            orElse = List.of();
        }
        return new Node.If(pos, test, body, orElse);
    }

    private Node forStatement(int pos) {
        Node target = assignTarget(false);
        Token in = next();
        if (!in.isName("in")) throw error(in.pos(), "expected 'in' after the loop variable, got " + describe(in));
        Node iterable = expression();
        Node filter = null;
        if (iterable instanceof Conditional c && c.orElse() == null) {
            filter = c.test();
            iterable = c.then();
        }
        closeStatement();
        List<Node> body = block(new String[] {"else", "endfor"}, pos, "for");
        next();
        Token which = next();
        List<Node> orElse = List.of();
        if (which.isName("else")) {
            closeStatement();
            orElse = block(new String[] {"endfor"}, pos, "for");
            endTag("endfor");
        } else {
            closeStatement();
        }
        return new Node.For(pos, target, iterable, filter, body, orElse);
    }

    private Node setStatement(int pos) {
        Node target = assignTarget(true);
        if (peek().isSymbol("=")) {
            next();
            Node value = expressionOrTuple();
            closeStatement();
            return new Node.Set(pos, target, value, null);
        }
        closeStatement();
        List<Node> body = block(new String[] {"endset"}, pos, "set");
        endTag("endset");
        return new Node.Set(pos, target, null, body);
    }

    /** A name, {@code ns.attr} (for set), or names separated by commas (a tuple to unpack into). */
    private Node assignTarget(boolean allowMember) {
        List<Node> names = new ArrayList<>();
        int pos = peek().pos();
        do {
            if (!names.isEmpty()) next();
            Token t = next();
            if (t.kind() != Kind.NAME) throw error(t.pos(), "expected a variable name, got " + describe(t));
            Node target = new Name(t.pos(), t.text());
            if (allowMember && peek().isSymbol(".")) {
                next();
                Token attr = next();
                if (attr.kind() != Kind.NAME) throw error(attr.pos(), "expected an attribute name after '.'");
                target = new Member(t.pos(), target, new Literal(attr.pos(), attr.text()), false);
            }
            names.add(target);
        } while (peek().isSymbol(","));
        return names.size() == 1 ? names.get(0) : new TupleLiteral(pos, names);
    }

    private Node macroStatement(int pos) {
        Token name = next();
        if (name.kind() != Kind.NAME) throw error(name.pos(), "expected the macro's name, got " + describe(name));
        expectSymbol("(");
        List<Node.Param> params = new ArrayList<>();
        while (!peek().isSymbol(")")) {
            Token p = next();
            if (p.kind() != Kind.NAME) throw error(p.pos(), "expected a parameter name, got " + describe(p));
            Node defaultValue = null;
            if (peek().isSymbol("=")) {
                next();
                defaultValue = expression();
            }
            params.add(new Node.Param(p.text(), defaultValue));
            if (!peek().isSymbol(",")) break;
            next();
        }
        expectSymbol(")");
        closeStatement();
        List<Node> body = block(new String[] {"endmacro"}, pos, "macro");
        endTag("endmacro");
        return new Node.Macro(pos, name.text(), params, body);
    }

    private void endTag(String name) {
        expect(Kind.OPEN_STATEMENT, "{%");
        Token t = next();
        if (!t.isName(name)) throw error(t.pos(), "expected " + name + ", got " + describe(t));
        closeStatement();
    }

    private void closeStatement() {
        Token t = next();
        if (t.kind() != Kind.CLOSE_STATEMENT) throw error(t.pos(), "expected %}, got " + describe(t));
    }

    // ---- expressions ----

    /** An expression, or several separated by commas (a tuple), as {@code set x = 1, 2} and parentheses allow. */
    private Node expressionOrTuple() {
        int pos = peek().pos();
        Node first = expression();
        if (!peek().isSymbol(",")) return first;
        List<Node> items = new ArrayList<>();
        items.add(first);
        while (peek().isSymbol(",")) {
            next();
            if (peek().isSymbol(")") || peek().kind() == Kind.CLOSE_STATEMENT) break;
            items.add(expression());
        }
        return new TupleLiteral(pos, items);
    }

    Node expression() {
        if (++depth > MAX_DEPTH) throw error(peek().pos(), "expression nested more than " + MAX_DEPTH + " deep");
        try {
            Node value = or();
            if (peek().isName("if")) {
                next();
                Node test = or();
                Node orElse = null;
                if (peek().isName("else")) {
                    next();
                    orElse = expression();
                }
                return new Conditional(value.pos(), test, value, orElse);
            }
            return value;
        } finally {
            depth--;
        }
    }

    private Node or() {
        Node left = and();
        while (peek().isName("or")) {
            Token op = next();
            left = new Binary(op.pos(), "or", left, and());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().isName("and")) {
            Token op = next();
            left = new Binary(op.pos(), "and", left, not());
        }
        return left;
    }

    private Node not() {
        if (peek().isName("not")) {
            Token op = next();
            if (++depth > MAX_DEPTH) throw error(op.pos(), "expression nested more than " + MAX_DEPTH + " deep");
            try {
                return new Unary(op.pos(), "not", not());
            } finally {
                depth--;
            }
        }
        return comparison();
    }

    private Node comparison() {
        Node left = additive();
        while (true) {
            Token t = peek();
            String op;
            if (t.isName("not") && tokens.get(at + 1).isName("in")) {
                next();
                op = "not in";
            } else if (t.isName("in")) {
                op = "in";
            } else if (t.kind() == Kind.SYMBOL && (t.text().equals("==") || t.text().equals("!=")
                    || t.text().equals("<") || t.text().equals(">") || t.text().equals("<=") || t.text().equals(">="))) {
                op = t.text();
            } else {
                return left;
            }
            next();
            left = new Binary(t.pos(), op, left, additive());
        }
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-") || peek().isSymbol("~")) {
            Token op = next();
            left = new Binary(op.pos(), op.text(), left, multiplicative());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = power();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("//") || peek().isSymbol("%")) {
            Token op = next();
            left = new Binary(op.pos(), op.text(), left, power());
        }
        return left;
    }

    private Node power() {
        Node left = test();
        while (peek().isSymbol("**")) {
            Token op = next();
            left = new Binary(op.pos(), "**", left, test());
        }
        return left;
    }

    private Node test() {
        Node operand = filter();
        while (peek().isName("is")) {
            Token is = next();
            boolean negated = false;
            if (peek().isName("not")) {
                next();
                negated = true;
            }
            Token name = next();
            if (name.kind() != Kind.NAME) throw error(name.pos(), "expected a test name after 'is', got " + describe(name));
            List<Node> args = new ArrayList<>();
            if (peek().isSymbol("(")) {
                next();
                while (!peek().isSymbol(")")) {
                    args.add(expression());
                    if (!peek().isSymbol(",")) break;
                    next();
                }
                expectSymbol(")");
            } else if (startsOperand(peek())) {
                args.add(filter());  // "is equalto 3", "is sameas x": one argument without parentheses
            }
            operand = new Node.Test(is.pos(), operand, name.text(), negated, args);
        }
        return operand;
    }

    /** Whether {@code t} can start a test's argument written without parentheses. */
    private static boolean startsOperand(Token t) {
        return t.kind() == Kind.STRING || t.kind() == Kind.INTEGER || t.kind() == Kind.FLOAT
                || (t.kind() == Kind.NAME && !t.text().equals("and") && !t.text().equals("or")
                    && !t.text().equals("if") && !t.text().equals("else") && !t.text().equals("in")
                    && !t.text().equals("not") && !t.text().equals("is"));
    }

    private Node filter() {
        Node operand = unary();
        while (peek().isSymbol("|")) {
            Token bar = next();
            Token name = next();
            if (name.kind() != Kind.NAME) throw error(name.pos(), "expected a filter name after '|', got " + describe(name));
            List<Node> args = new ArrayList<>();
            List<String> kwNames = new ArrayList<>();
            List<Node> kwValues = new ArrayList<>();
            if (peek().isSymbol("(")) {
                next();
                arguments(args, kwNames, kwValues);
            }
            operand = new Filter(bar.pos(), operand, name.text(), args, kwNames, kwValues);
        }
        return operand;
    }

    private Node unary() {
        if (peek().isSymbol("-") || peek().isSymbol("+")) {
            Token op = next();
            if (++depth > MAX_DEPTH) throw error(op.pos(), "expression nested more than " + MAX_DEPTH + " deep");
            try {
                return new Unary(op.pos(), op.text(), unary());
            } finally {
                depth--;
            }
        }
        return postfix(primary());
    }

    private Node postfix(Node object) {
        while (true) {
            Token t = peek();
            if (t.isSymbol(".")) {
                next();
                Token name = next();
                if (name.kind() == Kind.NAME) {
                    object = new Member(t.pos(), object, new Literal(name.pos(), name.text()), false);
                } else if (name.kind() == Kind.INTEGER) {
                    object = new Member(t.pos(), object, new Literal(name.pos(), Long.parseLong(name.text())), true);
                } else {
                    throw error(name.pos(), "expected an attribute name after '.', got " + describe(name));
                }
            } else if (t.isSymbol("[")) {
                next();
                object = subscript(t.pos(), object);
            } else if (t.isSymbol("(")) {
                next();
                List<Node> args = new ArrayList<>();
                List<String> kwNames = new ArrayList<>();
                List<Node> kwValues = new ArrayList<>();
                arguments(args, kwNames, kwValues);
                object = new Call(t.pos(), object, args, kwNames, kwValues);
            } else {
                return object;
            }
        }
    }

    /** After '[': an index or a slice {@code start:stop:step}, through the closing ']'. */
    private Node subscript(int pos, Node object) {
        Node[] parts = new Node[3];
        int part = 0;
        boolean slice = false;
        while (!peek().isSymbol("]")) {
            if (peek().isSymbol(":")) {
                next();
                slice = true;
                if (++part > 2) throw error(peek().pos(), "a slice has at most three parts (start:stop:step)");
                continue;
            }
            if (parts[part] != null) throw error(peek().pos(), "expected ']' or ':', got " + describe(peek()));
            parts[part] = expression();
        }
        Token close = next();
        if (!slice) {
            if (parts[0] == null) throw error(close.pos(), "empty subscript []");
            return new Member(pos, object, parts[0], true);
        }
        return new Slice(pos, object, parts[0], parts[1], parts[2]);
    }

    /** After '(': positional then keyword ({@code name=value}) arguments, through the closing ')'. */
    private void arguments(List<Node> args, List<String> kwNames, List<Node> kwValues) {
        while (!peek().isSymbol(")")) {
            Token t = peek();
            if (t.kind() == Kind.NAME && tokens.get(at + 1).isSymbol("=")) {
                next();
                next();
                kwNames.add(t.text());
                kwValues.add(expression());
            } else {
                if (!kwNames.isEmpty()) throw error(t.pos(), "a positional argument follows keyword arguments");
                args.add(expression());
            }
            if (!peek().isSymbol(",")) break;
            next();
        }
        expectSymbol(")");
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING: {
                StringBuilder sb = new StringBuilder(t.text());
                while (peek().kind() == Kind.STRING) sb.append(next().text());
                return new Literal(t.pos(), sb.toString());
            }
            case INTEGER:
                try {
                    return new Literal(t.pos(), Long.parseLong(t.text()));
                } catch (NumberFormatException e) {
                    throw error(t.pos(), "integer literal " + t.text() + " is too large");
                }
            case FLOAT: return new Literal(t.pos(), Double.parseDouble(t.text()));
            case NAME:
                switch (t.text()) {
                    case "true": case "True": return new Literal(t.pos(), Boolean.TRUE);
                    case "false": case "False": return new Literal(t.pos(), Boolean.FALSE);
                    case "none": case "None": return new Literal(t.pos(), null);
                    default: return new Name(t.pos(), t.text());
                }
            case SYMBOL:
                if (t.text().equals("(")) {
                    if (peek().isSymbol(")")) {
                        next();
                        return new TupleLiteral(t.pos(), List.of());
                    }
                    Node inner = expressionOrTuple();
                    expectSymbol(")");
                    return inner;
                }
                if (t.text().equals("[")) {
                    List<Node> items = new ArrayList<>();
                    while (!peek().isSymbol("]")) {
                        items.add(expression());
                        if (!peek().isSymbol(",")) break;
                        next();
                    }
                    expectSymbol("]");
                    return new ListLiteral(t.pos(), items);
                }
                if (t.text().equals("{")) {
                    List<Node> keys = new ArrayList<>();
                    List<Node> values = new ArrayList<>();
                    while (!peek().isSymbol("}")) {
                        keys.add(expression());
                        expectSymbol(":");
                        values.add(expression());
                        if (!peek().isSymbol(",")) break;
                        next();
                    }
                    expectSymbol("}");
                    return new DictLiteral(t.pos(), keys, values);
                }
                throw error(t.pos(), "unexpected '" + t.text() + "'");
            default:
                throw error(t.pos(), "expected a value, got " + describe(t));
        }
    }

    // ---- tokens ----

    private Token peek() { return tokens.get(at); }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) at++;
        return t;
    }

    private void expect(Kind kind, String what) {
        Token t = next();
        if (t.kind() != kind) throw error(t.pos(), "expected " + what + ", got " + describe(t));
    }

    private void expectSymbol(String symbol) {
        Token t = next();
        if (!t.isSymbol(symbol)) throw error(t.pos(), "expected '" + symbol + "', got " + describe(t));
    }

    private static String describe(Token t) {
        switch (t.kind()) {
            case END: return "the end of the template";
            case TEXT: return "text";
            case STRING: return "a string";
            case CLOSE_STATEMENT: return "%}";
            case CLOSE_EXPRESSION: return "}}";
            default: return "'" + t.text() + "'";
        }
    }

    private TemplateException error(int pos, String problem) {
        return TemplateException.at(source, pos, problem);
    }
}
