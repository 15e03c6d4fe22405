package dev.nnjit.conformance;

import dev.nnjit.model.OnnxModel;
import dev.nnjit.ops.OpRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which ONNX node tests the webgpu backend must pass, and how far each gets before a browser is involved. Scope: the
 * tests the CPU reference runs (every op supported by {@link OpRegistry#defaults()}, not in exclusions.txt). Each
 * in-scope test is then, in this order:
 * <ol>
 *   <li>EXCLUDED when src/test/resources/conformance/webgpu-exclusions.txt lists it (with its reason);</li>
 *   <li>NOT_LOWERED when an op of its (specialized) graph has no webgpu lowering at all;</li>
 *   <li>REJECTED when a lowering declines one of its nodes (an attribute, dtype or data-dependent shape this backend
 *       does not handle); such a test must be excluded with a reason, so a rejection is never silent;</li>
 *   <li>ERROR when lowering fails otherwise (a bug);</li>
 *   <li>READY: lowered on the JVM; the browser run decides pass or fail.</li>
 * </ol>
 */
final class WebGpuConformance {
    static final String EXCLUSIONS = "/conformance/webgpu-exclusions.txt";

    enum Status { OUT_OF_SCOPE, EXCLUDED, NOT_LOWERED, REJECTED, ERROR, READY }

    /** A classified test; {@code prepared} is set when READY, {@code detail} says why otherwise. */
    record Classified(String test, Status status, String detail, Set<String> missingOps, WebGpuCase prepared) {}

    private final Exclusions cpu = Exclusions.load();
    private final Exclusions webgpu = Exclusions.load(EXCLUSIONS);
    private final OpRegistry registry = OpRegistry.defaults();
    private final Path workDir;
    private final boolean fusion;

    /**
     * @param workDir where rewritten models are written
     * @param fusion whether to run the GPU fusion passes before lowering (as the browser run will)
     */
    WebGpuConformance(Path workDir, boolean fusion) {
        this.workDir = workDir;
        this.fusion = fusion;
    }

    Exclusions webgpuExclusions() { return webgpu; }

    /** Every node test directory, by name. */
    static List<ConformanceCase> all() throws IOException {
        List<ConformanceCase> r = new ArrayList<>();
        try (Stream<Path> s = Files.list(OnnxConformanceTest.DATA)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p.resolve("model.onnx"))).sorted()
                    .collect(Collectors.toList())) {
                r.add(new ConformanceCase(p));
            }
        }
        return r;
    }

    Classified classify(ConformanceCase c) {
        String cpuReason = cpu.reason(c.name);
        if (cpuReason != null) return new Classified(c.name, Status.OUT_OF_SCOPE, "cpu: " + cpuReason, Set.of(), null);
        OnnxModel model = c.load();
        List<String> unsupported = ConformanceCase.unsupportedOps(model, registry);
        if (!unsupported.isEmpty()) {
            return new Classified(c.name, Status.OUT_OF_SCOPE, "cpu lacks " + unsupported, Set.of(), null);
        }
        String reason = webgpu.reason(c.name);
        if (reason != null) return new Classified(c.name, Status.EXCLUDED, reason, Set.of(), null);
        WebGpuCase prepared = WebGpuCase.prepare(c, model, workDir);
        for (WebGpuCase.DataSet set : prepared.sets) {
            WebGpuLoweringProbe.Outcome o = WebGpuLoweringProbe.lower(WebGpuCase.load(set), set.feeds(), fusion);
            if (!o.missingOps().isEmpty()) {
                return new Classified(c.name, Status.NOT_LOWERED, "no lowering for " + o.missingOps(), o.missingOps(),
                        null);
            }
            if (o.rejected()) return new Classified(c.name, Status.REJECTED, o.error(), Set.of(), null);
            if (!o.lowered()) return new Classified(c.name, Status.ERROR, o.error(), Set.of(), null);
        }
        Set<String> frozen = prepared.sets.get(0).frozen();
        return new Classified(c.name, Status.READY, frozen.isEmpty() ? "" : "frozen inputs " + frozen, Set.of(),
                prepared);
    }
}
