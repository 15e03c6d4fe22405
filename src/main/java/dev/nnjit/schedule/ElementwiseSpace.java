package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedule space of elementwise and index-mapping kernels: workgroups of 64, 128 or 256 invocations, 1, 2 or 4
 * items per invocation, vec4 on/off. Index 0: 64 invocations, 1 item, vec4 when allowed. Dispatches larger than
 * the per-dimension limit fold into two dimensions, so only the total (x * y) limit can reject a candidate.
 */
public final class ElementwiseSpace {
    private ElementwiseSpace() {}

    private static final int[] SIZES = {64, 128, 256};
    private static final int[] PER_THREAD = {1, 2, 4};

    /** No elementwise schedule uses an optional feature: the same space as without features. */
    public static List<ElementwiseConfig> candidates(long elements, boolean vec4Allowed, AdapterLimits limits,
                                                     AdapterFeatures features) {
        return candidates(elements, vec4Allowed, limits);
    }

    /** @param vec4Allowed whether the problem can process four innermost elements at once */
    public static List<ElementwiseConfig> candidates(long elements, boolean vec4Allowed, AdapterLimits limits) {
        List<ElementwiseConfig> out = new ArrayList<>();
        for (int v = 1; v >= 0; v--) {
            if (v == 1 && !vec4Allowed) continue;
            for (int e : PER_THREAD) {
                for (int w : SIZES) {
                    ElementwiseConfig c = new ElementwiseConfig(w, e, v == 1);
                    if (e > 1 && (long) c.elementsPerInvocation() * w > 4L * Math.max(elements, 1)) continue;
                    if (violation(c, elements, limits) == null) out.add(c);
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no legal elementwise schedule for " + elements
                + " elements under limits " + limits.key());
        return out;
    }

    public static String violation(ElementwiseConfig c, long elements, AdapterLimits limits) {
        String wg = Legality.workgroupSize(c.workgroupSize(), 1, 1, limits);
        if (wg != null) return wg;
        long groups = (elements + (long) c.workgroupSize() * c.elementsPerInvocation() - 1)
                / ((long) c.workgroupSize() * c.elementsPerInvocation());
        long max = limits.maxComputeWorkgroupsPerDimension();
        if (groups > max * max) return "elementwise dispatch of " + groups + " workgroups exceeds " + max + "^2";
        return null;
    }
}
