package dev.nnjit.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text table {@code nnjit bench} prints from a report document (bench.js buildReport). */
final class BenchTable {
    private BenchTable() {}

    static String render(JsonObject report) {
        StringBuilder sb = new StringBuilder();
        JsonObject device = report.getAsJsonObject("device");
        sb.append("model:  ").append(str(report, "model")).append('\n');
        if (device != null) {
            String adapter = String.join(" / ", nonEmpty(str(device, "vendor"), str(device, "architecture"),
                    str(device, "description")));
            sb.append("device: ").append(adapter.isEmpty() ? "no WebGPU adapter" : adapter)
                    .append("; hardwareConcurrency ").append(str(device, "hardwareConcurrency"))
                    .append("; crossOriginIsolated ").append(str(device, "crossOriginIsolated"))
                    .append("; WebGPU ").append(str(device, "webgpu")).append('\n');
        }
        JsonObject settings = report.getAsJsonObject("settings");
        if (settings != null) {
            sb.append("runs:   ").append(str(settings, "runs")).append(" timed after ").append(str(settings, "warmup"))
                    .append(" warm-up; outputs agree when max |diff| <= ").append(str(settings, "tolerance"))
                    .append(" x max |reference|\n");
        }
        sb.append("timing: ").append(str(report, "timing")).append("\n\n");

        JsonObject ratios = report.getAsJsonObject("ratios");
        String baseline = ratios == null || ratios.get("baseline").isJsonNull() ? null : ratios.get("baseline").getAsString();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"runtime", "cold ms", "first run ms", "tuning ms", "median ms", "min ms", "max ms", "runs",
            "median vs " + (baseline == null ? "baseline" : baseline), "outputs"});
        List<String> notes = new ArrayList<>();
        JsonObject crossCheck = report.getAsJsonObject("crossCheck");
        for (Map.Entry<String, JsonElement> e : report.getAsJsonObject("runtimes").entrySet()) {
            String name = e.getKey();
            JsonObject r = e.getValue().getAsJsonObject();
            if (r.has("unavailable")) {
                rows.add(new String[] {name, "unavailable", "", "", "", "", "", "", "", ""});
                notes.add(name + ": unavailable: " + r.get("unavailable").getAsString());
                continue;
            }
            rows.add(new String[] {name, ms(r, "coldMs"), ms(r, "firstRunMs"), ms(r, "tuningMs"), ms(r, "medianMs"), ms(r, "minMs"), ms(r, "maxMs"),
                str(r, "runs"), ratio(ratios, name), agreement(crossCheck == null ? null : crossCheck.getAsJsonObject(name))});
            if (r.has("config")) notes.add(name + ": " + r.get("config").getAsString() + tuningNote(r));
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean left = i == 0 || i == row.length - 1 || row[1].equals("unavailable");
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(left ? cell + pad : pad + cell).append(i + 1 < row.length ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) sb.append("  ").append(n).append('\n');
        }
        return sb.toString();
    }

    /** "; tuned 12 workloads (cache 3) in 30.1 s of 30 s": what the tuning of a tuned runtime did; "" otherwise. */
    static String tuningNote(JsonObject r) {
        JsonElement t = r.get("tuning");
        if (t == null || !t.isJsonObject()) return "";
        JsonObject o = t.getAsJsonObject();
        JsonObject sources = o.has("sources") && o.get("sources").isJsonObject() ? o.getAsJsonObject("sources") : new JsonObject();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : sources.entrySet()) parts.add(e.getKey() + " " + e.getValue().getAsInt());
        return "; " + str(o, "workloads") + " workloads (" + String.join(", ", parts) + "), budget "
                + ms(o, "budgetMs") + " ms";
    }

    /** "reference", "agree (max rel diff 3.1e-07)" or "DISAGREE ...", plus the check against the feeds file. */
    static String agreement(JsonObject c) {
        if (c == null) return "";
        List<String> parts = new ArrayList<>();
        if (c.get("against") == null || c.get("against").isJsonNull()) {
            parts.add("reference");
        } else {
            parts.add((c.get("ok").getAsBoolean() ? "agree with " : "DISAGREE with ") + c.get("against").getAsString()
                    + " (max rel diff " + sci(c.get("maxRelDiff")) + ")");
        }
        if (c.has("expectedOk") && !c.get("expectedOk").isJsonNull()) {
            parts.add((c.get("expectedOk").getAsBoolean() ? "feeds-file outputs ok" : "feeds-file outputs DIFFER")
                    + " (" + sci(c.get("expectedMaxRelDiff")) + ")");
        }
        return String.join("; ", parts);
    }

    private static String ratio(JsonObject ratios, String name) {
        if (ratios == null || !ratios.getAsJsonObject("median").has(name)) return "";
        return String.format(Locale.ROOT, "%.2fx", ratios.getAsJsonObject("median").get(name).getAsDouble());
    }

    static String ms(JsonObject r, String key) {
        JsonElement v = r.get(key);
        if (v == null || v.isJsonNull()) return "-";
        double d = v.getAsDouble();
        return String.format(Locale.ROOT, d >= 100 ? "%.0f" : d >= 10 ? "%.1f" : "%.2f", d);
    }

    private static String sci(JsonElement v) {
        return v == null || v.isJsonNull() ? "-" : String.format(Locale.ROOT, "%.1e", v.getAsDouble());
    }

    private static String str(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : v.getAsString();
    }

    private static List<String> nonEmpty(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) if (!p.isEmpty()) out.add(p);
        return out;
    }
}
