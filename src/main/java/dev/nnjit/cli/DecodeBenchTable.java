package dev.nnjit.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * The table {@code nnjit bench --decode} prints: per runtime the first token's latency, ms per decoded token,
 * tokens/s, the ratio of tokens/s to each ONNX Runtime Web runtime measured, the median step early and late in the
 * sequence (flat per-token time means they are close), and how many plans nnjit compiled.
 */
final class DecodeBenchTable {
    private DecodeBenchTable() {}

    static String render(JsonObject report) {
        JsonObject runtimes = report.getAsJsonObject("runtimes");
        JsonObject settings = report.getAsJsonObject("settings");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "decode: %s, prompt %d ids, %d new tokens, %d timed generations%n",
                report.get("model").getAsString(), settings.get("promptLength").getAsInt(),
                settings.get("newTokens").getAsInt(), settings.get("runs").getAsInt()));
        sb.append(String.format(Locale.ROOT, "%-20s %10s %10s %9s %10s %10s %10s %8s  %s%n", "runtime", "prefill ms",
                "ms/token", "tokens/s", "vs ort-gpu", "vs ort-wasm", "early/late", "shapes", "ids"));
        Double ortGpu = rate(runtimes, "ort-webgpu");
        Double ortWasm = rate(runtimes, "ort-wasm");
        for (Map.Entry<String, JsonElement> e : runtimes.entrySet()) {
            JsonObject r = e.getValue().getAsJsonObject();
            if (r.has("unavailable")) {
                sb.append(String.format(Locale.ROOT, "%-20s unavailable: %s%n", e.getKey(), r.get("unavailable").getAsString()));
                continue;
            }
            double tps = r.get("tokensPerSecond").getAsDouble();
            sb.append(String.format(Locale.ROOT, "%-20s %10.2f %10.2f %9.2f %10s %10s %10s %8s  %s%n", e.getKey(),
                    r.get("prefillMs").getAsDouble(), r.get("decodeMsPerToken").getAsDouble(), tps,
                    ratio(tps, ortGpu), ratio(tps, ortWasm),
                    String.format(Locale.ROOT, "%.1f/%.1f", r.get("firstQuarterMs").getAsDouble(),
                            r.get("lastQuarterMs").getAsDouble()),
                    r.has("compiledShapes") && !r.get("compiledShapes").isJsonNull()
                            ? r.get("compiledShapes").getAsString() : "-",
                    r.getAsJsonObject("check").get("ok").getAsBoolean() ? "same" : "DIFFER"));
        }
        return sb.toString();
    }

    private static Double rate(JsonObject runtimes, String name) {
        if (!runtimes.has(name)) return null;
        JsonObject r = runtimes.getAsJsonObject(name);
        return r.has("tokensPerSecond") && !r.get("tokensPerSecond").isJsonNull() ? r.get("tokensPerSecond").getAsDouble()
                : null;
    }

    private static String ratio(double tps, Double base) {
        return base == null || base <= 0 ? "-" : String.format(Locale.ROOT, "%.2fx", tps / base);
    }
}
