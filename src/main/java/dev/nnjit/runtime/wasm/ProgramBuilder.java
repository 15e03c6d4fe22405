package dev.nnjit.runtime.wasm;

import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import dev.nnjit.schedule.ScheduleConfig;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.ScheduleCandidate;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.wasm.kernels.WasmCpu;
import dev.nnjit.wasm.kernels.WasmKernelGenerator;
import dev.nnjit.wasm.kernels.WasmKernelInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** What a lowering sees while the program is built: memory tensors of values, kernels by cache key, the steps. */
public final class ProgramBuilder {
    private final Graph graph;
    private final boolean sharedMemory;
    private final boolean relaxedSimd;
    private final WasmCpu cpu;
    private final ScheduleChooser chooser;
    private final List<MemTensor> tensors = new ArrayList<>();
    private final List<WasmStep> steps = new ArrayList<>();
    private final Map<Value, MemTensor> memoryOf = new IdentityHashMap<>();
    private final Map<String, WasmKernelInstance> kernels = new HashMap<>();
    private final Map<String, MemTensor> laidOut = new HashMap<>();

    ProgramBuilder(Graph graph, boolean sharedMemory, boolean relaxedSimd) {
        this(graph, new WasmCpu(relaxedSimd, 1, sharedMemory), ScheduleChooser.DEFAULT);
    }

    /** @param chooser picks each tunable kernel's schedule (ScheduleChooser.DEFAULT: today's defaults) */
    ProgramBuilder(Graph graph, WasmCpu cpu, ScheduleChooser chooser) {
        this.graph = graph;
        this.sharedMemory = cpu.sharedMemory();
        this.relaxedSimd = cpu.relaxedSimd();
        this.cpu = cpu;
        this.chooser = chooser;
        for (Value in : graph.inputs()) {
            if (inMemory(in)) memoryOf.put(in, add(in.name(), MemTensor.Kind.INPUT, dims(in), null, null, null));
        }
    }

    /** The CPU the kernels' schedule spaces are derived from. */
    WasmCpu cpu() { return cpu; }

    /** The one place a tunable kernel's schedule is chosen (see {@code tune.ScheduleChooser}). */
    ScheduleChooser chooser() { return chooser; }

    /** Whether kernels import a shared memory. */
    boolean sharedMemory() { return sharedMemory; }

    /** Whether kernels may use relaxed SIMD (the engine validated a relaxed-SIMD module; see WasmSimdBackend). */
    public boolean relaxedSimd() { return relaxedSimd; }

    /** Whether a non-constant value lives in memory: f32 (not float16), static shape, not empty. */
    public static boolean inMemory(Value v) {
        return v != null && v.type() != null && v.type().dtype() == DType.FLOAT && v.type().shape().isStatic()
                && v.type().shape().elementCount() > 0;
    }

    /** Whether a kernel can read {@code v}: in memory, or an f32 constant (copied in on first use). */
    public static boolean readable(Value v) {
        if (v == null) return false;
        if (v.isConstant()) return v.constant().dtype() == DType.FLOAT && v.constant().size() > 0;
        return inMemory(v);
    }

    public static int[] dims(Value v) {
        if (v.isConstant()) return v.constant().shape();
        Shape s = v.type().shape();
        return s.toIntArray();
    }

    /** The memory tensor holding {@code v} (an f32 constant is copied in once, on first use). */
    public MemTensor in(Value v) {
        MemTensor t = memoryOf.get(v);
        if (t != null) return t;
        if (!v.isConstant() || !readable(v)) throw new IllegalStateException("'" + v.name() + "' is not in memory");
        t = add(v.name(), MemTensor.Kind.CONSTANT, v.constant().shape(), v.constant(), null, null);
        memoryOf.put(v, t);
        return t;
    }

    /**
     * The constant {@code v} copied in as {@code layout} says (packed panels, transposed): one memory tensor per value
     * and layout in this program, and one copy per constant and layout in the model's memory.
     */
    MemTensor laidOutConstant(Value v, ConstantLayout layout) {
        if (!v.isConstant() || !readable(v)) throw new IllegalStateException("'" + v.name() + "' is not a f32 constant");
        return laidOut.computeIfAbsent(v.name() + layout.suffix(), name -> add(name, MemTensor.Kind.CONSTANT,
                layout.shape(v.constant().shape()), v.constant(), null, layout));
    }

    /** The memory tensor of a node's output, made on first call. */
    public MemTensor out(Value v) {
        MemTensor t = memoryOf.get(v);
        if (t != null) return t;
        t = add(v.name(), MemTensor.Kind.INTERMEDIATE, dims(v), null, null, null);
        memoryOf.put(v, t);
        return t;
    }

    /** {@code v} is {@code base}'s bytes under v's shape: no step, no copy. */
    public void view(Value v, MemTensor base) {
        memoryOf.put(v, add(v.name(), MemTensor.Kind.VIEW, dims(v), null, base, null));
    }

    /** The kernel of (generator, config, problem), generated once per program. */
    public <C extends ScheduleConfig, P extends KernelProblem> WasmKernelInstance kernel(WasmKernelGenerator<C, P> g,
                                                                                          C config, P problem) {
        String key = g.cacheKey(config, problem);
        WasmKernelInstance k = kernels.get(key);
        if (k == null) {
            k = g.instance(config, problem, sharedMemory);
            kernels.put(key, k);
        }
        return k;
    }

    /** The Wasm kernel of candidate {@code key} of {@code site}, generated once per program. */
    <P extends KernelProblem> WasmKernelInstance kernel(TuningSite<P> site, String key) {
        ScheduleCandidate<?, P> c = site.candidate(key);
        String cacheKey = c.cacheKey(site.problem());
        WasmKernelInstance k = kernels.get(cacheKey);
        if (k == null) {
            k = c.wasmInstance(site.problem(), sharedMemory);
            kernels.put(cacheKey, k);
        }
        return k;
    }

    public void kernelStep(Node n, List<KernelCall> calls, List<MemTensor> reads, List<MemTensor> writes,
                           String kernelName) {
        steps.add(new WasmStep(n, calls, reads, writes, kernelName, null));
    }

    /** A kernel step whose schedule was chosen at {@code tuned}'s site (its calls run the chosen candidate). */
    void tunedStep(Node n, List<MemTensor> reads, List<MemTensor> writes, TunedStep tuned) {
        List<KernelCall> calls = tuned.callsFor().apply(tuned.key());
        steps.add(new WasmStep(n, calls, reads, writes, calls.get(0).kernel().family(), null, tuned));
    }

    /** The node runs its reference op; its f32 outputs are written into memory for whoever reads them next. */
    void referenceStep(Node n, String reason) {
        List<MemTensor> reads = new ArrayList<>();
        for (Value v : n.inputs()) if (v != null && !v.isConstant() && memoryOf.containsKey(v)) reads.add(memoryOf.get(v));
        List<MemTensor> writes = new ArrayList<>();
        for (Value v : n.outputs()) if (inMemory(v) && !v.isConstant()) writes.add(out(v));
        steps.add(new WasmStep(n, List.of(), reads, writes, "reference", reason));
    }

    WasmProgram build() { return new WasmProgram(graph, tensors, steps, memoryOf, relaxedSimd); }

    private MemTensor add(String name, MemTensor.Kind kind, int[] shape, Tensor constant, MemTensor base,
                          ConstantLayout layout) {
        MemTensor t = new MemTensor(tensors.size(), name, kind, shape, constant, base, layout);
        tensors.add(t);
        return t;
    }
}
