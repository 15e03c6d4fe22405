package dev.nnjit.web;

import dev.nnjit.tune.ErrorStats;
import dev.nnjit.tune.workbench.CandidateResult;
import dev.nnjit.tune.workbench.Family;
import dev.nnjit.tune.workbench.Workbench;
import dev.nnjit.tune.workbench.WorkbenchReport;
import dev.nnjit.tune.workbench.WorkbenchRequest;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The kernel workbench ({@link Workbench}) across the JS boundary: a plain request object in, a plain report out.
 *
 * <p>Request: {@code {family, shape, transB?, operator?, axes? ("0,2"), epsilon?, candidates? ("all" | "0,3,5" |
 * "0-7"), runs? (10), seed? (1), timing? ("auto" | "submit"), dryRun?, onProgress? (function(stage, done, total,
 * detail))}}.
 * Report: see {@link #toJs}; numbers that were not measured are null. {@code best} is the index of the fastest
 * candidate within tolerance by median time, {@code bestByMin} by minimum time. Each result's {@code vsDefault} is the
 * default's median time over its own (above 1: faster than the default), null when either was not measured.
 */
final class WorkbenchBridge {
    private WorkbenchBridge() {}

    static JSObject run(JSObject request) {
        WorkbenchRequest r = parse(request);
        JSObject onProgress = JsObjects.get(request, "onProgress");
        Workbench.Progress progress = JsObjects.isNullish(onProgress) ? null
                : (stage, done, total, detail) -> callProgress(onProgress, stage, done, total, detail);
        return toJs(Workbench.run(r, progress));
    }

    static WorkbenchRequest parse(JSObject o) {
        if (JsObjects.isNullish(o)) throw new IllegalArgumentException("no workbench request given");
        Family family = Family.parse(string(o, "family"));
        String shape = string(o, "shape");
        String operator = string(o, "operator");
        if (operator != null && operator.isEmpty()) operator = null;
        int[] axes = WorkbenchRequest.parseInts(string(o, "axes"), "axes");
        float epsilon = present(o, "epsilon") ? (float) JsObjects.getNumber(o, "epsilon") : 1e-5f;
        int runs = present(o, "runs") ? (int) JsObjects.getNumber(o, "runs") : 10;
        long seed = present(o, "seed") ? (long) JsObjects.getNumber(o, "seed") : 1;
        return new WorkbenchRequest(family, shape, JsObjects.getBoolean(o, "transB"), operator, axes, epsilon,
                WorkbenchRequest.parseCandidates(string(o, "candidates")), runs, seed,
                WorkbenchRequest.Timing.parse(string(o, "timing")), JsObjects.getBoolean(o, "dryRun"));
    }

    private static boolean present(JSObject o, String key) {
        return !JsObjects.isNullish(JsObjects.get(o, key)) && !JsObjects.getString(o, key).isEmpty();
    }

    /** The value as a string, null when absent. */
    private static String string(JSObject o, String key) {
        return JsObjects.isNullish(JsObjects.get(o, key)) ? null : JsObjects.getString(o, key);
    }

    static JSObject toJs(WorkbenchReport r) {
        JSObject o = JsObjects.newObject();
        JsObjects.setString(o, "family", r.family().id);
        JsObjects.setString(o, "shape", r.shape());
        JsObjects.setString(o, "problem", r.problem());
        JsObjects.setString(o, "adapter", r.adapter());
        JsObjects.setString(o, "timing", r.timing());
        JsObjects.setNumber(o, "runs", r.runs());
        JsObjects.setNumber(o, "seed", r.seed());
        JsObjects.setNumber(o, "candidateCount", r.candidateCount());
        JsObjects.setNumber(o, "referenceMs", r.referenceMs());
        JSObject tol = JsObjects.newObject();
        JsObjects.setNumber(tol, "atol", r.tolerance().atol());
        JsObjects.setNumber(tol, "rtol", r.tolerance().rtol());
        JsObjects.setString(tol, "rule", r.tolerance().rule());
        JsObjects.set(o, "tolerance", tol);
        JsObjects.setString(o, "metric", r.metric());
        number(o, "flops", r.flops() > 0 ? r.flops() : Double.NaN);
        JsObjects.setNumber(o, "bytes", r.bytes());
        CandidateResult best = r.best();
        number(o, "best", best == null ? Double.NaN : best.index());
        CandidateResult bestByMin = r.bestByMin();
        number(o, "bestByMin", bestByMin == null ? Double.NaN : bestByMin.index());
        double defaultMs = Double.NaN;
        for (CandidateResult c : r.results()) if (c.isDefault()) defaultMs = c.medianMs();
        JSObject list = JsObjects.newArray();
        for (CandidateResult c : r.results()) {
            JSObject rc = result(c);
            number(rc, "vsDefault", defaultMs / c.medianMs());
            JsObjects.push(list, rc);
        }
        JsObjects.set(o, "results", list);
        return o;
    }

    private static JSObject result(CandidateResult c) {
        JSObject o = JsObjects.newObject();
        JsObjects.setNumber(o, "index", c.index());
        JsObjects.setString(o, "key", c.configKey());
        setBoolean(o, "isDefault", c.isDefault());
        JsObjects.setString(o, "workgroup", c.workgroup());
        JsObjects.setString(o, "dispatch", c.dispatch());
        number(o, "compileMs", c.compileMs());
        number(o, "medianMs", c.medianMs());
        number(o, "minMs", c.minMs());
        number(o, "maxMs", c.maxMs());
        JsObjects.setNumber(o, "repeat", c.repeat());
        JsObjects.setNumber(o, "samples", c.samples());
        number(o, "gflops", c.gflops());
        number(o, "gbps", c.gbps());
        ErrorStats e = c.error();
        number(o, "maxAbsErr", e == null ? Double.NaN : e.maxAbs());
        number(o, "maxRelErr", e == null ? Double.NaN : e.maxRel());
        number(o, "errRatio", e == null ? Double.NaN : e.worstRatio());
        number(o, "failing", e == null ? Double.NaN : e.failing());
        if (e != null && !e.pass()) {
            JsObjects.setString(o, "worst", "element " + e.worstIndex() + ": got " + e.worstGot() + ", expected "
                    + e.worstRef());
        }
        setBoolean(o, "ok", c.ok());
        if (c.failure() != null) JsObjects.setString(o, "failure", c.failure());
        return o;
    }

    /** A number, or null where it is NaN or infinite (JSON has neither). */
    private static void number(JSObject o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) JsObjects.set(o, key, null);
        else JsObjects.setNumber(o, key, v);
    }

    @JSBody(params = {"object", "key", "value"}, script = "object[key] = value;")
    private static native void setBoolean(JSObject object, String key, boolean value);

    @JSBody(params = {"fn", "stage", "done", "total", "detail"}, script = "try { fn(stage, done, total, detail); }"
            + " catch (e) { console.warn('workbench progress callback failed', e); }")
    private static native void callProgress(JSObject fn, String stage, int done, int total, String detail);
}
