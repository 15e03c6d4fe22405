package dev.nnjit.web;

import org.teavm.jso.JSObject;

/**
 * The {@code tuning} load option of a WebGPU model: {@code {budgetMs (default 30000; 0 disables), cache:
 * "indexeddb" (default) | "none", auto (default true; acted on by engine.js), records: JSON text to import, shipped:
 * [JSON text]}}.
 *
 * @param budgetMs the tuner's own working time for a session started without a budget
 * @param indexedDb whether decisions are read from and written to the page's IndexedDB
 * @param records tuning records (TuningJson text) to import into the page's own cache before compiling (the user's
 *     decisions, e.g. saved by {@code nnjit tune --cache}: hits report "cache"), or null
 * @param shipped record documents shipped with the web app (kernels/records; engine.js fetches them), consulted after
 *     the page's own records (hits report "shipped"); empty when none
 */
record TuningOptions(double budgetMs, boolean indexedDb, String records, String[] shipped) {
    static final double DEFAULT_BUDGET_MS = 30_000;

    /** Parses the option (null or undefined: the defaults); errors name the field. */
    static TuningOptions parse(JSObject o) {
        if (o == null || JsObjects.isNullish(o)) return new TuningOptions(DEFAULT_BUDGET_MS, true, null, new String[0]);
        double budget = JsObjects.isNullish(JsObjects.get(o, "budgetMs")) ? DEFAULT_BUDGET_MS
                : JsObjects.getNumber(o, "budgetMs");
        if (!(budget >= 0)) throw new IllegalArgumentException("tuning.budgetMs must be a number >= 0, got " + budget);
        String cache = JsObjects.isNullish(JsObjects.get(o, "cache")) ? "indexeddb" : JsObjects.getString(o, "cache");
        if (!cache.equals("indexeddb") && !cache.equals("none")) {
            throw new IllegalArgumentException("tuning.cache must be \"indexeddb\" or \"none\", got \"" + cache + "\"");
        }
        String records = JsObjects.isNullish(JsObjects.get(o, "records")) ? null : JsObjects.getString(o, "records");
        JSObject shippedOption = JsObjects.get(o, "shipped");
        String[] shipped = JsObjects.isNullish(shippedOption) ? new String[0]
                : JsObjects.isArray(shippedOption) ? JsObjects.strings(shippedOption)
                : new String[] {JsObjects.getString(o, "shipped")};
        return new TuningOptions(budget, cache.equals("indexeddb"), records, shipped);
    }
}
