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
    /** Called after each candidate (for a progress line in the page). */
    public interface Progress {
        void update(int done, int total, CandidateResult last);
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
            String timing = request.dryRun() ? "none (dry run)" : timestamps
                    ? "timestamp-query: begin/end of one compute pass of R dispatches per sample, all samples in one submit"
                    : "submit to onSubmittedWorkDone wall time, one submit of R dispatches per sample";
            List<CandidateResult> results = new ArrayList<>();
            if (!request.dryRun()) {
                GpuBench gb = new GpuBench(gpu, bench);
                try {
                    for (BenchCase.Candidate c : chosen) {
                        CandidateResult r = gb.measure(c, request.runs(), timestamps);
                        results.add(r);
                        if (progress != null) progress.update(results.size(), chosen.size(), r);
                    }
                } finally {
                    gb.destroy();
                }
            } else {
                for (BenchCase.Candidate c : chosen) {
                    results.add(CandidateResult.failed(c.index(), c.configKey(), c.kernel().workgroupSizeX() + "x"
                            + c.kernel().workgroupSizeY() + "x" + c.kernel().workgroupSizeZ(), c.kernel().dispatch().x()
                            + "x" + c.kernel().dispatch().y() + "x" + c.kernel().dispatch().z(), Double.NaN, "not run"));
                }
            }
            return new WorkbenchReport(request.family(), request.shape(), bench.describe(), gpu.description(), timing,
                    request.runs(), request.seed(), all.size(), bench.referenceMs(), bench.tolerance(), bench.metric(),
                    bench.flops(), bench.bytes(), results);
        } finally {
            gpu.destroy();
        }
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
