package dev.nnjit.runtime;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code "auto"} backend's decision, and its one home: which of the candidate backends (webgpu, wasm-simd) a
 * model keeps, from what each did on the model's first feeds. Pure: the measuring is the page's
 * ({@code backend-choice.js} runs the candidates and hands the trials here through {@code EngineExports}), so the rule
 * is unit-tested with fake timings and the JS API, the pipelines and {@code nnjit run --backend auto} share it.
 *
 * <p>The measurement has two rounds. Round one runs every loaded candidate once, in preference order: that run
 * compiles (plans, pipelines, Wasm modules), so it is only an upper bound of the warm time ({@link Trial#firstRunMs}:
 * the run's wall-clock time less the compile time the session reports). {@link #toTime} names the candidates that get
 * round two, one timed run each: none when at most one candidate is left or one has already lost clearly (its first
 * run, compile excluded, more than {@value #CLEAR_LOSS}x the best), so a clear choice costs one run per candidate.
 * {@link #choose} then keeps the fastest time (the timed run where there was one, else the first run); a tie goes to
 * the earlier candidate. A candidate that failed to load or run is skipped, and the reason names its failure; when
 * every candidate failed, {@link BackendChoiceException} names each failure. When exactly one candidate loaded,
 * nothing needs measuring: {@link #choose} keeps it before any run (no WebGPU adapter, or in Node).
 *
 * @param chosen the backend the model keeps
 * @param reason one sentence: why (the times compared, or the failures and unavailable backends)
 * @param timesMs candidate → the time compared (timed run, else first run), for the candidates that ran
 * @param candidates every backend considered, in preference order
 * @param failures candidate → why it could not be used (unavailable, failed to load, failed to run)
 */
public record BackendChoice(String chosen, String reason, Map<String, Double> timesMs, List<String> candidates,
                            Map<String, String> failures) {

    /** A candidate whose first run, compile excluded, is this many times the best one's is not timed again. */
    public static final double CLEAR_LOSS = 3.0;

    /**
     * What one candidate did.
     *
     * @param backend "webgpu", "wasm-simd", ...
     * @param failure null, or why it could not load or run (then the times are NaN)
     * @param firstRunMs its first run's wall-clock time less the compile time the session reported (NaN: not run)
     * @param timedRunMs its second run's wall-clock time (NaN: not timed)
     */
    public record Trial(String backend, String failure, double firstRunMs, double timedRunMs) {
        public static Trial failed(String backend, String failure) {
            return new Trial(backend, failure, Double.NaN, Double.NaN);
        }

        public static Trial firstRun(String backend, double firstRunMs) {
            return new Trial(backend, null, firstRunMs, Double.NaN);
        }

        public Trial timed(double ms) { return new Trial(backend, null, firstRunMs, ms); }

        boolean ran() { return failure == null && !Double.isNaN(firstRunMs); }

        /** The time compared: the timed run where there was one, else the first run. */
        double timeMs() { return Double.isNaN(timedRunMs) ? firstRunMs : timedRunMs; }
    }

    /** The candidates that get a timed second run, in preference order (empty: the first round decides). */
    public static List<String> toTime(List<Trial> trials) {
        double best = Double.POSITIVE_INFINITY;
        for (Trial t : trials) if (t.ran()) best = Math.min(best, t.firstRunMs());
        List<String> contenders = new ArrayList<>();
        for (Trial t : trials) if (t.ran() && t.firstRunMs() <= CLEAR_LOSS * best) contenders.add(t.backend());
        return contenders.size() >= 2 ? contenders : List.of();
    }

    /** The decision over every candidate's trial (in preference order); throws when none ran. */
    public static BackendChoice choose(List<Trial> trials) {
        List<String> candidates = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, Double> times = new LinkedHashMap<>();
        Trial best = null;
        for (Trial t : trials) {
            candidates.add(t.backend());
            if (!t.ran()) {
                failures.put(t.backend(), t.failure() != null ? t.failure() : "did not run");
                continue;
            }
            times.put(t.backend(), t.timeMs());
            if (best == null || t.timeMs() < best.timeMs()) best = t;
        }
        if (best == null) {
            List<String> usable = new ArrayList<>();
            for (Trial t : trials) if (t.failure() == null) usable.add(t.backend());
            if (usable.size() == 1) {
                failures.remove(usable.get(0));
                return new BackendChoice(usable.get(0), usable.get(0) + " is the only candidate that loaded"
                        + (failures.isEmpty() ? "" : " (" + failureList(failures) + ")"), times, candidates, failures);
            }
            throw new BackendChoiceException("no backend could run the model: " + failureList(failures));
        }
        String reason;
        if (times.size() == 1) {
            reason = best.backend() + " is the only candidate that ran (" + failureList(failures) + ")";
        } else {
            StringBuilder others = new StringBuilder();
            for (Map.Entry<String, Double> e : times.entrySet()) {
                if (e.getKey().equals(best.backend())) continue;
                if (others.length() > 0) others.append(", ");
                others.append(e.getKey()).append(' ').append(ms(e.getValue())).append(" ms");
            }
            reason = best.backend() + " was faster on the first feeds: " + ms(best.timeMs()) + " ms vs " + others
                    + (Double.isNaN(best.timedRunMs()) ? " (first runs, compile excluded: the others lost clearly)"
                            : " (second runs)");
            if (!failures.isEmpty()) reason += "; " + failureList(failures);
        }
        return new BackendChoice(best.backend(), reason, times, candidates, failures);
    }

    /**
     * The choice when there are no feeds to measure on (generation before any run): the first candidate that loaded,
     * the reason saying why nothing was measured.
     */
    public static BackendChoice withoutMeasuring(List<Trial> trials, String why) {
        List<String> candidates = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        String kept = null;
        for (Trial t : trials) {
            candidates.add(t.backend());
            if (t.failure() != null) failures.put(t.backend(), t.failure());
            else if (kept == null) kept = t.backend();
        }
        if (kept == null) throw new BackendChoiceException("no backend could load the model: " + failureList(failures));
        return new BackendChoice(kept, kept + " kept without measuring: " + why, new LinkedHashMap<>(), candidates,
                failures);
    }

    /** {"chosen", "reason", "timesMs": {backend: ms}, "candidates": [...], "failures": {backend: why}}. */
    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("chosen", chosen);
        o.put("reason", reason);
        o.put("timesMs", new LinkedHashMap<String, Object>(timesMs));
        o.put("candidates", new ArrayList<Object>(candidates));
        o.put("failures", new LinkedHashMap<String, Object>(failures));
        return Json.write(o);
    }

    /**
     * Trials from the page's JSON: {@code [{backend, failure?, firstRunMs?, timedRunMs?}]} (absent times: not run).
     */
    public static List<Trial> trialsFromJson(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof List)) throw new IllegalArgumentException("backend trials: expected an array");
        @SuppressWarnings("unchecked") List<Object> array = (List<Object>) parsed;
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject t = JsonObject.element(array, i, "trials");
            trials.add(new Trial(t.string("backend"), t.string("failure", null), t.number("firstRunMs", Double.NaN),
                    t.number("timedRunMs", Double.NaN)));
        }
        return trials;
    }

    /** "webgpu: why; wasm-simd: why". */
    private static String failureList(Map<String, String> failures) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : failures.entrySet()) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(e.getKey()).append(": ").append(e.getValue());
        }
        return sb.toString();
    }

    /** Milliseconds to one decimal (TeaVM-safe: no String.format). */
    private static String ms(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
