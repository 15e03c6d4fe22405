package dev.nnjit.generate;

import dev.nnjit.api.PlanCache;
import dev.nnjit.api.Session;
import dev.nnjit.runtime.RunOptions;
import dev.nnjit.runtime.RunResult;
import dev.nnjit.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decoding state of a model with a KV cache: the sequence so far and its cache. Each step runs only the positions
 * the cache does not hold yet (the whole prompt at the prefill, then one token), over the cached past, and adds the
 * new positions' keys and values to the cache.
 *
 * <p>Shapes, so that a decoding compiles a handful of plans rather than one per token: where the step masks its past
 * ({@link Step#canPad()}) and the lengths are bucketed, the past is fed at a bucket width (powers of two; positions
 * past the cache's length are zeros, masked out) and the prompt is right-padded to a bucket. So the decode steps of a
 * bucket all have one shape: a static cache. Padding is checked, not assumed: the first two padded steps also run
 * exactly, and if the scores differ beyond float noise ({@link PaddedSequence#TOLERANCE}) or a padded run fails, the
 * decoding runs exact shapes from then on and says why in its stats. The verdict is kept in the session
 * ({@code Session.generationFacts()}), so later decodings of the same model do not check again.
 *
 * <p>Where the cache lives: on a backend that keeps values on a device (WebGPU), once the padding checks are done,
 * in device memory ({@link DeviceKvCache}: presents never read back, pasts never uploaded); elsewhere, and during the
 * checks, in a host-side {@link KvCache} (presents read back, pasts uploaded).
 */
final class KvDecoding implements Decoding {
    /** What a model adapter contributes to a step. */
    interface Step {
        /** The session that runs a step over {@code cached} positions (a split decoder has one for the first step). */
        Session session(int cached);

        /**
         * The feeds other than the pasts, for {@code ids} (the new positions, from absolute position {@code cached})
         * right-padded to {@code length}, after a past of width {@code width} of which {@code cached} are real.
         */
        Map<String, Tensor> inputs(long[] ids, int length, int cached, int width);

        /** Whether the model masks its past and new positions (an attention mask over both), so padding is possible. */
        boolean canPad();
    }

    private static final int PADDED_CHECKS = 2;

    private final Step step;
    private final List<KvEntry> entries;
    private final KvCache cache;
    private final DeviceKvCache device;
    private final LengthBuckets buckets;
    private final int context;
    private final PlanCache plans;
    /** The session's generation facts: where the padding verdict is kept for later decodings of the model. */
    private final Map<String, Boolean> facts;
    private final int compilesBefore;
    private long[] ids;
    private int checksLeft = PADDED_CHECKS;
    private boolean exact;
    private boolean onDevice;
    private String lengths;

    KvDecoding(long[] firstIds, Step step, List<KvEntry> entries, LengthBuckets buckets, int context, PlanCache plans) {
        this.ids = firstIds.clone();
        this.step = step;
        this.entries = List.copyOf(entries);
        this.cache = new KvCache(entries);
        this.device = step.session(1).keepsValuesOnDevice() ? new DeviceKvCache(entries) : null;
        this.buckets = buckets;
        this.context = context;
        this.plans = plans;
        this.compilesBefore = plans.compiles();
        this.facts = step.session(1).generationFacts();
        this.exact = buckets.exact() || !step.canPad();
        this.lengths = buckets.exact() ? "KV cache, exact lengths"
                : step.canPad() ? "KV cache, past widths " + buckets
                : "KV cache, exact lengths (the model has no attention mask over its past to pad with)";
        Boolean known = exact ? null : facts.get(PADDING_FACT);
        if (Boolean.TRUE.equals(known)) {
            checksLeft = 0;
            lengths = "KV cache, past widths " + buckets + " (padding checked by an earlier decoding)";
        } else if (Boolean.FALSE.equals(known)) {
            exact = true;
            lengths = "KV cache, exact lengths (padding changed the scores in an earlier decoding)";
        }
    }

    /** The session fact that a KV step of this model may be padded (true once checked; false once it failed). */
    static final String PADDING_FACT = "kv-cache padding";

    @Override public long[] sequence() { return ids.clone(); }

    @Override public void append(long id) {
        ids = Arrays.copyOf(ids, ids.length + 1);
        ids[ids.length - 1] = id;
    }

    @Override public float[] nextLogits() {
        int cached = onDevice ? device.length() : cache.length();
        long[] fresh = Arrays.copyOfRange(ids, cached, ids.length);
        int n = fresh.length;
        if (n == 0) throw new IllegalStateException("nothing new to run: append a token first");
        if (exact) return run(fresh, n, cached, cached);
        // bucket the prompt at the prefill, the past's width after it (the cap keeps width + 1 within the context)
        int length = cached == 0 ? buckets.lengthFor(n, context) : n;
        int width = cached == 0 ? 0 : buckets.lengthFor(cached, context > 0 ? context - 1 : 0);
        if (length == n && width == cached) return run(fresh, n, cached, cached);
        if (checksLeft == 0) return run(fresh, length, cached, width);
        RunResult padded;
        try {
            padded = hostRun(fresh, length, cached, width);
        } catch (RuntimeException e) {
            exact = true;
            lengths = "KV cache, exact lengths (a padded run failed: " + e.getMessage() + ")";
            facts.put(PADDING_FACT, false);
            return run(fresh, n, cached, cached);
        }
        RunResult exactRun = hostRun(fresh, n, cached, cached);
        float[] want = SessionInputs.rowAt(logits(exactRun), n - 1);
        float diff = PaddedSequence.maxRelativeDifference(want, SessionInputs.rowAt(logits(padded), n - 1));
        if (!(diff <= PaddedSequence.TOLERANCE)) {
            exact = true;
            lengths = "KV cache, exact lengths (padding changed the last position's scores by " + diff + ")";
            facts.put(PADDING_FACT, false);
        } else if (--checksLeft == 0) {
            lengths = "KV cache, past widths " + buckets + " (padding checked)";
            facts.put(PADDING_FACT, true);
        }
        cache.append(exactRun.outputs(), cached, n);
        return want;
    }

    /** A step whose cache update is kept: on the device where possible (the checks are over), else on the host. */
    private float[] run(long[] fresh, int length, int cached, int width) {
        RunResult r;
        if (device == null) {
            r = hostRun(fresh, length, cached, width);
            cache.append(r.outputs(), width, fresh.length);
        } else {
            r = deviceRun(fresh, length, cached, width);
            device.record(r.device(), width, cached, width, fresh.length);
        }
        return SessionInputs.rowAt(logits(r), fresh.length - 1);
    }

    /** Pasts uploaded from the host cache; logits and presents read back. */
    private RunResult hostRun(long[] fresh, int length, int cached, int width) {
        Session s = step.session(cached);
        Map<String, Tensor> feeds = step.inputs(fresh, length, cached, width);
        for (Map.Entry<String, Tensor> p : cache.feeds(width).entrySet()) {
            if (s.inputs().containsKey(p.getKey())) feeds.put(p.getKey(), p.getValue());
        }
        Set<String> outputs = new LinkedHashSet<>();
        outputs.add(SessionInputs.LOGITS);
        for (KvEntry e : entries) if (s.outputs().containsKey(e.present())) outputs.add(e.present());
        return s.run(feeds, RunOptions.DEFAULT.withOutputs(outputs));
    }

    /**
     * Pasts and presents kept on the device; only the logits are read back. The first such step uploads the host
     * cache (what the checks built) into the plan's past buffers; later ones fill them by device copies.
     */
    private RunResult deviceRun(long[] fresh, int length, int cached, int width) {
        Session s = step.session(cached);
        Map<String, Tensor> feeds = step.inputs(fresh, length, cached, width);
        Set<String> keep = new LinkedHashSet<>();
        for (String name : device.names()) {
            if (s.inputs().containsKey(name) || s.outputs().containsKey(name)) keep.add(name);
        }
        RunOptions options = RunOptions.DEFAULT.withOutputs(Set.of(SessionInputs.LOGITS));
        Map<String, Tensor> pasts;
        if (!onDevice) {
            pasts = cache.feeds(width);
            options = options.withDeviceState(keep, Set.of(), List.of());
            onDevice = true;
        } else {
            pasts = device.placeholders(width);
            Set<String> resident = new LinkedHashSet<>();
            for (String name : device.pasts()) if (s.inputs().containsKey(name)) resident.add(name);
            options = options.withDeviceState(keep, resident, device.copies(width));
        }
        for (Map.Entry<String, Tensor> p : pasts.entrySet()) {
            if (s.inputs().containsKey(p.getKey())) feeds.put(p.getKey(), p.getValue());
        }
        return s.run(feeds, options);
    }

    private static Tensor logits(RunResult r) {
        Tensor t = r.outputs().get(SessionInputs.LOGITS);
        if (t == null) throw new GenerationException("the step returned no '" + SessionInputs.LOGITS + "'");
        return t;
    }

    @Override public DecodingStats stats() {
        String where = onDevice ? "; cache kept in GPU memory" : "";
        return new DecodingStats(plans.compiles() - compilesBefore, lengths + where);
    }
}
