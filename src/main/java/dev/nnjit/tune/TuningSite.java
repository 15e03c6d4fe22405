package dev.nnjit.tune;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A place in a program where a schedule is chosen: one problem (static shapes and flags) and the schedules that may
 * compute it, candidate 0 being the default used untuned. Tuning decisions are made and stored per site
 * {@link #family()} and {@link #problem()} key; a site's candidates may come from several generators (the
 * gemv-or-tiled-matmul choice is one site), so the family is the site's, not a generator's.
 *
 * <p>Invariant, checked at construction: every candidate binds the same buffers (same count, and per binding the
 * same element count, scalar type and access), so swapping one candidate's pipeline for another's never moves a
 * buffer; only the pipeline and bind group change.
 *
 * @param family what decisions are stored under ("matmul", "softmax", ...)
 * @param problem the static facts every candidate is specialized on
 * @param candidates at least one; keys unique
 */
public record TuningSite<P extends KernelProblem>(String family, P problem, List<ScheduleCandidate<?, P>> candidates) {

    public TuningSite {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) throw new IllegalArgumentException(family + " site has no candidates: " + problem.key());
        Map<String, Boolean> seen = new HashMap<>();
        for (ScheduleCandidate<?, P> c : candidates) {
            if (seen.put(c.key(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException(family + " site lists candidate " + c.key() + " twice");
            }
        }
    }

    /** A site with a single schedule (nothing to tune, but the step still records where its kernel came from). */
    public static <P extends KernelProblem> TuningSite<P> fixed(String family, P problem,
                                                                ScheduleCandidate<?, P> only) {
        return new TuningSite<>(family, problem, List.of(only));
    }

    public String problemKey() { return problem.key(); }

    public int size() { return candidates.size(); }

    public boolean tunable() { return candidates.size() > 1; }

    public String defaultKey() { return candidates.get(0).key(); }

    /** Candidate keys in list order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>(candidates.size());
        for (ScheduleCandidate<?, P> c : candidates) out.add(c.key());
        return out;
    }

    /** The index of the candidate with this key, or -1. */
    public int indexOf(String key) {
        for (int i = 0; i < candidates.size(); i++) if (candidates.get(i).key().equals(key)) return i;
        return -1;
    }

    public KernelInstance instance(int i) { return candidates.get(i).instance(problem); }

    public KernelInstance defaultInstance() { return instance(0); }

    /** The WGSL kernel of the candidate with this key; an error names the site when there is none. */
    public KernelInstance instance(String key) { return candidate(key).instance(problem); }

    /** The Wasm kernel of the candidate with this key (a wasm-simd site), importing a shared memory or not. */
    public WasmKernelInstance wasmInstance(String key, boolean sharedMemory) {
        return candidate(key).wasmInstance(problem, sharedMemory);
    }

    /** The candidate with this key; an error names the site when there is none. */
    public ScheduleCandidate<?, P> candidate(String key) {
        int i = indexOf(key);
        if (i < 0) throw new IllegalArgumentException(family + " site " + problem.key() + " has no candidate " + key);
        return candidates.get(i);
    }

    /** {@link ScheduleCandidate#codeChecksum} of the candidate with this key: what tuning records store. */
    public String codeChecksum(String key) { return candidate(key).codeChecksum(problem); }

    /** The Wasm entry parameters of the candidate with this key (its ABI), without generating the module. */
    public List<String> params(String key) { return candidate(key).params(problem); }

    /** Scratch bytes one call of the Wasm candidate with this key needs (0: none). */
    public int workspaceBytes(String key) { return candidate(key).workspaceBytes(problem); }

    /** Whether this site's candidates are Wasm kernels (the wasm-simd backend's) rather than WGSL. */
    public boolean wasm() { return candidates.get(0).wasm(); }

    /**
     * A checksum of the ordered candidate keys (16 hex digits, FNV-1a 64): stored with tuning records, so a change
     * to the space invalidates old decisions by itself.
     */
    public String spaceChecksum() { return Checksum.of(keys()); }

    /**
     * Why two kernels of this site would not bind the same buffers, or null when they do; the constructor does not
     * generate every candidate (that costs WGSL text), so callers that swap kernels check the pair they swap.
     */
    public static String bindingMismatch(KernelInstance a, KernelInstance b) {
        return bindingMismatch(a.cacheKey(), a.bindings(), b.cacheKey(), b.bindings());
    }

    /**
     * Why some candidate would not bind the same buffers as candidate 0, or null when all agree. Cheap (bindings
     * only, no WGSL); {@link TuningSites} checks every site it builds with it.
     */
    public String bindingMismatch() {
        if (wasm()) return paramsMismatch();
        List<Binding> first = candidates.get(0).bindings(problem);
        for (int i = 1; i < candidates.size(); i++) {
            ScheduleCandidate<?, P> c = candidates.get(i);
            String why = bindingMismatch(defaultKey(), first, c.key(), c.bindings(problem));
            if (why != null) return family + " site " + problem.key() + ": " + why;
        }
        return null;
    }

    /**
     * The Wasm form of {@link #bindingMismatch()}: every candidate is a Wasm kernel whose entry takes the same
     * tensors in the same order (parameter names may differ only in the work range's last two, rows or columns).
     */
    private String paramsMismatch() {
        List<String> first = candidates.get(0).params(problem);
        for (int i = 1; i < candidates.size(); i++) {
            ScheduleCandidate<?, P> c = candidates.get(i);
            if (!c.wasm()) return family + " site " + problem.key() + ": " + c.key() + " is WGSL among Wasm kernels";
            List<String> p = c.params(problem);
            if (p.size() != first.size() || !p.subList(0, p.size() - 2).equals(first.subList(0, first.size() - 2))) {
                return family + " site " + problem.key() + ": " + defaultKey() + " takes " + first + ", " + c.key()
                        + " " + p;
            }
        }
        return null;
    }

    private static String bindingMismatch(String aName, List<Binding> x, String bName, List<Binding> y) {
        if (x.size() != y.size()) return aName + " has " + x.size() + " bindings, " + bName + " " + y.size();
        for (int i = 0; i < x.size(); i++) {
            Binding p = x.get(i);
            Binding q = y.get(i);
            if (p.elements() != q.elements() || p.type() != q.type() || p.access() != q.access()) {
                return "binding " + i + " differs: " + p.name() + " (" + p.elements() + " " + p.type() + " "
                        + p.access() + ") vs " + q.name() + " (" + q.elements() + " " + q.type() + " " + q.access() + ")";
            }
        }
        return null;
    }
}
