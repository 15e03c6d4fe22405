package dev.nnjit.runtime.wasm;

import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.schedule.ScheduleConfig;
import dev.nnjit.tune.CandidateBench;
import dev.nnjit.tune.TuneClock;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.tune.measure.SeededInputs;
import dev.nnjit.wasm.kernels.WasmGemmConfig;
import dev.nnjit.wasm.kernels.WasmGemmKernel;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import dev.nnjit.wasm.kernels.WasmNormProblem;
import dev.nnjit.wasm.kernels.WasmSoftmaxProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSObject;

/**
 * The one measuring mechanism for Wasm kernels ({@link CandidateBench} for the {@code tune.Tuner}, and for
 * {@code bin/wasm-gemm-bench}): a site's candidates run on seeded inputs in a linear memory of the backend's kind
 * (shared or not), on the backend's thread count through {@link KernelThreads}, the same way a program's steps run
 * (the call's work range cut into one share per thread, each with its own workspace).
 *
 * <p>Per workload: {@link #open} lays out the site's tensors (sizes from its problem, {@link #layout}) in a fresh
 * memory of their size (not the program's: a program's arena holds live values between runs) and fills the inputs
 * from a fixed seed (uniform in [-1, 1); a packed B is packed from such a B); {@link #compile} compiles the module
 * ({@code WebAssembly.compile}, awaited; page-wide cache, so the program's default costs nothing); the first sample
 * starts a thread pool that has every compiled candidate as a step. A sample is {@code R} back-to-back calls timed
 * with {@code performance.now()}, divided by R, where R (fixed per candidate at its first sample, after one untimed
 * warm-up call) makes a sample last about {@link #TARGET_SAMPLE_MS}: the browser's clock is coarse (5 us in a
 * cross-origin isolated page, 100 us otherwise). Inputs stay in the caches between calls, as a layer's activations
 * do; weights larger than the L2 stream from memory either way. {@link #output} NaN-fills the output first, so a
 * candidate that skips elements is caught by the tolerance check.
 */
public final class WasmCandidateBench implements CandidateBench {
    static final double TARGET_SAMPLE_MS = 2.0;
    static final int MAX_REPS = 64;
    /** Rows a row-kernel workload is timed over (its problem fixes only the row length). */
    static final int ROW_ELEMENTS = 1 << 16;
    private static final long SEED = 0x7E57_CA5EL;

    private final int threads;
    private final boolean shared;
    private final TuneClock clock;

    private TuningSite<?> site;
    private LinearMemory memory;
    private long[] address;
    private int outputParam;
    private long workspaceBase, workspaceBytes;
    /** Where the threads' control words are (the start of the bench's memory). */
    private long control;
    /** Compiled candidates in compile order: key → module. */
    private final Map<String, JSObject> modules = new LinkedHashMap<>();
    private final Map<String, Integer> reps = new LinkedHashMap<>();
    private KernelThreads pool;
    private List<String> poolKeys = List.of();

    /**
     * @param threads kernel threads (the backend's), 1 for the page's thread alone
     * @param shared whether the memory is shared (it must be for more than one thread)
     */
    public WasmCandidateBench(int threads, boolean shared, TuneClock clock) {
        if (threads > 1 && !shared) throw new IllegalArgumentException("threads need a shared memory");
        this.threads = threads;
        this.shared = shared;
        this.clock = clock;
    }

    /** One tensor argument of a site's kernels: its name, floats, and whether the kernel writes it. */
    record Tensor(String name, long floats, boolean output) {}

    /**
     * The tensors a site's kernels take, in their parameter order (workspace and work range excluded), sized from
     * the problem: GEMM a (m,k), b (k,n; packed: panels of the default's nr), [bias (n)], c (m,n); GEMV x (k), b,
     * [bias], y (n); softmax x, y of {@link #rows} rows; norm x, scale, [bias], y.
     */
    static List<Tensor> layout(TuningSite<?> site) {
        KernelProblem p = site.problem();
        List<Tensor> out = new ArrayList<>();
        if (p instanceof WasmGemmProblem g) {
            boolean gemv = g.m() == 1;
            long b = g.packedB() ? WasmGemmKernel.packedBFloats(g.k(), g.n(), gemm(site, site.defaultKey()).nr())
                    : (long) g.k() * g.n();
            out.add(new Tensor(gemv ? "x" : "a", (long) g.m() * g.k(), false));
            out.add(new Tensor("b", b, false));
            if (g.bias()) out.add(new Tensor("bias", g.n(), false));
            out.add(new Tensor(gemv ? "y" : "c", (long) g.m() * g.n(), true));
        } else if (p instanceof WasmSoftmaxProblem s) {
            long n = (long) rows(s.cols()) * s.cols();
            out.add(new Tensor("x", n, false));
            out.add(new Tensor("y", n, true));
        } else if (p instanceof WasmNormProblem s) {
            long n = (long) rows(s.cols()) * s.cols();
            out.add(new Tensor("x", n, false));
            out.add(new Tensor("scale", s.cols(), false));
            if (s.bias()) out.add(new Tensor("bias", s.cols(), false));
            out.add(new Tensor("y", n, true));
        } else {
            throw new IllegalArgumentException("no wasm bench layout for " + site.family() + " " + p.key());
        }
        return out;
    }

    /** Rows a row kernel of this length is timed over: about {@link #ROW_ELEMENTS} elements, 1 to 1024 rows. */
    static int rows(int cols) { return Math.max(1, Math.min(1024, ROW_ELEMENTS / Math.max(1, cols))); }

