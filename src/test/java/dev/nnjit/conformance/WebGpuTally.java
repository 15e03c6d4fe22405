package dev.nnjit.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Outcomes of a webgpu conformance run (or its JVM lowering pass), and the summary file written at its end. */
final class WebGpuTally {
    private final Map<String, String> passed = new TreeMap<>();
    private final Map<String, String> failed = new TreeMap<>();
    private final Map<String, String> excluded = new TreeMap<>();
    private final Map<String, Set<String>> notLowered = new TreeMap<>();
    private final Map<String, String> rejected = new TreeMap<>();
    private int outOfScope;
    private final List<String> notes = new ArrayList<>();

    /** @param detail e.g. the tolerance used, or "" */
    synchronized void passed(String test, String detail) { passed.put(test, detail); }
    synchronized void failed(String test, String why) { failed.put(test, firstLine(why)); }
    synchronized void excluded(String test, String reason) { excluded.put(test, reason); }
    synchronized void notLowered(String test, Set<String> ops) { notLowered.put(test, ops); }
    synchronized void rejected(String test, String why) { rejected.put(test, firstLine(why)); }
    synchronized void outOfScope() { outOfScope++; }
    synchronized void note(String line) { notes.add(line); }

    synchronized int failures() { return failed.size() + rejected.size(); }

    synchronized String summaryLine(String what) {
        return what + ": passed=" + passed.size() + " failed=" + failed.size() + " rejected-not-excluded="
                + rejected.size() + " excluded=" + excluded.size() + " not-lowered=" + notLowered.size()
                + " (out of scope: " + outOfScope + " tests the CPU does not run)";
    }

    synchronized String report(String what) {
        StringBuilder sb = new StringBuilder(summaryLine(what)).append('\n');
        for (String n : notes) sb.append(n).append('\n');
        if (!failed.isEmpty()) {
            sb.append("\nfailed:\n");
            failed.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        if (!rejected.isEmpty()) {
            sb.append("\nrejected by a lowering but not listed in webgpu-exclusions.txt:\n");
            rejected.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        if (!notLowered.isEmpty()) {
            Map<String, List<String>> byOp = new TreeMap<>();
            notLowered.forEach((t, ops) -> { for (String op : ops) byOp.computeIfAbsent(op, k -> new ArrayList<>()).add(t); });
            List<Map.Entry<String, List<String>>> ranked = new ArrayList<>(byOp.entrySet());
            ranked.sort((a, b) -> b.getValue().size() != a.getValue().size() ? b.getValue().size() - a.getValue().size()
                    : a.getKey().compareTo(b.getKey()));
            sb.append("\nnot lowered (op without a webgpu lowering: tests it blocks):\n");
            for (Map.Entry<String, List<String>> e : ranked) {
                sb.append("  ").append(e.getKey()).append(": ").append(e.getValue().size()).append(' ')
                        .append(e.getValue()).append('\n');
            }
        }
        if (!excluded.isEmpty()) {
            sb.append("\nexcluded (webgpu-exclusions.txt):\n");
            excluded.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        if (!passed.isEmpty()) {
            sb.append("\npassed:\n");
            passed.forEach((k, v) -> sb.append("  ").append(k).append(v.isEmpty() ? "" : ": " + v).append('\n'));
        }
        return sb.toString();
    }

    void write(Path file, String what) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report(what), StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null) return "(no message)";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
