package dev.nnjit.schedule;

/**
 * Schedule of an elementwise (or index-mapping) kernel over a flat output: each invocation of a
 * {@code workgroupSize}-wide 1-D workgroup handles {@code elementsPerThread} consecutive items, where an item is
 * one element, or four consecutive elements of the innermost dim when {@code vec4}.
 */
public record ElementwiseConfig(int workgroupSize, int elementsPerThread, boolean vec4) implements ScheduleConfig {

    public ElementwiseConfig {
        if (workgroupSize <= 0 || elementsPerThread <= 0) {
            throw new IllegalArgumentException("elementwise config must be positive: " + workgroupSize + ", "
                    + elementsPerThread);
        }
    }

    /** Output elements one invocation produces. */
    public int elementsPerInvocation() { return elementsPerThread * (vec4 ? 4 : 1); }

    /** Cache-key text: every component, in declaration order. */
    public String key() { return "w" + workgroupSize + "_e" + elementsPerThread + (vec4 ? "_v4" : "_v1"); }
}
