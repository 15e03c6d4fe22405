package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedule space of the implicit-GEMM convolution: thread blocks 1 to 4 output channels by 1 to 4 output positions,
 * 64 or 256 invocations. Index 0: 4x4 blocks in 8x8 workgroups, narrowed to the channels a group has (depthwise
 * convolutions get 1 channel and 64 positions per workgroup).
 */
public final class ConvSpace {
    private ConvSpace() {}

    /**
     * @param channelsPerGroup output channels of one group (M / group)
     * @param positions N times the output's spatial size
     * @param groups the dispatch's z extent
     */
    public static List<ConvConfig> candidates(int channelsPerGroup, long positions, int groups, AdapterLimits limits,
                                              AdapterFeatures features) {
        return candidates(channelsPerGroup, positions, groups, limits); // no convolution schedule uses a feature yet
    }

    public static List<ConvConfig> candidates(int channelsPerGroup, long positions, int groups, AdapterLimits limits) {
        List<ConvConfig> out = new ArrayList<>();
        int tm0 = channelsPerGroup >= 4 ? 4 : channelsPerGroup >= 2 ? 2 : 1;
        int wm0 = channelsPerGroup >= 8 * tm0 ? 8 : Math.max(1, Pow2.ceil((channelsPerGroup + tm0 - 1) / tm0));
        ConvConfig first = new ConvConfig(tm0, 4, wm0, 64 / wm0);
        if (violation(first, channelsPerGroup, positions, groups, limits) == null) out.add(first);
        int[] threads = {4, 2, 1};
        int[][] workgroups = {{8, 8}, {4, 16}, {1, 64}, {16, 16}};
        for (int tm : threads) {
            for (int tn : threads) {
                for (int[] wg : workgroups) {
                    ConvConfig c = new ConvConfig(tm, tn, wg[0], wg[1]);
                    if (c.equals(first)) continue;
                    if (violation(c, channelsPerGroup, positions, groups, limits) == null) out.add(c);
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no legal convolution schedule for " + channelsPerGroup
                + " channels per group, " + positions + " positions, " + groups + " groups under " + limits.key());
        return out;
    }

    public static String violation(ConvConfig c, int channelsPerGroup, long positions, int groups, AdapterLimits limits) {
        return Legality.firstViolation(
                Legality.workgroupSize(c.workgroupN(), c.workgroupM(), 1, limits),
                Legality.dispatch(Pow2.ceilDiv(positions, c.tileN()), Pow2.ceilDiv(channelsPerGroup, c.tileM()), groups,
                        limits));
    }
}
