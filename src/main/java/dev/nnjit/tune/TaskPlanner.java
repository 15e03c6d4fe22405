package dev.nnjit.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a profiled run into tuning tasks (TVM's task scheduler with task weights): steps with equal
 * {@link TuningKey} become one {@link Workload}, weighted by occurrences x default time, heaviest first, so the
 * budget goes where most model time is. Sites with one candidate have nothing to tune and are left out.
 */
public final class TaskPlanner {
    private TaskPlanner() {}

    public static List<Workload> plan(List<SiteTime> steps) {
        Map<String, TuningSite<?>> first = new LinkedHashMap<>();
        Map<String, int[]> count = new LinkedHashMap<>();
        Map<String, double[]> known = new LinkedHashMap<>(); // {sum of known ms, number known}
        for (SiteTime s : steps) {
            if (!s.site().tunable()) continue;
            TuningKey k = TuningKey.of(s.site());
            String id = k.workload() + "|" + k.spaceChecksum();
            if (!first.containsKey(id)) {
                first.put(id, s.site());
                count.put(id, new int[1]);
                known.put(id, new double[2]);
            }
            count.get(id)[0]++;
            if (s.defaultMs() >= 0) {
                known.get(id)[0] += s.defaultMs();
                known.get(id)[1]++;
            }
        }
        List<Workload> out = new ArrayList<>();
        for (Map.Entry<String, TuningSite<?>> e : first.entrySet()) {
            double[] k = known.get(e.getKey());
            out.add(new Workload(e.getValue(), count.get(e.getKey())[0], k[1] == 0 ? 0 : k[0] / k[1]));
        }
        // Stable: equal weights keep the order of first appearance in the program.
        out.sort((a, b) -> Double.compare(b.weight(), a.weight()));
        return out;
    }
}
