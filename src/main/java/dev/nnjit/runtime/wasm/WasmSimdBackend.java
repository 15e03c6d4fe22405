package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Graph;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.PassPipeline;
import dev.nnjit.runtime.Backend;
import dev.nnjit.runtime.CpuExecutor;
import dev.nnjit.runtime.Executable;
import dev.nnjit.runtime.Flags;
import dev.nnjit.runtime.TuningSetup;
import dev.nnjit.tune.CachedScheduleChooser;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.wasm.kernels.WasmCpu;
import dev.nnjit.wasm.kernels.WasmGemmConfig;
import dev.nnjit.wasm.kernels.WasmGemmKernel;
import dev.nnjit.wasm.kernels.WasmGemmProblem;
import java.util.function.Function;

/**
 * The wasm-simd backend: CPU kernels generated at compile time as WebAssembly SIMD128 modules
 * ({@code dev.nnjit.wasm.kernels}), all tensors of the model in one {@code WebAssembly.Memory} that every compiled
 * plan (one per input-shape set) shares: weights copied in (GEMM weights packed) once per model, by the first plan
 * that reads them, and read in place by every later plan; each plan adds its own control words and, where the
 * model's activation area is too small for it, a larger one ({@link ModelMemory}); activations planned by liveness
 * ({@link MemoryPlan}). The memory grows as plans need more, never by another copy of a weight. Nodes without a
 * kernel run their plain-Java reference op on the same memory, each named in the executable's {@link WasmSimdReport}.
 *
 * <p>One backend serves one model (the page makes one per loaded model): its memory lives until {@link #release}.
 *
 * <p>Needs a JavaScript engine (a browser or Node, either TeaVM build): on the JVM, making one throws with a
 * message saying so. The memory is shared (a SharedArrayBuffer) where the page is cross-origin isolated, else not.
 */
public final class WasmSimdBackend implements Backend {
    private final OpRegistry registry;
    private final WasmLoweringTable table = WasmLoweringTable.defaults();
    private final boolean shared;
    /** Whether the engine validates relaxed SIMD: the GEMM then uses {@link WasmGemmConfig#RELAXED}. */
    private final boolean relaxedSimd;
    private final int threads;
    private final String threadsReason;
    private final WasmCpu cpu;
    private final TuningSetup tuning;

    /**
     * @param threads kernel threads wanted (the page's plus Web Workers); 0: navigator.hardwareConcurrency. Without
     *     cross-origin isolation or without Web Workers (Node) the kernels run on one thread, and the report says why
     */
    public WasmSimdBackend(OpRegistry registry, int threads) { this(registry, threads, null); }

    /**
     * @param tuningFor the tuning setup for this CPU (made once the backend knows its threads, memory kind and
     *     relaxed SIMD: they are part of the CPU's {@code AdapterKey}), or null: every site runs its default, and
     *     programs are not tunable
     */
    public WasmSimdBackend(OpRegistry registry, int threads, Function<WasmCpu, TuningSetup> tuningFor) {
        this.registry = registry;
        boolean share;
        try {
            share = LinearMemory.canShare();
        } catch (LinkageError jvm) { // UnsatisfiedLinkError (a native without JS), NoClassDefFoundError (no TeaVM)
            throw new UnsupportedOperationException("the wasm-simd backend runs WebAssembly kernels and needs a"
                    + " JavaScript engine (a browser, or Node with the JavaScript build); on the JVM use the cpu"
                    + " backend, or 'nnjit run --backend wasm-simd', which runs it in headless Chromium");
        }
        this.shared = share;
        this.relaxedSimd = KernelModules.validates(WasmGemmKernel.INSTANCE.instance(WasmGemmConfig.RELAXED,
                WasmGemmProblem.of(WasmGemmConfig.RELAXED.mr(), WasmGemmConfig.RELAXED.nr(), 1), share));
        int wanted = threads > 0 ? threads : KernelThreads.hardwareConcurrency();
        if (wanted == 1) {
            this.threads = 1;
            this.threadsReason = threads > 0 ? "1 thread requested" : "navigator.hardwareConcurrency is 1";
        } else if (!share) {
            this.threads = 1;
            this.threadsReason = "one thread: the page is not cross-origin isolated, so no SharedArrayBuffer to share"
                    + " with Web Workers (serve it with COOP/COEP)";
        } else if (!KernelThreads.workersAvailable()) {
            this.threads = 1;
            this.threadsReason = "one thread: no Web Workers here (Node)";
        } else {
            this.threads = wanted;
            this.threadsReason = threads > 0 ? threads + " threads requested"
                    : "navigator.hardwareConcurrency = " + wanted;
        }
        this.cpu = new WasmCpu(relaxedSimd, this.threads, shared);
        this.tuning = tuningFor == null ? null : tuningFor.apply(cpu);
    }

    /** The CPU this backend's kernels are generated and tuned for. */
    public WasmCpu cpu() { return cpu; }

    /** Where this backend's schedules are looked up and stored, or null (untuned). */
    public TuningSetup tuning() { return tuning; }

    /** Executables compiled here, so that {@link #release} can stop their Web Workers. */
    private final java.util.List<WasmSimdExecutable> compiled = new java.util.ArrayList<>();
    /** The model's memory layout and the memory itself (made by the first compile), shared by every plan. */
    private ModelMemory layout = new ModelMemory();
    private LinearMemory memory;

    @Override public String name() { return "wasm-simd"; }

    /**
     * Stops the Web Workers of every program compiled here and lets go of the model's memory (weights included);
     * those programs must not run afterwards. A later compile starts a new memory.
     */
    public void release() {
        for (WasmSimdExecutable e : compiled) e.release();
        compiled.clear();
        memory = null;
        layout = new ModelMemory();
    }

    @Override public Executable compile(Graph specialized) {
        long t0 = System.nanoTime();
        java.util.Map<String, Double> phases = new java.util.LinkedHashMap<>();
        PassPipeline.cpuKernels(registry).apply(specialized);
        long t1 = System.nanoTime();
        phases.put("passesMs", (t1 - t0) / 1e6);
        ScheduleChooser chooser = tuning == null ? ScheduleChooser.DEFAULT
                : new CachedScheduleChooser(tuning.adapter(), tuning.cache());
        WasmProgram program = WasmGraphLowering.lower(specialized, table, cpu, chooser);
        long t2 = System.nanoTime();
        phases.put("loweringMs", (t2 - t1) / 1e6);
        MemoryPlan plan = MemoryPlan.plan(program, threads, layout);
        if (memory == null) memory = LinearMemory.create(plan.memoryBytes(), shared);
        else memory.ensure(plan.memoryBytes());
        CpuExecutor reference = new CpuExecutor(specialized, registry);
        phases.put("planMs", (System.nanoTime() - t2) / 1e6);
        WasmSimdExecutable exec = new WasmSimdExecutable(program, plan, reference, layout, memory, threadsReason, t0,
                phases, tuning, cpu);
        compiled.add(exec);
        if (Flags.debug() >= 1) System.out.println(exec.report().summary());
        return exec;
    }
}
