package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;

/**
 * Small predicates the fusion patterns are written with. All are conservative: anything not known at compile time
 * (a non-constant operand, a symbolic dim) makes a predicate false rather than guessed.
 */
final class Match {
    private Match() {}

    /** The node producing {@code v} when it is a default-domain {@code opType}, else null. */
    static Node producer(Value v, String opType) {
        return producer(v, "", opType);
    }

    static Node producer(Value v, String domain, String opType) {
        if (v == null) return null;
        Node p = v.producer();
        return p != null && p.domain().equals(domain) && p.opType().equals(opType) ? p : null;
    }

    /** True when {@code n} is a default-domain {@code opType}. */
    static boolean is(Node n, String opType) {
        return n != null && n.domain().isEmpty() && n.opType().equals(opType);
    }

    /** Read by exactly one input slot of one node and not a graph output: safe to fold into that reader. */
    static boolean singleUse(Graph g, Value v) {
        return v.consumers().size() == 1 && !g.outputs().contains(v);
    }

    /** The only reader of {@code v} (see {@link #singleUse}), or null. */
    static Node onlyConsumer(Graph g, Value v) {
        return singleUse(g, v) ? v.consumers().get(0) : null;
    }

    /** Every read of {@code v} is by one of {@code readers}, and it is not a graph output. */
    static boolean usedOnlyBy(Graph g, Value v, Node... readers) {
        if (g.outputs().contains(v)) return false;
        for (Node c : v.consumers()) {
            boolean ok = false;
            for (Node r : readers) if (c == r) { ok = true; break; }
            if (!ok) return false;
        }
        return true;
    }

    /** The value of a one-element floating constant, or null. */
    static Float scalar(Value v) {
        if (v == null || !v.isConstant()) return null;
        Tensor t = v.constant();
        if (t.size() != 1 || !t.dtype().isFloating()) return null;
        return t.floats()[0];
    }

    /** A one-element floating constant within {@code rel} (relative) of {@code target}. */
    static boolean scalarNear(Value v, double target, double rel) {
        Float s = scalar(v);
        return s != null && Math.abs(s - target) <= rel * Math.abs(target);
    }

    /** A one-element floating constant equal to {@code target} exactly. */
    static boolean scalarIs(Value v, double target) {
        Float s = scalar(v);
        return s != null && s == target;
    }

    /** For a two-input node reading {@code known}, the other input (the second when both are {@code known}). */
    static Value other(Node binary, Value known) {
        if (binary.inputs().size() != 2) return null;
        if (binary.input(0) == known) return binary.input(1);
        if (binary.input(1) == known) return binary.input(0);
        return null;
    }

    /** The static dims of {@code v}, or null when rank or a dim is unknown. */
    static int[] dims(Value v) {
        if (v == null || v.type() == null || v.type().shape() == null) return null;
        Shape s = v.type().shape();
        return s.isStatic() ? s.toIntArray() : null;
    }

    /** Both values have the same dtype and the same static shape. */
    static boolean sameType(Value a, Value b) {
        int[] da = dims(a), db = dims(b);
        return da != null && db != null && java.util.Arrays.equals(da, db) && a.type().dtype() == b.type().dtype()
                && a.type().dtype() != null;
    }

    static boolean isFloat(Value v) {
        return v != null && v.type() != null && v.type().dtype() == DType.FLOAT;
    }

    /**
     * The axes of a Reduce* node (attribute before opset 18, constant input 1 from 18), or null when not known at
     * compile time or absent.
     */
    static long[] reduceAxes(Node n) {
        if (n.opset() < 18) {
            Attribute a = n.attribute("axes");
            return a == null ? null : a.intsValue();
        }
        Value axes = n.input(1);
        return axes != null && axes.isConstant() ? axes.constant().toLongArray() : null;
    }

    /** A ReduceMean over exactly the last axis with keepdims=1, on a statically shaped float input. */
    static boolean isLastAxisMean(Node n) {
        if (!is(n, "ReduceMean")) return false;
        Attribute keep = n.attribute("keepdims");
        if (keep != null && keep.intValue() != 1) return false;
        int[] d = dims(n.input(0));
        long[] axes = reduceAxes(n);
        if (d == null || axes == null || axes.length != 1 || d.length == 0) return false;
        return axes[0] == -1 || axes[0] == d.length - 1;
    }

    /** The axes of an Unsqueeze (attribute before opset 13, constant input 1 from 13), or null. */
    static long[] unsqueezeAxes(Node n) {
        if (n.opset() < 13) {
            Attribute a = n.attribute("axes");
            return a == null ? null : a.intsValue();
        }
        Value axes = n.input(1);
        return axes != null && axes.isConstant() ? axes.constant().toLongArray() : null;
    }

    /** An INTS attribute, or null. */
    static long[] ints(Node n, String name) {
        Attribute a = n.attribute(name);
        return a == null || a.type() != Attribute.Type.INTS ? null : a.intsValue();
    }

    static long intAttr(Node n, String name, long dflt) {
        Attribute a = n.attribute(name);
        return a == null || a.type() != Attribute.Type.INT ? dflt : a.intValue();
    }

    static float floatAttr(Node n, String name, float dflt) {
        Attribute a = n.attribute(name);
        return a == null || a.type() != Attribute.Type.FLOAT ? dflt : a.floatValue();
    }

    static String stringAttr(Node n, String name, String dflt) {
        Attribute a = n.attribute(name);
        return a == null || a.type() != Attribute.Type.STRING ? dflt : a.stringValue();
    }
}
