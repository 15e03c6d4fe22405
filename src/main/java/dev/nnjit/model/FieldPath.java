package dev.nnjit.model;

/**
 * Where in the protobuf tree a reader is, for error messages: {@code ModelProto.graph.node[3].attribute[1]}.
 *
 * <p>Built as a linked chain (one small object per decoded message) and rendered to text only when an error is
 * thrown, so naming every node of a large graph costs no string building.
 */
final class FieldPath {
    private final FieldPath parent;
    private final String name;
    private final int index;

    private FieldPath(FieldPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** The top-level message, e.g. "ModelProto" or "TensorProto". */
    static FieldPath root(String messageName) { return new FieldPath(null, messageName, -1); }

    /** A singular sub-message field, e.g. {@code graph}. */
    FieldPath child(String field) { return new FieldPath(this, field, -1); }

    /** The {@code index}-th occurrence of a repeated sub-message field, e.g. {@code node[3]}. */
    FieldPath child(String field, int index) { return new FieldPath(this, field, index); }

    /** An error "at byte N: PATH: message"; {@code at} is the byte offset from the start of the decoded buffer. */
    ModelFormatException error(int at, String message) {
        return new ModelFormatException("at byte " + at + ": " + this + ": " + message);
    }

    ModelFormatException error(int at, String message, Throwable cause) {
        return new ModelFormatException("at byte " + at + ": " + this + ": " + message, cause);
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent != null) {
            parent.append(sb);
            sb.append('.');
        }
        sb.append(name);
        if (index >= 0) sb.append('[').append(index).append(']');
    }
}
