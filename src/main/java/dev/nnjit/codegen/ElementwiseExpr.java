package dev.nnjit.codegen;

import dev.nnjit.ops.fused.ElementwiseOp;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fused elementwise computation: a DAG of typed nodes over the kernel's inputs. Nodes are immutable; sharing a
 * node object in several places makes it a common subexpression, computed once per element. Types are checked at
 * construction (arithmetic on equal types, math functions on f32, comparisons to bool, logic on bool), so a built
 * expression always generates valid WGSL. The operators are {@link ElementwiseOp}, the vocabulary fused programs
 * use too.
 */
public final class ElementwiseExpr {

    private final ElementwiseOp op;
    private final ElementwiseExpr[] args;
    private final int input;
    private final double constant;
    private final ScalarType type;

    private ElementwiseExpr(ElementwiseOp op, ScalarType type, int input, double constant, ElementwiseExpr... args) {
        this.op = op;
        this.type = type;
        this.input = input;
        this.constant = constant;
        this.args = args;
    }

    public ElementwiseOp op() { return op; }
    public ScalarType type() { return type; }
    /** The input index of an INPUT node. */
    public int inputIndex() { return input; }
    /** The value of a CONST node (bool: 0 or 1). */
    public double constant() { return constant; }
    public int argCount() { return args.length; }
    public ElementwiseExpr arg(int i) { return args[i]; }

    // ---- leaves

    public static ElementwiseExpr input(int index, ScalarType type) {
        if (index < 0) throw new IllegalArgumentException("input index must be >= 0, got " + index);
        return new ElementwiseExpr(ElementwiseOp.INPUT, type, index, 0);
    }

