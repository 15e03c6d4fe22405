package dev.nnjit.template;

import java.util.List;

/**
 * The template's syntax tree: statements render text, expressions compute values. Every node keeps the source offset
 * of its first token, so render-time errors can name the line and column.
 */
interface Node {
    int pos();

    // ---- statements ----
    record Text(int pos, String text) implements Node {}
    record Output(int pos, Node expression) implements Node {}
    record If(int pos, Node test, List<Node> body, List<Node> orElse) implements Node {}
    /** {@code for target in iterable [if filter]} ... [{@code else}] ...; target is a Name or a TupleLiteral. */
    record For(int pos, Node target, Node iterable, Node filter, List<Node> body, List<Node> orElse) implements Node {}
    /** {@code set target = value}, or the block form {@code set target} ... {@code endset} (value null). */
    record Set(int pos, Node target, Node value, List<Node> body) implements Node {}
    record Macro(int pos, String name, List<Param> params, List<Node> body) implements Node {}
    record Break(int pos) implements Node {}
    record Continue(int pos) implements Node {}

    /** A macro parameter; {@code defaultValue} null when it has none. */
    record Param(String name, Node defaultValue) {}

    // ---- expressions ----
    record Literal(int pos, Object value) implements Node {}
    record Name(int pos, String name) implements Node {}
    record ListLiteral(int pos, List<Node> items) implements Node {}
    record TupleLiteral(int pos, List<Node> items) implements Node {}
    record DictLiteral(int pos, List<Node> keys, List<Node> values) implements Node {}
    /** {@code object.name} (computed false) or {@code object[key]}. */
    record Member(int pos, Node object, Node key, boolean computed) implements Node {}
    /** {@code object[start:stop:step]}; absent parts are null. */
    record Slice(int pos, Node object, Node start, Node stop, Node step) implements Node {}
    record Call(int pos, Node callee, List<Node> args, List<String> kwNames, List<Node> kwValues) implements Node {}
    /** {@code operand | name(args)}; args empty when the filter is written without parentheses. */
    record Filter(int pos, Node operand, String name, List<Node> args, List<String> kwNames, List<Node> kwValues)
            implements Node {}
    record Test(int pos, Node operand, String name, boolean negated, List<Node> args) implements Node {}
    record Unary(int pos, String op, Node operand) implements Node {}
    record Binary(int pos, String op, Node left, Node right) implements Node {}
    /** {@code a if test else b}; without {@code else}, orElse is null and the value is undefined when test fails. */
    record Conditional(int pos, Node test, Node then, Node orElse) implements Node {}
}
