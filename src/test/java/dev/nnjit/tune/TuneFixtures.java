package dev.nnjit.tune;

import dev.nnjit.codegen.Binding;
import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelGenerator;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.codegen.MatmulKernel;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.MatmulConfig;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.schedule.ScheduleConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fake sites, a fake clock and a fake device for the tuner's JVM tests. */
final class TuneFixtures {
    private TuneFixtures() {}

    static final AdapterKey ADAPTER = AdapterKey.of("google", "swiftshader", "SwiftShader Device (Subzero)",
            "limits-a", List.of("timestamp-query"));
    static final AdapterKey OTHER_ADAPTER = AdapterKey.of("nvidia", "hopper", "NVIDIA H200", "limits-b", List.of());

    record FakeConfig(String key) implements ScheduleConfig {}

    record FakeProblem(String key) implements KernelProblem {}

    /** Generates "// version config problem": changing {@code version} changes the WGSL but not the keys. */
    record FakeGenerator(String family, String version) implements KernelGenerator<FakeConfig, FakeProblem> {
        @Override public String generate(FakeConfig c, FakeProblem p) { return "// " + version + " " + c.key() + " " + p.key(); }

        @Override public DispatchSize dispatch(FakeConfig c, FakeProblem p) { return new DispatchSize(1, 1, 1); }

        @Override public List<Binding> bindings(FakeConfig c, FakeProblem p) {
            return List.of(Binding.write(0, "out", ScalarType.F32, false, 4));
        }

        @Override public int[] workgroupSize(FakeConfig c, FakeProblem p) { return new int[] {64, 1, 1}; }
    }

    /** A site of family "fake" whose candidates are "k:KEY" for each config key, generator version "v1". */
    static TuningSite<FakeProblem> site(String problem, String... configs) { return versioned("v1", problem, configs); }

    static TuningSite<FakeProblem> versioned(String version, String problem, String... configs) {
        FakeGenerator g = new FakeGenerator("k", version);
        List<ScheduleCandidate<?, FakeProblem>> list = new ArrayList<>();
        for (String c : configs) list.add(new ScheduleCandidate<>(g, new FakeConfig(c)));
        return new TuningSite<>("fake", new FakeProblem(problem), list);
    }

    /** A real matmul site: the MatmulSpace candidates of (m, n, k) on default limits. */
    static TuningSite<MatmulProblem> matmulSite(int m, int n, int k) {
        MatmulProblem p = MatmulProblem.matmul(new int[] {m, k}, new int[] {k, n});
        List<ScheduleCandidate<?, MatmulProblem>> list = new ArrayList<>();
        for (MatmulConfig c : MatmulSpace.candidates(m, n, k, 1, false, AdapterLimits.defaults())) {
            list.add(new ScheduleCandidate<>(MatmulKernel.INSTANCE, c));
        }
        return new TuningSite<>("matmul", p, list);
    }

    static final class FakeClock implements TuneClock {
        double now = 1000;

        @Override public double nowMs() { return now; }

        @Override public long epochMs() { return 1_700_000_000_000L + (long) now; }
    }

    /** How one fake candidate behaves. */
    record Behavior(double compileMs, double sampleMs, float[] output, String compileFailure) {}

    /** A device whose candidates take the times they are told to, advancing the fake clock; it logs every call. */
    static final class FakeBench implements CandidateBench {
        final FakeClock clock;
        final Map<String, Behavior> behaviors = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        Behavior fallback = new Behavior(100, 1.0, new float[] {1, 2, 3, 4}, null);

        FakeBench(FakeClock clock) { this.clock = clock; }

        FakeBench with(String candidateKey, double compileMs, double sampleMs) {
            return with(candidateKey, new Behavior(compileMs, sampleMs, fallback.output(), null));
        }

        FakeBench with(String candidateKey, Behavior b) {
            behaviors.put(candidateKey, b);
            return this;
        }

        private Behavior of(String key) { return behaviors.getOrDefault(key, fallback); }

        @Override public void open(TuningSite<?> site) { calls.add("open " + site.problemKey()); }

        @Override public String compile(TuningSite<?> site, String key) {
            calls.add("compile " + key);
            clock.now += of(key).compileMs();
            return of(key).compileFailure();
        }

        /** Per candidate, the samples to return in turn (cycling), instead of its behavior's constant time. */
        final Map<String, double[]> sequences = new HashMap<>();
        private final Map<String, Integer> sampled = new HashMap<>();

        @Override public double sample(TuningSite<?> site, String key) {
            calls.add("sample " + key);
            double ms = of(key).sampleMs();
            double[] seq = sequences.get(key);
            if (seq != null) {
                int i = sampled.merge(key, 1, Integer::sum) - 1;
                ms = seq[i % seq.length];
            }
            clock.now += ms * 10; // ten dispatches per sample
            return ms;
        }

        @Override public float[] output(TuningSite<?> site, String key) {
            calls.add("output " + key);
            clock.now += 1;
            return of(key).output().clone();
        }

        @Override public void close(TuningSite<?> site) { calls.add("close " + site.problemKey()); }

        @Override public String timing() { return "fake"; }

        long count(String prefix) { return calls.stream().filter(c -> c.startsWith(prefix)).count(); }
    }

    static Workload workload(TuningSite<?> site, int occurrences, double defaultMs) {
        return new Workload(site, occurrences, defaultMs);
    }
}
