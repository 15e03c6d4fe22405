package dev.nnjit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A workbench report (the page's JSON) as a Markdown table sorted by median (or minimum) kernel time, the default
 * (candidate 0) and the best (fastest within tolerance, by the same measure) marked; candidates that failed come
 * last with their reason. "vs default" compares by the same measure.
 */
final class WorkbenchTable {
    private WorkbenchTable() {}

    static String format(JsonObject report, String engine) { return format(report, engine, false); }

    /** @param byMin rank by minimum instead of median time */
    static String format(JsonObject report, String engine, boolean byMin) {
        String time = byMin ? "minMs" : "medianMs";
        StringBuilder sb = new StringBuilder();
        String metric = str(report, "metric");
        JsonObject tol = report.getAsJsonObject("tolerance");
        sb.append(str(report, "family")).append(' ').append(str(report, "shape")).append(": ")
                .append(str(report, "problem")).append('\n');
        sb.append("adapter: ").append(str(report, "adapter")).append(" (engine ").append(engine).append(")\n");
        sb.append("timing: ").append(str(report, "timing")).append("; median of ").append(report.get("runs").getAsInt())
                .append(" samples; ranked by ").append(byMin ? "minimum" : "median").append(" time\n");
        sb.append("tolerance: atol ").append(num(tol.get("atol"))).append(", rtol ").append(num(tol.get("rtol")))
                .append(" (").append(str(tol, "rule")).append(")\n");
        sb.append("reference: Java op in the page, ").append(num(report.get("referenceMs"))).append(" ms; seed ")
                .append(report.get("seed").getAsLong()).append("; candidates ").append(report.getAsJsonArray("results").size())
                .append(" of ").append(report.get("candidateCount").getAsInt()).append("\n\n");
        sb.append("| rank | # | config | mark | workgroup | compile ms | median ms | min ms | ").append(metric)
                .append(" | vs default | max abs err | err/tol | ok |\n");
        sb.append("|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        JsonElement bestJson = report.get(byMin ? "bestByMin" : "best");
        int best = bestJson == null || bestJson.isJsonNull() ? -1 : bestJson.getAsInt();
        double defaultMs = Double.NaN;
        for (JsonElement e : report.getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            if (r.get("index").getAsInt() == 0 && !r.get(time).isJsonNull()) defaultMs = r.get(time).getAsDouble();
        }
        int rank = 0;
        for (JsonObject r : sorted(report.getAsJsonArray("results"), time)) {
            boolean measured = !r.get("medianMs").isJsonNull();
            int index = r.get("index").getAsInt();
            String mark = (index == 0 ? "default " : "") + (index == best ? "best" : "");
            String ok = r.has("failure") ? r.get("failure").getAsString().replace('|', '/').replace('\n', ' ')
                    : r.get("ok").getAsBoolean() ? "yes" : "no (" + r.get("failing").getAsInt() + " elements"
                    + (r.has("worst") ? "; " + r.get("worst").getAsString() : "") + ")";
            sb.append("| ").append(measured ? String.valueOf(++rank) : "").append(" | ").append(index).append(" | ")
                    .append(str(r, "key")).append(" | ").append(mark.trim()).append(" | ").append(str(r, "workgroup"))
                    .append(" | ").append(num(r.get("compileMs"))).append(" | ").append(num(r.get("medianMs")))
                    .append(" | ").append(num(r.get("minMs"))).append(" | ")
                    .append(num(r.get(metric.equals("GFLOP/s") ? "gflops" : "gbps"))).append(" | ")
                    .append(vsDefault(defaultMs, r.get(time))).append(" | ")
                    .append(num(r.get("maxAbsErr"))).append(" | ").append(num(r.get("errRatio"))).append(" | ")
                    .append(ok).append(" |\n");
        }
        return sb.toString();
    }

    /** Measured candidates by {@code time} ("medianMs" or "minMs"), then the others, by index. */
    static List<JsonObject> sorted(JsonArray results, String time) {
        List<JsonObject> list = new ArrayList<>();
        for (JsonElement e : results) list.add(e.getAsJsonObject());
        list.sort(Comparator.comparingDouble((JsonObject o) -> o.get(time).isJsonNull() ? Double.POSITIVE_INFINITY
                : o.get(time).getAsDouble()).thenComparingInt(o -> o.get("index").getAsInt()));
        return list;
    }

    /** "2.50x": the default's time over this one's (above 1: faster than the default). */
    private static String vsDefault(double defaultMs, JsonElement ms) {
        if (Double.isNaN(defaultMs) || ms == null || ms.isJsonNull() || ms.getAsDouble() <= 0) return "";
        return String.format(Locale.ROOT, "%.2fx", defaultMs / ms.getAsDouble());
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    /** Three significant digits; scientific below 1e-3 and from 1e5; empty for null. */
    static String num(JsonElement e) {
        if (e == null || e.isJsonNull()) return "";
        double v = e.getAsDouble();
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e5) return String.format(Locale.ROOT, "%.2e", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
