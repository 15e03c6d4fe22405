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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a syntax tree over template values ({@link Values}). Semantics follow Jinja as transformers.js's renderer
 * (@huggingface/jinja) implements them; see the package documentation for the few deliberate differences. Errors
 * become {@link TemplateException}s at the innermost node being evaluated.
 */
final class Interpreter {
    private static final int MAX_CALL_DEPTH = 100;

    private final String source;
    private int callDepth;

    Interpreter(String source) {
        this.source = source;
    }

    private static final class BreakSignal extends RuntimeException {
        BreakSignal() { super("break outside a loop"); }
    }

    private static final class ContinueSignal extends RuntimeException {
        ContinueSignal() { super("continue outside a loop"); }
    }

    String render(List<Node> body, Scope scope) {
        StringBuilder out = new StringBuilder();
        renderBlock(body, scope, out);
        return out.toString();
    }

    private void renderBlock(List<Node> body, Scope scope, StringBuilder out) {
        for (Node n : body) renderNode(n, scope, out);
    }

    private void renderNode(Node n, Scope scope, StringBuilder out) {
        try {
            if (n instanceof Node.Text t) {
                out.append(t.text());
            } else if (n instanceof Node.Output o) {
                out.append(Values.display(eval(o.expression(), scope)));
            } else if (n instanceof Node.If i) {
                renderBlock(Values.truthy(eval(i.test(), scope)) ? i.body() : i.orElse(), scope, out);
            } else if (n instanceof Node.For f) {
                renderFor(f, scope, out);
            } else if (n instanceof Node.Set s) {
                Object value = s.value() != null ? eval(s.value(), scope) : render(s.body(), scope);
                assign(s.target(), value, scope);
            } else if (n instanceof Node.Macro m) {
                scope.set(m.name(), macro(m, scope));
            } else if (n instanceof Node.Break) {
                throw new BreakSignal();
            } else if (n instanceof Node.Continue) {
                throw new ContinueSignal();
            } else {
                throw new EvalError("cannot render a " + n.getClass().getSimpleName());
            }
        } catch (EvalError e) {
            throw TemplateException.at(source, n.pos(), e.getMessage());
        }
    }

    private void renderFor(Node.For f, Scope scope, StringBuilder out) {
        List<Object> candidates = iterate(eval(f.iterable(), scope));
        List<Object> items;
        if (f.filter() == null) {
            items = candidates;
        } else {
            items = new ArrayList<>();
            for (Object item : candidates) {
                Scope test = new Scope(scope);
                assign(f.target(), item, test);
                if (Values.truthy(eval(f.filter(), test))) items.add(item);
            }
        }
        Scope body = new Scope(scope);
        if (items.isEmpty()) {
            renderBlock(f.orElse(), body, out);
            return;
        }
        int n = items.size();
        for (int i = 0; i < n; i++) {
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("index", (long) i + 1);
            loop.put("index0", (long) i);
            loop.put("revindex", (long) (n - i));
            loop.put("revindex0", (long) (n - i - 1));
            loop.put("first", i == 0);
            loop.put("last", i == n - 1);
            loop.put("length", (long) n);
            loop.put("previtem", i > 0 ? items.get(i - 1) : Undefined.VALUE);
            loop.put("nextitem", i < n - 1 ? items.get(i + 1) : Undefined.VALUE);
            body.set("loop", loop);
            assign(f.target(), items.get(i), body);
            try {
                renderBlock(f.body(), body, out);
            } catch (ContinueSignal c) {
                // next item
            } catch (BreakSignal b) {
                break;
            }
        }
    }

    /** The items a for loop visits: a list's items, a dict's keys, a string's characters; none for undefined. */
    @SuppressWarnings("unchecked")
    private static List<Object> iterate(Object v) {
        if (v instanceof List) return (List<Object>) v;
        if (v instanceof Map) return new ArrayList<>(((Map<String, Object>) v).keySet());
        if (v instanceof String s) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (v == Undefined.VALUE) return List.of();
        throw new EvalError("cannot loop over a " + Values.typeName(v));
    }

    private void assign(Node target, Object value, Scope scope) {
        if (target instanceof Name n) {
            scope.set(n.name(), value);
        } else if (target instanceof TupleLiteral t) {
            if (!(value instanceof List<?> list)) {
                throw new EvalError("cannot unpack a " + Values.typeName(value) + " into " + t.items().size() + " names");
            }
            if (list.size() != t.items().size()) {
                throw new EvalError("cannot unpack " + list.size() + " values into " + t.items().size() + " names");
            }
            for (int i = 0; i < list.size(); i++) assign(t.items().get(i), list.get(i), scope);
        } else if (target instanceof Member m) {
            Object object = eval(m.object(), scope);
            if (!(object instanceof Namespace ns)) {
                throw new EvalError("cannot set an attribute of a " + Values.typeName(object)
                        + " (only of a namespace())");
            }
            ns.attributes.put((String) ((Literal) m.key()).value(), value);
        } else {
            throw new EvalError("cannot assign to this expression");
        }
    }

    private Callable macro(Node.Macro m, Scope defining) {
        return (args, kwargs) -> {
            if (args.size() > m.params().size()) {
                throw new EvalError("macro '" + m.name() + "' takes at most " + m.params().size() + " arguments, got "
                        + args.size());
            }
            Scope scope = new Scope(defining);
            Map<String, Object> rest = new LinkedHashMap<>(kwargs);
            List<Node.Param> defaults = new ArrayList<>();
            for (int i = 0; i < m.params().size(); i++) {
                Node.Param p = m.params().get(i);
                Object value = i < args.size() ? args.get(i) : rest.containsKey(p.name()) ? rest.remove(p.name())
                        : Undefined.VALUE;
                if (value == Undefined.VALUE && p.defaultValue() != null) defaults.add(p);
                scope.set(p.name(), value);
            }
            if (!rest.isEmpty()) {
                throw new EvalError("macro '" + m.name() + "' has no parameter '" + rest.keySet().iterator().next() + "'");
            }
            for (Node.Param p : defaults) scope.set(p.name(), eval(p.defaultValue(), scope));
            if (++callDepth > MAX_CALL_DEPTH) {
                callDepth = 0;
                throw new EvalError("macro calls nested more than " + MAX_CALL_DEPTH + " deep");
            }
            try {
                return render(m.body(), scope);
            } finally {
                if (callDepth > 0) callDepth--;
            }
        };
    }

