package dev.nnjit.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Outcome counts of one conformance run, and the summary written at its end. */
final class ConformanceTally {
    private final List<String> passed = new ArrayList<>();
    private final Map<String, String> failed = new TreeMap<>();
    private final Map<String, String> excluded = new TreeMap<>();
    private final Map<String, List<String>> unsupported = new TreeMap<>();

    synchronized void passed(String test) { passed.add(test); }
    synchronized void failed(String test, String why) { failed.put(test, firstLine(why)); }
    synchronized void excluded(String test, String reason) { excluded.put(test, reason); }
    synchronized void unsupported(String test, List<String> ops) { unsupported.put(test, ops); }

    synchronized int total() { return passed.size() + failed.size() + excluded.size() + unsupported.size(); }

    /** "passed=.. failed=.. excluded=.. unsupported-op=.. total=..". */
    synchronized String summaryLine() {
        return "ONNX node conformance: passed=" + passed.size() + " failed=" + failed.size() + " excluded="
                + excluded.size() + " unsupported-op=" + unsupported.size() + " total=" + total();
    }

    /** The summary line, the failures with their first message line, and which unsupported ops block most tests. */
    synchronized String report() {
        StringBuilder sb = new StringBuilder(summaryLine()).append('\n');
        if (!failed.isEmpty()) {
            sb.append("\nfailed:\n");
            for (Map.Entry<String, String> e : failed.entrySet()) sb.append("  ").append(e.getKey()).append(": ")
                    .append(e.getValue()).append('\n');
        }
        if (!unsupported.isEmpty()) {
            Map<String, Integer> byOp = new TreeMap<>();
            for (List<String> ops : unsupported.values()) for (String op : ops) byOp.merge(op, 1, Integer::sum);
            List<Map.Entry<String, Integer>> ranked = new ArrayList<>(byOp.entrySet());
            ranked.sort((a, b) -> b.getValue() != a.getValue().intValue() ? b.getValue() - a.getValue()
                    : a.getKey().compareTo(b.getKey()));
            sb.append("\nunsupported ops (tests each one blocks):\n");
            for (Map.Entry<String, Integer> e : ranked) sb.append("  ").append(e.getKey()).append(": ")
                    .append(e.getValue()).append('\n');
        }
        if (!excluded.isEmpty()) {
            Map<String, Integer> byReason = new TreeMap<>();
            for (String r : excluded.values()) byReason.merge(r, 1, Integer::sum);
            sb.append("\nexcluded (tests per reason):\n");
            for (Map.Entry<String, Integer> e : byReason.entrySet()) sb.append("  ").append(e.getValue()).append("  ")
                    .append(e.getKey()).append('\n');
        }
        return sb.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, report(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null) return "(no message)";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
