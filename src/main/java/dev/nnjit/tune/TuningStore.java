package dev.nnjit.tune;

/**
 * Where tuning documents ({@link TuningJson}) persist, one per adapter: a JVM file store
 * ({@code dev.nnjit.tune.jvm.FileTuningStore}) and, in the browser, IndexedDB. Synchronous, like
 * {@link CandidateBench} (a browser store awaits through {@code @Async}).
 */
public interface TuningStore {

    /** The stored document for {@code adapter}, or null when there is none. */
    String load(AdapterKey adapter);

    void save(AdapterKey adapter, String json);

    /** Loads this adapter's records into {@code cache}; returns how many (0 when nothing is stored). */
    default int loadInto(AdapterKey adapter, TuningCache cache) {
        String text = load(adapter);
        return text == null ? 0 : TuningJson.importInto(cache, text);
    }

    /** Saves every record of {@code adapter} that {@code cache} holds. */
    default void saveFrom(AdapterKey adapter, TuningCache cache) { save(adapter, TuningJson.export(cache, adapter)); }
}
