package dev.nnjit.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The binary operators other than {@code and}/{@code or} (which short-circuit in the {@link Interpreter}): comparison,
 * membership, arithmetic (integers stay integers except under {@code /}; {@code //} and {@code %} floor as in
 * Python), {@code ~} (concatenation of the printed forms), {@code +} on strings and on lists.
 */
final class Operators {
    private Operators() {}

    static Object apply(String op, Object left, Object right) {
        switch (op) {
            case "==": return Values.equal(left, right);
            case "!=": return !Values.equal(left, right);
            case "~": return Values.display(left) + Values.display(right);
            case "in": return contains(right, left);
            case "not in": return !contains(right, left);
            default: break;
        }
        if (Values.isNumber(left) && Values.isNumber(right)) return arithmetic(op, left, right);
        if (op.equals("**") && numberLike(left) && numberLike(right)) return arithmetic(op, asNumber(left), asNumber(right));
        if (left == Undefined.VALUE || right == Undefined.VALUE || left == null || right == null) {
            throw new EvalError("cannot apply " + op + " to " + Values.typeName(left) + " and " + Values.typeName(right));
        }
        if (op.equals("+")) {
            if (left instanceof List<?> a && right instanceof List<?> b) {
                List<Object> out = new ArrayList<>(a);
                out.addAll(b);
                return out;
            }
            if (left instanceof String || right instanceof String) return Values.display(left) + Values.display(right);
        }
        if (left instanceof String a && right instanceof String b) {
            int c = a.compareTo(b);
            switch (op) {
                case "<": return c < 0;
                case ">": return c > 0;
                case "<=": return c <= 0;
                case ">=": return c >= 0;
                default: break;
            }
        }
        if (op.equals("*") && left instanceof String s && right instanceof Long n) return repeat(s, n);
        throw new EvalError("unsupported operand types for " + op + ": " + Values.typeName(left) + " and "
                + Values.typeName(right));
    }

    private static boolean numberLike(Object v) { return Values.isNumber(v) || v instanceof Boolean; }

    private static Object asNumber(Object v) { return v instanceof Boolean b ? (Object) (b ? 1L : 0L) : v; }

    private static String repeat(String s, long n) {
        if (n * s.length() > 10_000_000) throw new EvalError("string repetition too long");
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < n; i++) sb.append(s);
        return sb.toString();
    }

    private static Object arithmetic(String op, Object left, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            switch (op) {
                case "+": return a + b;
                case "-": return a - b;
                case "*": return a * b;
                case "/":
                    if (b == 0) throw new EvalError("division by zero");
                    return (double) a / b;
                case "//":
                    if (b == 0) throw new EvalError("division by zero");
                    return Math.floorDiv(a, b);
                case "%":
                    if (b == 0) throw new EvalError("modulo by zero");
                    return Math.floorMod(a, b);
                case "**":
                    if (b < 0) return Math.pow(a, b);
                    return (long) Math.pow(a, b);
                default: return compare(op, Long.compare(a, b));
            }
        }
        double a = Values.toDouble(left), b = Values.toDouble(right);
        switch (op) {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/":
                if (b == 0) throw new EvalError("division by zero");
                return a / b;
            case "//":
                if (b == 0) throw new EvalError("division by zero");
                return Math.floor(a / b);
            case "%":
                if (b == 0) throw new EvalError("modulo by zero");
                return a - b * Math.floor(a / b);
            case "**": return Math.pow(a, b);
            default: return compare(op, Double.compare(a, b));
        }
    }

    private static Object compare(String op, int c) {
        switch (op) {
            case "<": return c < 0;
            case ">": return c > 0;
            case "<=": return c <= 0;
            case ">=": return c >= 0;
            default: throw new EvalError("unknown operator " + op);
        }
    }

    /** {@code needle in haystack}: an item of a list, a substring of a string, a key of a dict; nothing is in undefined. */
    static boolean contains(Object haystack, Object needle) {
        if (haystack instanceof List<?> list) {
            for (Object item : list) if (Values.equal(item, needle)) return true;
            return false;
        }
        if (haystack instanceof String s) {
            if (!(needle instanceof String n)) throw new EvalError("'in <string>' needs a string on the left, got a "
                    + Values.typeName(needle));
            return s.contains(n);
        }
        if (haystack instanceof Map<?, ?> m) return needle instanceof String && m.containsKey(needle);
        if (haystack instanceof Namespace ns) return needle instanceof String && ns.attributes.containsKey(needle);
        if (haystack == Undefined.VALUE) return false;
        throw new EvalError("cannot test membership in a " + Values.typeName(haystack));
    }
}
