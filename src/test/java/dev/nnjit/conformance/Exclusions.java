package dev.nnjit.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ONNX node tests the conformance run skips on purpose, from src/test/resources/conformance/exclusions.txt:
 * one test per line, {@code test_name  reason}; blank lines and lines starting with '#' are ignored. Every entry
 * needs a reason, and names must be unique.
 */
final class Exclusions {
    static final String RESOURCE = "/conformance/exclusions.txt";
    private final Map<String, String> reasons;

    private Exclusions(Map<String, String> reasons) { this.reasons = reasons; }

    static Exclusions load() {
        try (InputStream in = Exclusions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static Exclusions parse(BufferedReader r) throws IOException {
        Map<String, String> reasons = new TreeMap<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] parts = s.split("\\s+", 2);
            if (parts.length < 2) throw new IllegalStateException("exclusions.txt line " + n + ": '" + parts[0] + "' has no reason");
            if (reasons.put(parts[0], parts[1]) != null) {
                throw new IllegalStateException("exclusions.txt line " + n + ": '" + parts[0] + "' is listed twice");
            }
        }
        return new Exclusions(reasons);
    }

    /** The reason a test is excluded, or null. */
    String reason(String test) { return reasons.get(test); }

    /** Entries that name no existing test (stale or misspelt). */
    List<String> unknown(Collection<String> existingTests) {
        List<String> r = new ArrayList<>();
        for (String name : reasons.keySet()) if (!existingTests.contains(name)) r.add(name);
        return r;
    }

    int size() { return reasons.size(); }
}