    /**
     * The work range a call of candidate {@code key} takes (its last two arguments are [0, end)) and the grain its
     * thread shares start at, as the program's lowering calls it: a GEMM's rows, or its columns at whole nr panels
     * where it splits them; a GEMV's columns; a row kernel's rows.
     */
    static int[] range(TuningSite<?> site, String key) {
        KernelProblem p = site.problem();
        if (p instanceof WasmGemmProblem g) {
            if (g.m() == 1) return new int[] {g.n(), 1};
            WasmGemmConfig cf = gemm(site, key);
            return cf.splitColumns() ? new int[] {g.n(), cf.nr()} : new int[] {g.m(), 1};
        }
        if (p instanceof WasmSoftmaxProblem s) return new int[] {rows(s.cols()), 1};
        if (p instanceof WasmNormProblem s) return new int[] {rows(s.cols()), 1};
        throw new IllegalArgumentException("no wasm bench range for " + site.family());
    }

    private static WasmGemmConfig gemm(TuningSite<?> site, String key) {
        ScheduleConfig c = site.candidate(key).config();
        return (WasmGemmConfig) c;
    }

    @Override public void open(TuningSite<?> s) {
        close(site);
        site = s;
        List<Tensor> tensors = layout(s);
        address = new long[tensors.size()];
        control = ModelMemory.RESERVED; // the threads' control words: the bench's memory is its own, one "plan"
        long at = control + ModelMemory.CONTROL_BYTES;
        for (int i = 0; i < tensors.size(); i++) {
            address[i] = at;
            at += ModelMemory.align(4 * tensors.get(i).floats());
            if (tensors.get(i).output()) outputParam = i;
        }
        workspaceBase = at;
        workspaceBytes = 0;
        for (String k : s.keys()) workspaceBytes = Math.max(workspaceBytes, s.workspaceBytes(k));
        workspaceBytes = ModelMemory.align(workspaceBytes);
        memory = LinearMemory.create(at + workspaceBytes * threads, shared);
        SeededInputs seeded = new SeededInputs(SEED);
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.output()) continue;
            float[] v;
            if (t.name().equals("b") && s.problem() instanceof WasmGemmProblem g && g.packedB()) {
                v = WasmGemmKernel.packB(seeded.uniform((long) g.k() * g.n(), -1f, 1f), g.k(), g.n(),
                        gemm(s, s.defaultKey()).nr(), false);
            } else {
                v = seeded.uniform(t.floats(), -1f, 1f);
            }
            memory.writeFloats(address[i], v);
        }
    }

    @Override public String compile(TuningSite<?> s, String key) {
        try {
            WasmKernelInstance k = s.wasmInstance(key, shared);
            modules.put(key, KernelModules.module(k));
            return null;
        } catch (RuntimeException e) {
            return "compile failed: " + e.getMessage();
        }
    }

    @Override public double sample(TuningSite<?> s, String key) {
        int step = stepOf(key);
        Integer r = reps.get(key);
        if (r == null) {
            pool.run(step); // warm-up: the engine's tier-up, caches
            double t0 = clock.nowMs();
            pool.run(step);
            double once = Math.max(1e-3, clock.nowMs() - t0);
            r = (int) Math.max(1, Math.min(MAX_REPS, Math.ceil(TARGET_SAMPLE_MS / once)));
            reps.put(key, r);
        }
        double t0 = clock.nowMs();
        for (int i = 0; i < r; i++) pool.run(step);
        return (clock.nowMs() - t0) / r;
    }

    @Override public float[] output(TuningSite<?> s, String key) {
        int step = stepOf(key);
        long floats = layout(s).get(outputParam).floats();
        float[] nan = new float[(int) floats];
        Arrays.fill(nan, Float.NaN);
        memory.writeFloats(address[outputParam], nan);
        pool.run(step);
        return memory.readFloats(address[outputParam], (int) floats);
    }

    @Override public void close(TuningSite<?> s) {
        if (pool != null) pool.stop();
        pool = null;
        poolKeys = List.of();
        modules.clear();
        reps.clear();
        memory = null;
        site = null;
    }

    @Override public String timing() { return "performance.now"; }

    /** The pool step of a compiled candidate, (re)starting the pool when candidates were compiled since it started. */
    private int stepOf(String key) {
        if (!modules.containsKey(key)) throw new IllegalStateException(key + " was not compiled");
        if (pool == null || !poolKeys.contains(key)) {
            if (pool != null) pool.stop();
            poolKeys = new ArrayList<>(modules.keySet());
            JSObject mods = KernelThreads.newList(), steps = KernelThreads.newList(), ws = KernelThreads.newList();
            for (int i = 0; i < poolKeys.size(); i++) {
                String k = poolKeys.get(i);
                KernelThreads.push(mods, modules.get(k));
                JSObject args = KernelThreads.newList();
                for (long a : address) KernelThreads.pushInt(args, (int) a);
                int wsArg = -1;
                if (site.params(k).contains("workspace")) {
                    wsArg = address.length;
                    KernelThreads.pushInt(args, (int) workspaceBase);
                }
                int[] range = range(site, k);
                KernelThreads.pushInt(args, 0);
                KernelThreads.pushInt(args, range[0]);
                JSObject calls = KernelThreads.newList();
                KernelThreads.push(calls, KernelThreads.call(i, args, wsArg, range[1]));
                KernelThreads.push(steps, calls);
            }
            for (int t = 0; t < threads; t++) KernelThreads.pushInt(ws, (int) (workspaceBase + workspaceBytes * t));
            pool = KernelThreads.start(memory, control, threads, mods, steps, ws);
        }
        return poolKeys.indexOf(key);
    }
}
