package dev.nnjit.template;

import java.util.List;
import java.util.Map;

/** A function a template can call: a global (range, namespace, ...), a macro, or a bound method of a value. */
interface Callable {
    /**
     * @param args the positional arguments
     * @param kwargs the keyword arguments, in the order written
     */
    Object call(List<Object> args, Map<String, Object> kwargs);
}
