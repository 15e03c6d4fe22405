package dev.nnjit.tune.workbench;

import dev.nnjit.codegen.DispatchSize;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.gpu.GpuDevice;
import dev.nnjit.gpu.KernelPipelines;
import dev.nnjit.tune.ErrorStats;
import dev.nnjit.tune.measure.GpuCandidateBench;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kernel workbench (in a browser page): one op at one shape across its schedule candidates on the page's WebGPU
 * device. For each candidate it reports compile time, median kernel time, the flop or byte rate, and the maximum
 * error against the engine's Java reference op on the same seeded inputs. The tuner automates exactly this loop.
 *
 * <p>Each request acquires its own device and destroys it afterwards: pipelines compiled for an earlier request
 * cannot be reused (so compile times are real compiles, except what the browser itself may cache across devices),
 * and buffers never outlive the request.
 */
public final class Workbench {
    /**
     * Progress for a status line: stage "compile" after each candidate is compiled and checked (detail: its key and
     * outcome), stage "time" after each round of samples (detail: rounds left).
     */
    public interface Progress {
        void update(String stage, int done, int total, String detail);
    }

    private Workbench() {}

    /** Measures the request's candidates; {@code progress} may be null. */
    public static WorkbenchReport run(WorkbenchRequest request, Progress progress) {
        BenchCase bench = BenchCases.create(request);
        GpuDevice gpu = GpuDevice.acquire();
        try {
            List<BenchCase.Candidate> all = bench.candidates(gpu.limits(), gpu.scheduleFeatures());
            List<BenchCase.Candidate> chosen = select(all, request.candidates());
            bench.reference();
            boolean timestamps = request.timing() == WorkbenchRequest.Timing.AUTO && gpu.hasTimestampQuery();
            String timing = request.dryRun() ? "none (dry run)" : (timestamps
                    ? "timestamp-query: begin/end of one compute pass of R dispatches per sample"
                    : "submit to onSubmittedWorkDone wall time of one submit of R dispatches per sample")
                    + ", candidates interleaved round by round";
            List<CandidateResult> results = new ArrayList<>();
            if (!request.dryRun()) {
                // A fresh pipeline cache: compile times are real compiles (a request has its own device anyway).
                GpuCandidateBench gb = new GpuCandidateBench(gpu, new KernelPipelines(gpu), timestamps);
                try {
                    gb.open(all.get(0).kernel().bindings(), bench.inputs());
                    results = measure(gb, bench, chosen, request.runs(), progress);
                } finally {
                    gb.close();
                }
            } else {
                for (BenchCase.Candidate c : chosen) {
                    results.add(CandidateResult.failed(c.index(), c.configKey(), workgroup(c), dispatch(c), Double.NaN,
                            "not run (dry run)"));
                }
            }
            return new WorkbenchReport(request.family(), request.shape(), bench.describe(), gpu.description(), timing,
                    request.runs(), request.seed(), all.size(), bench.referenceMs(), bench.tolerance(), bench.metric(),
                    bench.flops(), bench.bytes(), results);
        } finally {
            gpu.destroy();
        }
    }

    /** A candidate being measured: compiled and checked (or failed), collecting samples. */
    private static final class Trial {
        final BenchCase.Candidate candidate;
        final String key;
        double compileMs = Double.NaN;
        ErrorStats error;
        String failure;
        final double[] samples;
        int count;

        Trial(BenchCase.Candidate candidate, int runs) {
            this.candidate = candidate;
            this.key = "#" + candidate.index() + " " + candidate.configKey();
            this.samples = new double[runs];
        }
    }

    /**
     * Compiles every candidate and checks its output (one dispatch on NaN-filled outputs) against the reference,
     * then takes {@code runs} rounds of one sample per candidate. Interleaving rounds, rather than timing one
     * candidate after another, spreads any slow period of a shared machine (the SwiftShader "GPU" is the CPU) over
     * all candidates instead of penalizing whichever ran during it.
     */
    private static List<CandidateResult> measure(GpuCandidateBench gb, BenchCase bench, List<BenchCase.Candidate> chosen,
                                                 int runs, Progress progress) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Trial t = new Trial(chosen.get(i), runs);
            trials.add(t);
            long t0 = System.nanoTime();
            t.failure = gb.compile(t.key, t.candidate.kernel());
            if (t.failure == null) {
                t.compileMs = (System.nanoTime() - t0) / 1e6;
                try {
                    t.error = bench.tolerance().compare(bench.checked(gb.output(t.key)), bench.reference());
                } catch (RuntimeException e) {
                    t.failure = e.getMessage() != null ? e.getMessage() : e.toString();
                }
            }
            String detail = t.failure != null ? t.key + " failed: " + t.failure : t.key + " compiled in "
                    + Math.round(t.compileMs) + " ms, " + (t.error.pass() ? "output ok" : "OUTPUT WRONG");
            if (progress != null) progress.update("compile", i + 1, chosen.size(), detail);
        }
        for (int round = 0; round < runs; round++) {
            int sampled = 0;
            for (Trial t : trials) {
                if (t.failure != null) continue;
                try {
                    t.samples[t.count++] = gb.sample(t.key);
                    sampled++;
                } catch (RuntimeException e) {
                    t.count--;
                    t.failure = e.getMessage() != null ? e.getMessage() : e.toString();
                }
            }
            if (progress != null) progress.update("time", round + 1, runs, sampled + " candidates sampled");
        }
        List<CandidateResult> out = new ArrayList<>();
        for (Trial t : trials) out.add(result(gb, bench, t));
        return out;
    }

    /** A trial's result from its samples: median, min, max and rates. */
    private static CandidateResult result(GpuCandidateBench gb, BenchCase bench, Trial t) {
        BenchCase.Candidate c = t.candidate;
        if (t.failure != null || t.count == 0) {
            return CandidateResult.failed(c.index(), c.configKey(), workgroup(c), dispatch(c), t.compileMs,
                    t.failure != null ? t.failure : "no samples");
        }
        double[] sorted = Arrays.copyOf(t.samples, t.count);
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        double gflops = bench.flops() > 0 ? bench.flops() / (median * 1e6) : Double.NaN;
        double gbps = bench.bytes() / (median * 1e6);
        return new CandidateResult(c.index(), c.configKey(), workgroup(c), dispatch(c), t.compileMs, median, sorted[0],
                sorted[n - 1], gb.repeat(t.key), n, gflops, gbps, t.error, null);
    }

    private static String workgroup(BenchCase.Candidate c) {
        KernelInstance k = c.kernel();
        return k.workgroupSizeX() + "x" + k.workgroupSizeY() + "x" + k.workgroupSizeZ();
    }

    private static String dispatch(BenchCase.Candidate c) {
        DispatchSize d = c.kernel().dispatch();
        return d.x() + "x" + d.y() + "x" + d.z();
    }

    /** The candidates at {@code indices} (all when null), in the order given; an error names the valid range. */
    public static List<BenchCase.Candidate> select(List<BenchCase.Candidate> all, int[] indices) {
        if (indices == null) return all;
        List<BenchCase.Candidate> out = new ArrayList<>();
        for (int i : indices) {
            if (i < 0 || i >= all.size()) {
                throw new IllegalArgumentException("candidate " + i + " does not exist: this problem has " + all.size()
                        + " candidates (0.." + (all.size() - 1) + ")");
            }
            out.add(all.get(i));
        }
        return out;
    }
}
