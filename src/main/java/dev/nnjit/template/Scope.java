package dev.nnjit.template;

import java.util.HashMap;
import java.util.Map;

/**
 * Variables, scoped as Jinja scopes them: a for loop body and a macro call get a child scope (so {@code set} inside a
 * loop does not leak out: use a namespace), if blocks do not. Lookups walk outwards; a missing name is
 * {@link Undefined}.
 */
final class Scope {
    private final Map<String, Object> variables = new HashMap<>();
    private final Scope parent;

    Scope(Scope parent) {
        this.parent = parent;
    }

    Object get(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.variables.containsKey(name)) return s.variables.get(name);
        }
        return Undefined.VALUE;
    }

    void set(String name, Object value) {
        variables.put(name, value);
    }
}
