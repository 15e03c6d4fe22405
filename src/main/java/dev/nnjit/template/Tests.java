package dev.nnjit.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code is} tests: defined, undefined, none, string, number, integer, float, boolean, true, false, mapping,
 *  iterable, sequence, callable, odd, even, divisibleby, lower, upper, equalto/eq/==, ne/!=, sameas, in. */
final class Tests {
    private Tests() {}

    static boolean apply(String name, Object v, List<Object> args) {
        switch (name) {
            case "defined": return v != Undefined.VALUE;
            case "undefined": return v == Undefined.VALUE;
            case "none": return v == null;
            case "string": return v instanceof String;
            case "number": return v instanceof Long || v instanceof Double;
            case "integer": return v instanceof Long;
            case "float": return v instanceof Double;
            case "boolean": return v instanceof Boolean;
            case "true": return Boolean.TRUE.equals(v);
            case "false": return Boolean.FALSE.equals(v);
            case "mapping": return v instanceof Map;
            case "iterable": return v instanceof List || v instanceof String || v instanceof Map;
            case "sequence": return v instanceof List || v instanceof String || v instanceof Map;
            case "callable": return v instanceof Callable;
            case "odd": return integer(v, name) % 2 != 0;
            case "even": return integer(v, name) % 2 == 0;
            case "divisibleby": return integer(v, name) % integer(arg(args, name), name) == 0;
            case "lower": return v instanceof String s && s.equals(s.toLowerCase(Locale.ROOT));
            case "upper": return v instanceof String s && s.equals(s.toUpperCase(Locale.ROOT));
            case "equalto": case "eq": case "==": case "sameas": return Values.equal(v, arg(args, name));
            case "ne": case "!=": return !Values.equal(v, arg(args, name));
            case "in": return Operators.contains(arg(args, name), v);
            default: throw new EvalError("unknown test '" + name + "'");
        }
    }

    private static Object arg(List<Object> args, String name) {
        if (args.isEmpty()) throw new EvalError("the test '" + name + "' needs an argument");
        return args.get(0);
    }

    private static long integer(Object v, String name) {
        if (!(v instanceof Long l)) throw new EvalError("the test '" + name + "' needs an integer, got a " + Values.typeName(v));
        return l;
    }
}
