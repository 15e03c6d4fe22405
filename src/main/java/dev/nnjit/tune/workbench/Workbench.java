package dev.nnjit.tune.workbench;

import dev.nnjit.gpu.GpuDevice;
import java.util.ArrayList;
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
            List<BenchCase.Candidate> all = bench.candidates(gpu.limits());
            List<BenchCase.Candidate> chosen = select(all, request.candidates());
            bench.reference();
            boolean timestamps = request.timing() == WorkbenchRequest.Timing.AUTO && gpu.hasTimestampQuery();
            String timing = request.dryRun() ? "none (dry run)" : (timestamps
                    ? "timestamp-query: begin/end of one compute pass of R dispatches per sample"
                    : "submit to onSubmittedWorkDone wall time of one submit of R dispatches per sample")
                    + ", candidates interleaved round by round";
            List<CandidateResult> results = new ArrayList<>();
            if (!request.dryRun()) {
                GpuBench gb = new GpuBench(gpu, bench);
                try {
                    results = measure(gb, chosen, request.runs(), timestamps, progress);
                } finally {
                    gb.destroy();
                }
            } else {
                for (BenchCase.Candidate c : chosen) {
                    results.add(CandidateResult.failed(c.index(), c.configKey(), c.kernel().workgroupSizeX() + "x"
                            + c.kernel().workgroupSizeY() + "x" + c.kernel().workgroupSizeZ(), c.kernel().dispatch().x()
                            + "x" + c.kernel().dispatch().y() + "x" + c.kernel().dispatch().z(), Double.NaN, "not run (dry run)"));
                }
            }
            return new WorkbenchReport(request.family(), request.shape(), bench.describe(), gpu.description(), timing,
                    request.runs(), request.seed(), all.size(), bench.referenceMs(), bench.tolerance(), bench.metric(),
                    bench.flops(), bench.bytes(), results);
        } finally {
            gpu.destroy();
        }
    }

    /**
     * Compiles and checks every candidate, then takes {@code runs} rounds of one sample per candidate. Interleaving
     * rounds, rather than timing one candidate after another, spreads any slow period of a shared machine (the
     * SwiftShader "GPU" is the CPU) over all candidates instead of penalizing whichever ran during it.
     */
    private static List<CandidateResult> measure(GpuBench gb, List<BenchCase.Candidate> chosen, int runs,
                                                 boolean timestamps, Progress progress) {
        List<GpuBench.Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            GpuBench.Prepared p = gb.prepare(chosen.get(i), runs, timestamps);
            prepared.add(p);
            String name = "#" + p.candidate.index() + " " + p.candidate.configKey();
            String detail = p.failed != null ? name + " failed: " + p.failed.failure() : name + " compiled in "
                    + Math.round(p.compileMs) + " ms, " + (p.error.pass() ? "output ok" : "OUTPUT WRONG");
            if (progress != null) progress.update("compile", i + 1, chosen.size(), detail);
        }
        for (int round = 0; round < runs; round++) {
            int sampled = 0;
            for (GpuBench.Prepared p : prepared) {
                if (p.failed != null) continue;
                gb.sample(p, timestamps);
                sampled++;
            }
            if (progress != null) progress.update("time", round + 1, runs, sampled + " candidates sampled");
        }
        List<CandidateResult> out = new ArrayList<>();
        for (GpuBench.Prepared p : prepared) out.add(gb.result(p));
        return out;
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
