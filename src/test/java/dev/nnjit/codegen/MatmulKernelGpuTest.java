package dev.nnjit.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.ops.fused.Activation;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.GemvConfig;
import dev.nnjit.schedule.GemvSpace;
import dev.nnjit.schedule.MatmulConfig;
import dev.nnjit.schedule.MatmulSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every candidate of the matmul (and gemv) schedule space, for shapes that exercise odd edges, batch broadcast,
 * transposes, bias, alpha/beta and activations, compiled by Dawn and run on SwiftShader against a double-precision
 * reference. Tolerance |gpu - ref| <= 2e-5 + 1e-5 |ref|: inputs in [-1, 1], K <= 64, so f32 accumulation error
 * is below K * 2^-24 * sum|a b| ~ 4e-6; nn_erf adds 1.5e-7.
 */
class MatmulKernelGpuTest {
    /** -Dnnjit.gpuTests=all runs every candidate (minutes on SwiftShader); by default one per code path. */
    static final boolean ALL = "all".equals(System.getProperty("nnjit.gpuTests"));

    private record Shape(String name, MatmulProblem p) {}

    private record Case(String name, KernelInstance k, MatmulProblem p, float[] a, float[] b, float[] bias) {}

    private static float[] random(Random r, long n) {
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }

    static List<Shape> shapes() {
        List<Shape> s = new ArrayList<>();
        s.add(new Shape("odd", MatmulProblem.matmul(new int[] {37, 29}, new int[] {29, 45})));
        s.add(new Shape("square64", MatmulProblem.matmul(new int[] {64, 64}, new int[] {64, 64})));
        s.add(new Shape("bcast", MatmulProblem.matmul(new int[] {2, 3, 20, 36}, new int[] {3, 36, 28})
                .withBias(new int[] {28}).withActivation(Activation.GELU)));
        s.add(new Shape("qkT", MatmulProblem.matmul(new int[] {4, 17, 16}, new int[] {4, 16, 23})
                .withTranspose(false, true)));
        s.add(new Shape("gemm", MatmulProblem.gemm(33, 40, 19, true, false, 0.5f, 2f, new int[] {33, 1})
                .withActivation(Activation.SILU)));
        s.add(new Shape("gemmT", MatmulProblem.gemm(24, 13, 21, true, true, 1f, 1f, new int[] {24, 13})
                .withActivation(Activation.RELU)));
        s.add(new Shape("m1", MatmulProblem.matmul(new int[] {2, 1, 64}, new int[] {64, 100})
                .withBias(new int[] {100}).withActivation(Activation.GELU_TANH)));
        s.add(new Shape("m1T", MatmulProblem.matmul(new int[] {1, 50}, new int[] {50, 30}).withTranspose(false, true)));
        // Wide enough for subgroup-broadcast row blocks (256-512 columns), with edges no tile divides: K past the
        // last whole subgroup chunk, K below one chunk, B transposed, batch, bias and activations.
        s.add(new Shape("sgWide", MatmulProblem.matmul(new int[] {3, 21, 61}, new int[] {61, 260})
                .withBias(new int[] {260}).withActivation(Activation.GELU)));
        s.add(new Shape("sgWideT", MatmulProblem.matmul(new int[] {2, 19, 37}, new int[] {2, 37, 150})
                .withTranspose(false, true).withBias(new int[] {150}).withActivation(Activation.RELU)));
        s.add(new Shape("sgShortK", MatmulProblem.matmul(new int[] {9, 3}, new int[] {3, 300})));
        return s;
    }

    @Test
    void everyCandidateMatchesReference() throws Exception {
        assumeTrue(DawnHarness.available(), "Dawn tool not installed (cd tools/wgsl-check && npm ci)");
        Random r = new Random(7);
        AdapterLimits lim = AdapterLimits.defaults();
        // Subgroup GEMV and matmul schedules join where Dawn's adapter offers subgroups (SwiftShader does).
        AdapterFeatures features = DawnHarness.probeFeatures();
        List<Case> cases = new ArrayList<>();
        int subgroupCases = 0;
        for (Shape s : shapes()) {
            MatmulProblem p = s.p;
            float[] a = random(r, p.aElements());
            float[] b = random(r, p.bElements());
            float[] bias = p.bias() == null ? null : random(r, p.bias().elements());
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (MatmulConfig c : MatmulSpace.candidates(p.m(), p.n(), p.k(), p.batch(), p.transB(), lim, features)) {
                // One per code path (vec4 x workgroup memory; subgroup broadcast per thread tile) unless
                // -Dnnjit.gpuTests=all: SwiftShader takes 0.1-5 s to compile each kernel. The full set (258 kernels)
                // passed when this was written.
                String path = c.subgroupBroadcast() ? "sgb/" + c.vec4() + "/" + c.threadM() + "x" + c.threadN()
                        : c.vec4() + "/" + c.useWorkgroupMemory();
                if (!ALL && !seen.add(path)) continue;
                if (c.subgroupBroadcast()) subgroupCases++;
                cases.add(new Case(s.name + "_" + c.key(), MatmulKernel.INSTANCE.instance(c, p), p, a, b, bias));
            }
            if (p.m() == 1) {
                for (GemvConfig c : GemvSpace.candidates(p.n(), p.k(), p.batch(), p.transB(), lim, features)) {
                    if (!ALL && !seen.add("gemv/" + c.vec4() + "/" + (c.splitK() > 1) + "/" + c.subgroups()
                            + "/" + (c.subgroups() && c.workgroupX() > 1))) continue;
                    cases.add(new Case(s.name + "_gemv_" + c.key(), GemvKernel.INSTANCE.instance(c, p), p, a, b, bias));
                }
            }
        }
        DawnHarness h = new DawnHarness();
        for (Case c : cases) {
            Map<Integer, byte[]> in = new HashMap<>();
            in.put(0, DawnHarness.bytes(c.a));
            in.put(1, DawnHarness.bytes(c.b));
            if (c.bias != null) in.put(2, DawnHarness.bytes(c.bias));
            h.run(c.name, c.k, in);
        }
        Map<String, DawnHarness.Result> res = h.execute();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            DawnHarness.Result rr = res.get(c.name);
            if (!rr.ok()) { failures.add(c.name + ": " + rr.error()); continue; }
            double[] ref = MatmulReference.compute(c.p, c.a, c.b, c.bias);
            float[] g = rr.floats(c.k.bindings().size() - 1);
            for (int i = 0; i < ref.length; i++) {
                if (!(Math.abs(g[i] - ref[i]) <= 2e-5 + 1e-5 * Math.abs(ref[i]))) {
                    failures.add(c.name + ": element " + i + " gpu " + g[i] + " ref " + ref[i]);
                    break;
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " failed:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertTrue(cases.size() > (ALL ? 200 : 20), "cases: " + cases.size());
        if (features.subgroupKernels()) assertTrue(subgroupCases >= 10, "subgroup-broadcast cases: " + subgroupCases);
        System.out.println("matmul/gemv candidates checked on Dawn: " + cases.size() + " (subgroup broadcast: "
                + subgroupCases + ", adapter " + features.key() + ")");
    }
}