    public static ElementwiseExpr constant(double value, ScalarType type) {
        if (type == ScalarType.I32 && (value != Math.rint(value) || value < Integer.MIN_VALUE
                || value > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("i32 constant out of range or not integral: " + value);
        }
        if (type == ScalarType.BOOL) value = value != 0 ? 1 : 0;
        if (type == ScalarType.F32) value = (float) value;
        return new ElementwiseExpr(ElementwiseOp.CONST, type, -1, value);
    }

    public static ElementwiseExpr f32(double value) { return constant(value, ScalarType.F32); }

    // ---- builders

    /** Any operator by name, with its type rule checked. */
    public static ElementwiseExpr of(ElementwiseOp op, ElementwiseExpr... args) {
        if (op.arity < 0) throw new IllegalArgumentException("use input()/constant() for " + op);
        if (op == ElementwiseOp.CAST) throw new IllegalArgumentException("use cast(expr, type) for CAST");
        if (args.length != op.arity) {
            throw new IllegalArgumentException(op + " takes " + op.arity + " operand(s), got " + args.length);
        }
        return new ElementwiseExpr(op, resultType(op, args), -1, 0, args.clone());
    }

    public static ElementwiseExpr cast(ElementwiseExpr a, ScalarType to) {
        if (a.type == to) return a;
        return new ElementwiseExpr(ElementwiseOp.CAST, to, -1, 0, a);
    }

    public static ElementwiseExpr add(ElementwiseExpr a, ElementwiseExpr b) { return of(ElementwiseOp.ADD, a, b); }
    public static ElementwiseExpr sub(ElementwiseExpr a, ElementwiseExpr b) { return of(ElementwiseOp.SUB, a, b); }
    public static ElementwiseExpr mul(ElementwiseExpr a, ElementwiseExpr b) { return of(ElementwiseOp.MUL, a, b); }
    public static ElementwiseExpr div(ElementwiseExpr a, ElementwiseExpr b) { return of(ElementwiseOp.DIV, a, b); }
    public static ElementwiseExpr unary(ElementwiseOp op, ElementwiseExpr a) { return of(op, a); }
    public static ElementwiseExpr where(ElementwiseExpr c, ElementwiseExpr a, ElementwiseExpr b) {
        return of(ElementwiseOp.WHERE, c, a, b);
    }

    private static ScalarType resultType(ElementwiseOp op, ElementwiseExpr[] a) {
        switch (op) {
            case ADD: case SUB: case MUL: case DIV: case MIN: case MAX:
                sameNumeric(op, a[0], a[1]);
                return a[0].type;
            case POW:
                sameNumeric(op, a[0], a[1]);
                requireType(op, a[0], ScalarType.F32);
                return ScalarType.F32;
            case NEG: case ABS: case RELU:
                if (a[0].type == ScalarType.BOOL) throw typeError(op, a);
                return a[0].type;
            case SQRT: case RECIPROCAL: case EXP: case LOG: case ERF: case TANH: case SIGMOID: case GELU:
            case GELU_TANH: case SILU: case FLOOR: case CEIL:
                requireType(op, a[0], ScalarType.F32);
                return ScalarType.F32;
            case EQUAL: case NOT_EQUAL:
                if (a[0].type != a[1].type) throw typeError(op, a);
                return ScalarType.BOOL;
            case LESS: case LESS_EQUAL: case GREATER: case GREATER_EQUAL:
                sameNumeric(op, a[0], a[1]);
                return ScalarType.BOOL;
            case AND: case OR: case XOR:
                requireType(op, a[0], ScalarType.BOOL);
                requireType(op, a[1], ScalarType.BOOL);
                return ScalarType.BOOL;
            case NOT:
                requireType(op, a[0], ScalarType.BOOL);
                return ScalarType.BOOL;
            case WHERE:
                requireType(op, a[0], ScalarType.BOOL);
                if (a[1].type != a[2].type) throw typeError(op, a);
                return a[1].type;
            default:
                throw new IllegalStateException("no type rule for " + op);
        }
    }

    private static void sameNumeric(ElementwiseOp op, ElementwiseExpr a, ElementwiseExpr b) {
        if (a.type != b.type || a.type == ScalarType.BOOL) throw typeError(op, a, b);
    }

    private static void requireType(ElementwiseOp op, ElementwiseExpr a, ScalarType t) {
        if (a.type != t) throw new IllegalArgumentException(op + " needs " + t + " operands, got " + a.type);
    }

    private static IllegalArgumentException typeError(ElementwiseOp op, ElementwiseExpr... a) {
        StringBuilder sb = new StringBuilder(op + " cannot take operand types");
        for (ElementwiseExpr e : a) sb.append(' ').append(e.type);
        return new IllegalArgumentException(sb.toString());
    }

    // ---- traversal

    /** The distinct nodes in dependency order (operands before users), each once. */
    public List<ElementwiseExpr> topologicalOrder() {
        List<ElementwiseExpr> order = new ArrayList<>();
        visit(this, new IdentityHashMap<>(), order);
        return order;
    }

    private static void visit(ElementwiseExpr e, Map<ElementwiseExpr, Boolean> seen, List<ElementwiseExpr> order) {
        if (seen.containsKey(e)) return;
        seen.put(e, Boolean.TRUE);
        for (ElementwiseExpr a : e.args) visit(a, seen, order);
        order.add(e);
    }

    /** Highest input index used plus one. */
    public int inputCount() {
        int n = 0;
        for (ElementwiseExpr e : topologicalOrder()) if (e.op == ElementwiseOp.INPUT) n = Math.max(n, e.input + 1);
        return n;
    }

    /**
     * Canonical text of the DAG: nodes numbered in topological order, e.g. {@code "0=in0:f32;1=c:f32:1.0;2=add(0,1)"}.
     * Structurally equal DAGs (same sharing) have equal keys.
     */
    public String key() {
        List<ElementwiseExpr> order = topologicalOrder();
        Map<ElementwiseExpr, Integer> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            ElementwiseExpr e = order.get(i);
            ids.put(e, i);
            if (i > 0) sb.append(';');
            sb.append(i).append('=');
            switch (e.op) {
                case INPUT: sb.append("in").append(e.input).append(':').append(e.type.name().toLowerCase()); break;
                case CONST:
                    sb.append("c:").append(e.type.name().toLowerCase()).append(':');
                    if (e.type == ScalarType.F32) sb.append(Float.toString((float) e.constant));
                    else sb.append((long) e.constant);
                    break;
                case CAST: sb.append("cast_").append(e.type.name().toLowerCase()).append('(').append(ids.get(e.args[0]))
                        .append(')'); break;
                default:
                    sb.append(e.op.name().toLowerCase()).append('(');
                    for (int j = 0; j < e.args.length; j++) {
                        if (j > 0) sb.append(',');
                        sb.append(ids.get(e.args[j]));
                    }
                    sb.append(')');
            }
        }
        return sb.toString();
    }

    /** Short human form for shape comments: "add(in0, mul(in1, 0.5))" (shared nodes repeated). */
    @Override public String toString() {
        switch (op) {
            case INPUT: return "in" + input;
            case CONST: return type == ScalarType.F32 ? Float.toString((float) constant) : Long.toString((long) constant);
            case CAST: return "cast<" + type.value + ">(" + args[0] + ")";
            default:
                StringBuilder sb = new StringBuilder(op.name().toLowerCase()).append('(');
                for (int j = 0; j < args.length; j++) {
                    if (j > 0) sb.append(", ");
                    sb.append(args[j]);
                }
                return sb.append(')').toString();
        }
    }
}
