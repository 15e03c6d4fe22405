package dev.nnjit.tune;

import dev.nnjit.json.Json;
import dev.nnjit.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of tuning records and reports, through the engine's TeaVM-safe {@link Json}. Records are stored
 * one document per adapter:
 * <pre>{"format": "nnjit-tuning", "version": 1, "adapter": {...}, "records": [{"family", "problem", "spaceChecksum",
 *   "winner", "winnerWgslHash", "default", "timing", "epochMs", "results": [{"key", "status", "compileMs",
 *   "samplesMs", "medianMs", "minMs", "error", "note"}]}]}</pre>
 * Numbers that are not finite (a time never measured) are written as null and read back as NaN.
 */
public final class TuningJson {
    private TuningJson() {}

    public static final String FORMAT = "nnjit-tuning";
    public static final int VERSION = 1;

    // ---- records ----

    /** The document holding {@code records} (all of {@code adapter}; others are skipped). */
    public static String writeRecords(AdapterKey adapter, List<TuningRecord> records) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("adapter", adapter(adapter));
        List<Object> list = new ArrayList<>();
        for (TuningRecord r : records) if (r.adapter().equals(adapter)) list.add(record(r));
        doc.put("records", list);
        return Json.write(doc);
    }

    /** Every record of {@code adapter} in {@code cache}, as a document (the export). */
    public static String export(TuningCache cache, AdapterKey adapter) {
        return writeRecords(adapter, cache.records(adapter));
    }

    /** The records of a document (each carries the document's adapter). */
    public static List<TuningRecord> readRecords(String text) {
        JsonObject doc = JsonObject.root(Json.parse(text), "tuning records");
        String format = doc.string("format");
        if (!FORMAT.equals(format)) throw new IllegalArgumentException("not a tuning-record document (format '" + format + "')");
        int version = doc.integer("version");
        if (version != VERSION) throw new IllegalArgumentException("tuning records version " + version + " (this build reads " + VERSION + ")");
        AdapterKey adapter = adapter(doc.object("adapter"));
        List<Object> items = doc.array("records");
        List<TuningRecord> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) out.add(record(adapter, JsonObject.element(items, i, doc.path() + ".records")));
        return out;
    }

    /** Puts every record of a document into {@code cache} (the import); returns how many. */
    public static int importInto(TuningCache cache, String text) {
        List<TuningRecord> records = readRecords(text);
        for (TuningRecord r : records) cache.put(r);
        return records.size();
    }

    private static Map<String, Object> adapter(AdapterKey a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("vendor", a.vendor());
        m.put("architecture", a.architecture());
        m.put("description", a.description());
        m.put("limitsHash", a.limitsHash());
        m.put("featuresHash", a.featuresHash());
        return m;
    }

    private static AdapterKey adapter(JsonObject o) {
        return new AdapterKey(o.string("vendor", ""), o.string("architecture", ""), o.string("description", ""),
                o.string("limitsHash"), o.string("featuresHash"));
    }

    private static Map<String, Object> record(TuningRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", r.key().family());
        m.put("problem", r.key().problemKey());
        m.put("spaceChecksum", r.key().spaceChecksum());
        m.put("winner", r.winnerKey());
        m.put("winnerWgslHash", r.winnerWgslHash());
        m.put("default", r.defaultKey());
        m.put("timing", r.timing());
        m.put("epochMs", (double) r.epochMs());
        List<Object> results = new ArrayList<>();
        for (CandidateResult c : r.results()) results.add(result(c));
        m.put("results", results);
        return m;
    }

    private static TuningRecord record(AdapterKey adapter, JsonObject o) {
        TuningKey key = new TuningKey(o.string("family"), o.string("problem"), o.string("spaceChecksum"));
        List<Object> items = o.array("results");
        List<CandidateResult> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) results.add(result(JsonObject.element(items, i, o.path() + ".results")));
        return new TuningRecord(adapter, key, o.string("winner"), o.string("winnerWgslHash"), o.string("default"), results,
                o.string("timing", ""), (long) o.number("epochMs", 0));
    }

    private static Map<String, Object> result(CandidateResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", c.key());
        m.put("status", c.status().id);
        m.put("compileMs", num(c.compileMs()));
        List<Object> samples = new ArrayList<>();
        for (double s : c.samplesMs()) samples.add(num(s));
        m.put("samplesMs", samples);
        m.put("medianMs", num(c.medianMs()));
        m.put("minMs", num(c.minMs()));
        m.put("error", c.error() == null ? null : error(c.error()));
        m.put("note", c.note());
        return m;
    }

    private static CandidateResult result(JsonObject o) {
        List<Object> s = o.array("samplesMs");
        double[] samples = new double[s.size()];
        for (int i = 0; i < samples.length; i++) samples[i] = s.get(i) instanceof Number ? ((Number) s.get(i)).doubleValue() : Double.NaN;
        JsonObject e = o.objectOrNull("error");
        return new CandidateResult(o.string("key"), CandidateStatus.parse(o.string("status")),
                o.number("compileMs", Double.NaN), samples, e == null ? null : error(e), o.has("note") ? o.string("note") : null);
    }

    private static Map<String, Object> error(ErrorStats e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxAbs", num(e.maxAbs()));
        m.put("maxRel", num(e.maxRel()));
        m.put("worstRatio", num(e.worstRatio()));
        m.put("worstIndex", e.worstIndex());
        m.put("worstGot", num(e.worstGot()));
        m.put("worstRef", num(e.worstRef()));
        m.put("failing", e.failing());
        return m;
    }

    private static ErrorStats error(JsonObject o) {
        return new ErrorStats(o.number("maxAbs", Double.POSITIVE_INFINITY), o.number("maxRel", Double.POSITIVE_INFINITY),
                o.number("worstRatio", Double.POSITIVE_INFINITY), o.integer("worstIndex"),
                (float) o.number("worstGot", Double.NaN), (float) o.number("worstRef", Double.NaN), o.integer("failing"));
    }

    // ---- report ----

    public static String writeReport(TuningReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("budgetMs", num(r.budgetMs()));
        m.put("tuningMs", num(r.tuningMs()));
        m.put("cacheHits", r.cacheHits());
        List<Object> list = new ArrayList<>();
        for (WorkloadReport w : r.workloads()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("family", w.family());
            o.put("problem", w.problem());
            o.put("occurrences", w.occurrences());
            o.put("candidates", w.candidates());
            o.put("tried", w.tried());
            o.put("defaultConfig", w.defaultConfig());
            o.put("defaultMs", num(w.defaultMs()));
            o.put("bestConfig", w.bestConfig());
            o.put("bestMs", num(w.bestMs()));
            o.put("speedup", num(w.speedup()));
            o.put("source", w.source().id);
            o.put("maxError", num(w.maxError()));
            o.put("workbench", w.workbench());
            o.put("rejected", new ArrayList<Object>(w.rejected()));
            o.put("note", w.note());
            list.add(o);
        }
        m.put("workloads", list);
        ModelCheck c = r.modelCheck();
        if (c != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("untunedMs", num(c.untunedMs()));
            o.put("tunedMs", num(c.tunedMs()));
            o.put("pairs", c.pairs());
            o.put("kept", c.kept());
            o.put("reverted", new ArrayList<Object>(c.reverted()));
            o.put("note", c.note());
            m.put("modelCheck", o);
        }
        return Json.write(m);
    }

    public static TuningReport readReport(String text) {
        JsonObject m = JsonObject.root(Json.parse(text), "tuning report");
        List<Object> items = m.array("workloads");
        List<WorkloadReport> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonObject o = JsonObject.element(items, i, "tuning report.workloads");
            List<String> rejected = new ArrayList<>();
            if (o.has("rejected")) for (Object x : o.array("rejected")) rejected.add(String.valueOf(x));
            lines.add(new WorkloadReport(o.string("family"), o.string("problem"), o.integer("occurrences"),
                    o.integer("candidates"), o.integer("tried"), o.string("defaultConfig"), o.number("defaultMs", Double.NaN),
                    o.string("bestConfig"), o.number("bestMs", Double.NaN), o.number("speedup", Double.NaN),
                    DecisionSource.parse(o.string("source")), o.number("maxError", Double.NaN),
                    o.has("workbench") ? o.string("workbench") : null, rejected, o.has("note") ? o.string("note") : null));
        }
        ModelCheck check = null;
        if (m.has("modelCheck")) {
            JsonObject c = m.object("modelCheck");
            List<String> reverted = new ArrayList<>();
            for (Object x : c.array("reverted")) reverted.add(String.valueOf(x));
            check = new ModelCheck(c.number("untunedMs", Double.NaN), c.number("tunedMs", Double.NaN), c.integer("pairs"),
                    c.bool("kept", true), reverted, c.string("note", ""));
        }
        return new TuningReport(m.number("budgetMs", Double.NaN), m.number("tuningMs", Double.NaN), m.integer("cacheHits"),
                lines, check);
    }

    /** A finite number as itself, anything else as null (JSON has no NaN). */
    private static Object num(double d) { return Double.isNaN(d) || Double.isInfinite(d) ? null : (Object) d; }
}
