package dev.nnjit.codegen;

/**
 * One storage-buffer binding of a kernel, in {@code @group(0)}. The generated WGSL declares exactly these bindings,
 * in this order; the runtime creates its bind-group layout from this list (not from {@code layout: 'auto'}, which
 * would drop bindings a shader happens not to use).
 *
 * @param index the {@code @binding} number (0, 1, ...)
 * @param name the WGSL variable name
 * @param access READ ({@code var<storage, read>}, a "read-only-storage" layout entry) or READ_WRITE
 * @param type element type; the buffer holds {@code elements} 4-byte elements
 * @param vec4 declared as {@code array<vec4<T>>} (then elements is a multiple of 4)
 * @param elements number of scalar elements the kernel reads or writes
 */
public record Binding(int index, String name, Access access, ScalarType type, boolean vec4, long elements) {

    public enum Access {
        READ("read", "read-only-storage"),
        READ_WRITE("read_write", "storage");

        /** WGSL access mode. */
        public final String wgsl;
        /** GPUBufferBindingLayout type. */
        public final String layoutType;

        Access(String wgsl, String layoutType) {
            this.wgsl = wgsl;
            this.layoutType = layoutType;
        }
    }

    public Binding {
        if (elements <= 0) throw new IllegalArgumentException("binding " + name + " must have elements, got " + elements);
        if (vec4 && elements % 4 != 0) {
            throw new IllegalArgumentException("vec4 binding " + name + " needs a multiple of 4 elements, got " + elements);
        }
    }

    public static Binding read(int index, String name, ScalarType type, boolean vec4, long elements) {
        return new Binding(index, name, Access.READ, type, vec4, elements);
    }

    public static Binding write(int index, String name, ScalarType type, boolean vec4, long elements) {
        return new Binding(index, name, Access.READ_WRITE, type, vec4, elements);
    }

    /** Bytes of the bound range (the buffer may be larger). */
    public long sizeBytes() { return elements * type.byteSize(); }

    /** The WGSL declaration of this binding. */
    public String declaration() {
        return "@group(0) @binding(" + index + ") var<storage, " + access.wgsl + "> " + name + ": array<"
                + type.storage(vec4) + ">;";
    }
}