    // ---- expressions ----

    Object eval(Node n, Scope scope) {
        try {
            return evalUnchecked(n, scope);
        } catch (EvalError e) {
            throw TemplateException.at(source, n.pos(), e.getMessage());
        } catch (ArithmeticException | ClassCastException | IndexOutOfBoundsException e) {
            throw TemplateException.at(source, n.pos(), e.toString());
        }
    }

    private Object evalUnchecked(Node n, Scope scope) {
        if (n instanceof Literal l) return l.value();
        if (n instanceof Name name) return scope.get(name.name());
        if (n instanceof Member m) {
            Object object = eval(m.object(), scope);
            Object key = m.computed() ? eval(m.key(), scope) : ((Literal) m.key()).value();
            return Builtins.member(object, key);
        }
        if (n instanceof Slice s) return slice(s, scope);
        if (n instanceof Binary b) return binary(b, scope);
        if (n instanceof Unary u) return unary(u.op(), eval(u.operand(), scope));
        if (n instanceof Conditional c) {
            if (Values.truthy(eval(c.test(), scope))) return eval(c.then(), scope);
            return c.orElse() == null ? Undefined.VALUE : eval(c.orElse(), scope);
        }
        if (n instanceof Filter f) {
            Object operand = eval(f.operand(), scope);
            return Filters.apply(f.name(), operand, evalAll(f.args(), scope), kwargs(f.kwNames(), f.kwValues(), scope));
        }
        if (n instanceof Node.Test t) {
            boolean result = Tests.apply(t.name(), eval(t.operand(), scope), evalAll(t.args(), scope));
            return result != t.negated();
        }
        if (n instanceof Call c) {
            Object callee = eval(c.callee(), scope);
            if (!(callee instanceof Callable fn)) {
                if (callee == Undefined.VALUE && c.callee() instanceof Name name) {
                    throw new EvalError("'" + name.name() + "' is undefined: no such function or macro");
                }
                throw new EvalError("cannot call a " + Values.typeName(callee));
            }
            return fn.call(evalAll(c.args(), scope), kwargs(c.kwNames(), c.kwValues(), scope));
        }
        if (n instanceof ListLiteral l) return evalAll(l.items(), scope);
        if (n instanceof TupleLiteral t) return evalAll(t.items(), scope);
        if (n instanceof DictLiteral d) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) {
                Object key = eval(d.keys().get(i), scope);
                if (!(key instanceof String k)) throw new EvalError("dict keys must be strings, got a " + Values.typeName(key));
                map.put(k, eval(d.values().get(i), scope));
            }
            return map;
        }
        throw new EvalError("cannot evaluate a " + n.getClass().getSimpleName() + " as a value");
    }

    private List<Object> evalAll(List<Node> nodes, Scope scope) {
        List<Object> values = new ArrayList<>(nodes.size());
        for (Node a : nodes) values.add(eval(a, scope));
        return values;
    }

    private Map<String, Object> kwargs(List<String> names, List<Node> values, Scope scope) {
        if (names.isEmpty()) return Map.of();
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (map.containsKey(names.get(i))) throw new EvalError("keyword argument '" + names.get(i) + "' given twice");
            map.put(names.get(i), eval(values.get(i), scope));
        }
        return map;
    }

    private Object slice(Slice s, Scope scope) {
        Object object = eval(s.object(), scope);
        Long start = sliceIndex(s.start(), scope), stop = sliceIndex(s.stop(), scope), step = sliceIndex(s.step(), scope);
        long st = step == null ? 1 : step;
        if (st == 0) throw new EvalError("slice step cannot be zero");
        if (object instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i : Builtins.sliceIndices(list.size(), start, stop, st)) out.add(list.get(i));
            return out;
        }
        if (object instanceof String str) {
            int[] cps = str.codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            for (int i : Builtins.sliceIndices(cps.length, start, stop, st)) sb.appendCodePoint(cps[i]);
            return sb.toString();
        }
        throw new EvalError("cannot slice a " + Values.typeName(object));
    }

    private Long sliceIndex(Node n, Scope scope) {
        if (n == null) return null;
        Object v = eval(n, scope);
        if (v == null || v == Undefined.VALUE) return null;
        if (!(v instanceof Long l)) throw new EvalError("slice indices must be integers, got a " + Values.typeName(v));
        return l;
    }

    private static Object unary(String op, Object v) {
        if (op.equals("not")) return !Values.truthy(v);
        if (v instanceof Boolean b) v = b ? 1L : 0L;
        if (v instanceof Long l) return op.equals("-") ? -l : l;
        if (v instanceof Double d) return op.equals("-") ? -d : d;
        throw new EvalError("bad operand for unary " + op + ": a " + Values.typeName(v));
    }

    private Object binary(Binary b, Scope scope) {
        String op = b.op();
        Object left = eval(b.left(), scope);
        if (op.equals("and")) return Values.truthy(left) ? eval(b.right(), scope) : left;
        if (op.equals("or")) return Values.truthy(left) ? left : eval(b.right(), scope);
        Object right = eval(b.right(), scope);
        return Operators.apply(op, left, right);
    }
}
