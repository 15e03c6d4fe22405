package dev.nnjit.codegen;

import dev.nnjit.schedule.MatmulConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Batched f32 matmul with register blocking. Workgroup (x, y) = (tileN/threadN, tileM/threadM) computes the
 * {@code tileM x tileN} block at (wid.y, wid.x) of batch wid.z; each invocation keeps threadM x threadN accumulators
 * (as threadN/4 vec4 per row with vec4) in registers.
 *
 * <p>Register-only schedules read A and B straight from storage, K unrolled by tileK. Edges cost nothing inside
 * the K loop: rows and columns past M or N are clamped once before it (those invocations recompute the last row or
 * column) and only the stores are guarded, and only when a tile does not divide M or N.
 *
 * <p>Workgroup-memory schedules stage a tileM x tileK slice of A and a tileK x tileN slice of B per step (all
 * invocations load cooperatively; loads are guarded only on edges that tiles do not divide, padding with zeros),
 * then multiply from workgroup memory.
 *
 * <p>Subgroup-broadcast schedules ({@link MatmulConfig#subgroupBroadcast()}) are register-only with a workgroup of
 * one row block ({@code threadM} rows, so every lane of every subgroup needs the same A values, whatever the
 * subgroup size and however invocations fall into subgroups) by {@code tileN / threadN} invocations along N. K
 * advances tileK at a time: lane l loads A's threadM values at k0 + (l % tileK) once, and step k0 + u takes lane u's
 * with {@code subgroupBroadcast} (u a constant, as WGSL requires), so each invocation issues threadM A loads per
 * tileK steps instead of per step. Correct for any subgroup size of at least tileK (the space offers tileK = 4,
 * WebGPU's smallest): lanes 0..tileK-1 then exist, and a subgroup whose ballot shows one of them inactive (a
 * subgroup the implementation did not fill) takes the plain register loop instead. Every loop has a constant bound
 * (a first version whose K loop was bounded by the run-time {@code subgroup_size} ran about 3x slower on
 * SwiftShader).
 *
 * <p>Bindings: a (read), b (read; vec4 with vec4), [bias (read)], c (read_write; vec4 with vec4).
 */
public final class MatmulKernel implements KernelGenerator<MatmulConfig, MatmulProblem> {
    public static final MatmulKernel INSTANCE = new MatmulKernel();

    @Override public String family() { return "matmul"; }

    @Override public int[] workgroupSize(MatmulConfig c, MatmulProblem p) {
        return new int[] {c.workgroupX(), c.workgroupY(), 1};
    }

    @Override public int workgroupStorageBytes(MatmulConfig c, MatmulProblem p) { return c.workgroupStorageBytes(); }

    @Override public DispatchSize dispatch(MatmulConfig c, MatmulProblem p) {
        return new DispatchSize(ceilDiv(p.n(), c.tileN()), ceilDiv(p.m(), c.tileM()), p.batch());
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    @Override public List<Binding> bindings(MatmulConfig c, MatmulProblem p) {
        List<Binding> list = new ArrayList<>();
        list.add(Binding.read(0, "a", ScalarType.F32, false, p.aElements()));
        list.add(Binding.read(1, "b", ScalarType.F32, c.vec4(), p.bElements()));
        if (p.bias() != null) list.add(Binding.read(2, "bias", ScalarType.F32, false, p.bias().elements()));
        list.add(Binding.write(list.size(), "c", ScalarType.F32, c.vec4(), p.cElements()));
        return list;
    }

    @Override public String generate(MatmulConfig c, MatmulProblem p) {
        if (c.vec4() && (p.transB() || p.n() % 4 != 0)) {
            throw new IllegalArgumentException("vec4 matmul needs untransposed B and n % 4 == 0: " + p.describe());
        }
        WgslBuilder h = new WgslBuilder();
        h.comment("matmul: " + p.describe());
        h.comment("schedule " + c.key() + ": " + c.tileM() + "x" + c.tileN() + " tile per workgroup, " + c.threadM() + "x"
                + c.threadN() + " per invocation" + (c.useWorkgroupMemory() ? ", K staged " + c.tileK() + " at a time"
                + " through workgroup memory" : c.subgroupBroadcast() ? ", K unrolled by " + c.tileK()
                + ", A loaded once per " + c.tileK() + " k and shared by subgroupBroadcast" : ", K unrolled by " + c.tileK()));
        if (c.subgroupBroadcast()) {
            // The broadcasts sit under a branch on a ballot: uniform in each subgroup (what subgroupBroadcast
            // needs) but not provably so to WGSL's analysis where the subgroup_uniformity language feature is missing.
            h.line("enable subgroups;");
            h.line("diagnostic(off, subgroup_uniformity);");
        }
        h.bindings(bindings(c, p));
        h.constU32("M", p.m());
        h.constU32("N", p.n());
        h.constU32("K", p.k());
        WgslMath lib = new WgslMath();
        WgslBuilder b = new WgslBuilder();
        if (c.useWorkgroupMemory()) {
            b.line("var<workgroup> As: array<f32, " + c.tileK() * c.tileM() + ">;");
            b.line("var<workgroup> Bs: array<" + (c.vec4() ? "vec4<f32>" : "f32") + ", " + c.tileK() * c.tileN()
                    / (c.vec4() ? 4 : 1) + ">;");
            b.blank();
        }
        b.line("@compute @workgroup_size(" + c.workgroupX() + ", " + c.workgroupY() + ", 1)");
        if (c.subgroupBroadcast()) {
            b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,"
                    + " @builtin(subgroup_invocation_id) lane: u32) {");
        } else {
            b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,"
                    + " @builtin(local_invocation_index) tid: u32) {");
        }
        MatmulEpilogue.batchBases(b, p, "wid.z");
        b.line("let row = wid.y * " + Wgsl.u32(c.tileM()) + " + lid.y * " + Wgsl.u32(c.threadM()) + ";");
        b.line("let col = wid.x * " + Wgsl.u32(c.tileN()) + " + lid.x * " + Wgsl.u32(c.threadN()) + ";");
        int groups = c.vec4() ? c.threadN() / 4 : c.threadN();
        String accType = c.vec4() ? "vec4<f32>" : "f32";
        for (int i = 0; i < c.threadM(); i++) {
            for (int j = 0; j < groups; j++) b.line("var acc" + i + "_" + j + " = " + accType + "(0.0);");
        }
        if (c.useWorkgroupMemory()) emitStagedLoop(b, c, p, groups);
        else if (c.subgroupBroadcast()) emitSubgroupLoop(b, c, p, groups);
        else emitRegisterLoop(b, c, p, groups);
        emitStores(b, c, p, groups, lib);
        b.close();
        return Wgsl.assemble(h.build(), lib, b.build());
    }

    /** Register-only K loop: per-row and per-column base offsets, clamped on non-dividing edges. */
    private void emitRegisterLoop(WgslBuilder b, MatmulConfig c, MatmulProblem p, int groups) {
        emitRegisterBases(b, c, p, groups);
        int tk = c.tileK();
        int kMain = p.k() - p.k() % tk;
        if (kMain > 0) {
            b.open("for (var k = 0u; k < " + Wgsl.u32(kMain) + "; k = k + " + Wgsl.u32(tk) + ") {");
            for (int u = 0; u < tk; u++) emitRegisterStep(b, c, p, groups, u == 0 ? "k" : "k + " + Wgsl.u32(u));
            b.close();
        }
        if (kMain < p.k()) {
            b.open("for (var k = " + Wgsl.u32(kMain) + "; k < K; k = k + 1u) {");
            emitRegisterStep(b, c, p, groups, "k");
            b.close();
        }
    }

    /** Row offsets {@code ar<i>} into A and column offsets {@code bc<j>} into B, clamped on non-dividing edges. */
    private static void emitRegisterBases(WgslBuilder b, MatmulConfig c, MatmulProblem p, int groups) {
        boolean clampM = p.m() % c.tileM() != 0;
        boolean clampN = p.n() % c.tileN() != 0;
        for (int i = 0; i < c.threadM(); i++) {
            String r = "row + " + Wgsl.u32(i);
            if (clampM) r = "min(" + r + ", " + Wgsl.u32(p.m() - 1) + ")";
            b.line("let ar" + i + " = aBase + " + (p.transA() ? r : "(" + r + ") * K") + ";");
        }
        for (int j = 0; j < groups; j++) {
            if (c.vec4()) {
                String cc = "col + " + Wgsl.u32(4L * j);
                if (clampN) cc = "min(" + cc + ", " + Wgsl.u32(p.n() - 4) + ")";
                b.line("let bc" + j + " = (bBase + " + cc + ") / 4u;");
            } else {
                String cc = "col + " + Wgsl.u32(j);
                if (clampN) cc = "min(" + cc + ", " + Wgsl.u32(p.n() - 1) + ")";
                b.line("let bc" + j + " = bBase + " + (p.transB() ? "(" + cc + ") * K" : cc) + ";");
            }
        }
    }

    private void emitRegisterStep(WgslBuilder b, MatmulConfig c, MatmulProblem p, int groups, String k) {
        b.open("{");
        String aStep = p.transA() ? "(" + k + ") * M" : k;
        for (int i = 0; i < c.threadM(); i++) b.line("let a" + i + " = a[ar" + i + " + " + aStep + "];");
        emitBLoads(b, c, p, groups, k);
        emitFma(b, c, groups);
        b.close();
    }

    private static void emitBLoads(WgslBuilder b, MatmulConfig c, MatmulProblem p, int groups, String k) {
        String bStep = c.vec4() ? "(" + k + ") * " + Wgsl.u32(p.n() / 4) : p.transB() ? k : "(" + k + ") * N";
        for (int j = 0; j < groups; j++) b.line("let b" + j + " = b[bc" + j + " + " + bStep + "];");
    }

    /**
     * The subgroup-broadcast K loop (see the class comment): whole chunks of tileK k in a constant-bounded loop,
     * lane l < tileK loading A at k0 + l into {@code sa<i>} and step u broadcasting lane u's; the K % tileK tail
     * with plain loads. Lanes past tileK load what lane (l % tileK) loads (the same addresses: one transaction on a
     * GPU); the broadcast ids are constants, as WGSL requires.
     */
    private void emitSubgroupLoop(WgslBuilder b, MatmulConfig c, MatmulProblem p, int groups) {
        emitRegisterBases(b, c, p, groups);
        int tk = c.tileK();
        int kMain = p.k() - p.k() % tk;
        String aStep = p.transA() ? " * M" : "";
        if (kMain > 0) {
            // Source lanes 0..tileK-1 exist (tileK <= the adapter's smallest subgroup) but may be inactive in a
            // subgroup the implementation did not fill; such a subgroup loads every A value itself.
            String lanes = Wgsl.u32((1L << tk) - 1); // tileK <= 32: one ballot word
            b.line("let sources = (subgroupBallot(true).x & " + lanes + ") == " + lanes + ";");
            b.line("let own = lane % " + Wgsl.u32(tk) + ";");
            b.open("if (sources) {");
            b.open("for (var k0 = 0u; k0 < " + Wgsl.u32(kMain) + "; k0 = k0 + " + Wgsl.u32(tk) + ") {");
            for (int i = 0; i < c.threadM(); i++) b.line("let sa" + i + " = a[ar" + i + " + (k0 + own)" + aStep + "];");
            for (int u = 0; u < tk; u++) {
                b.open("{");
                for (int i = 0; i < c.threadM(); i++) {
                    b.line("let a" + i + " = subgroupBroadcast(sa" + i + ", " + Wgsl.u32(u) + ");");
                }
                emitBLoads(b, c, p, groups, u == 0 ? "k0" : "k0 + " + Wgsl.u32(u));
                emitFma(b, c, groups);
                b.close();
            }
            b.close();
            b.reopen("} else {");
            b.open("for (var k = 0u; k < " + Wgsl.u32(kMain) + "; k = k + " + Wgsl.u32(tk) + ") {");
            for (int u = 0; u < tk; u++) emitRegisterStep(b, c, p, groups, u == 0 ? "k" : "k + " + Wgsl.u32(u));
            b.close();
            b.close();
        }
        if (kMain < p.k()) {
            b.open("for (var k = " + Wgsl.u32(kMain) + "; k < K; k = k + 1u) {");
            emitRegisterStep(b, c, p, groups, "k");
            b.close();
        }
    }

    private static void emitFma(WgslBuilder b, MatmulConfig c, int groups) {
        for (int i = 0; i < c.threadM(); i++) {
            String a = c.vec4() ? "vec4<f32>(a" + i + ")" : "a" + i;
            for (int j = 0; j < groups; j++) {
                b.line("acc" + i + "_" + j + " = fma(" + a + ", b" + j + ", acc" + i + "_" + j + ");");
            }
        }
    }

    /** K loop staged through workgroup memory. */
    private void emitStagedLoop(WgslBuilder b, MatmulConfig c, MatmulProblem p, int groups) {
        int threads = c.invocations();
        int tk = c.tileK();
        boolean guardM = p.m() % c.tileM() != 0;
        boolean guardN = p.n() % c.tileN() != 0;
        boolean guardK = p.k() % tk != 0;
        int bw = c.vec4() ? c.tileN() / 4 : c.tileN();
        b.open("for (var k0 = 0u; k0 < K; k0 = k0 + " + Wgsl.u32(tk) + ") {");
        // A tile: element e -> (m, kk); coalesced along A's contiguous dim. A loop, not unrolled blocks: drivers
        // unroll it when it pays, and SwiftShader's compile time grows steeply with the number of blocks.
        int aTotal = c.tileM() * tk;
        b.open("for (var e = tid; e < " + Wgsl.u32(aTotal) + "; e = e + " + Wgsl.u32(threads) + ") {");
        if (p.transA()) {
            b.line("let kk = e / " + Wgsl.u32(c.tileM()) + ";");
            b.line("let m = e % " + Wgsl.u32(c.tileM()) + ";");
        } else {
            b.line("let m = e / " + Wgsl.u32(tk) + ";");
            b.line("let kk = e % " + Wgsl.u32(tk) + ";");
        }
        b.line("let gm = wid.y * " + Wgsl.u32(c.tileM()) + " + m;");
        b.line("let gk = k0 + kk;");
        String aAddr = p.transA() ? "aBase + gk * M + gm" : "aBase + gm * K + gk";
        guardedLoad(b, "As[kk * " + Wgsl.u32(c.tileM()) + " + m]", "a", aAddr, p.aElements() - 1, "0.0",
                cond(guardM ? "gm < M" : null, guardK ? "gk < K" : null));
        b.close();
        // B tile: element e -> (kk, n) (n fastest unless transB).
        int bTotal = tk * bw;
        b.open("for (var e = tid; e < " + Wgsl.u32(bTotal) + "; e = e + " + Wgsl.u32(threads) + ") {");
        if (p.transB()) {
            b.line("let n = e / " + Wgsl.u32(tk) + ";");
            b.line("let kk = e % " + Wgsl.u32(tk) + ";");
        } else {
            b.line("let kk = e / " + Wgsl.u32(bw) + ";");
            b.line("let n = e % " + Wgsl.u32(bw) + ";");
        }
        b.line("let gn = wid.x * " + Wgsl.u32(c.tileN()) + " + n" + (c.vec4() ? " * 4u" : "") + ";");
        b.line("let gk = k0 + kk;");
        String bAddr = c.vec4() ? "(bBase + gk * N + gn) / 4u" : p.transB() ? "bBase + gn * K + gk" : "bBase + gk * N + gn";
        long bLast = c.vec4() ? p.bElements() / 4 - 1 : p.bElements() - 1;
        guardedLoad(b, "Bs[kk * " + Wgsl.u32(bw) + " + n]", "b", bAddr, bLast, c.vec4() ? "vec4<f32>(0.0)" : "0.0",
                cond(guardN ? "gn < N" : null, guardK ? "gk < K" : null));
        b.close();
        b.line("workgroupBarrier();");
        b.open("for (var kk = 0u; kk < " + Wgsl.u32(tk) + "; kk = kk + 1u) {");
        for (int i = 0; i < c.threadM(); i++) {
            b.line("let a" + i + " = As[kk * " + Wgsl.u32(c.tileM()) + " + lid.y * " + Wgsl.u32(c.threadM()) + " + "
                    + Wgsl.u32(i) + "];");
        }
        for (int j = 0; j < groups; j++) {
            b.line("let b" + j + " = Bs[kk * " + Wgsl.u32(bw) + " + lid.x * " + Wgsl.u32(groups) + " + " + Wgsl.u32(j)
                    + "];");
        }
        emitFma(b, c, groups);
        b.close();
        b.line("workgroupBarrier();");
        b.close();
    }

    private static String cond(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return a + " && " + b;
    }

    /**
     * {@code dst = arr[addr]}, or zero where {@code cond} fails: branch-free, the address clamped to the binding so
     * the unconditional load stays in range.
     */
    private static void guardedLoad(WgslBuilder b, String dst, String arr, String addr, long last, String zero,
                                    String cond) {
        if (cond == null) {
            b.line(dst + " = " + arr + "[" + addr + "];");
            return;
        }
        b.line(dst + " = select(" + zero + ", " + arr + "[min(" + addr + ", " + Wgsl.u32(last) + ")], " + cond + ");");
    }

    private void emitStores(WgslBuilder b, MatmulConfig c, MatmulProblem p, int groups, WgslMath lib) {
        boolean guardM = p.m() % c.tileM() != 0;
        boolean guardN = p.n() % c.tileN() != 0;
        int w = c.vec4() ? 4 : 1;
        for (int i = 0; i < c.threadM(); i++) {
            String r = "row + " + Wgsl.u32(i);
            for (int j = 0; j < groups; j++) {
                String col = "col + " + Wgsl.u32((long) j * w);
                String guard = cond(guardM ? "(" + r + ") < M" : null, guardN ? "(" + col + ") < N" : null);
                if (guard != null) b.open("if (" + guard + ") {");
                else b.open("{");
                b.line("let r = " + r + ";");
                b.line("let cc = " + col + ";");
                String v = MatmulEpilogue.value(p, "acc" + i + "_" + j, "r", "cc", c.vec4(), lib);
                b.line(c.vec4() ? "c[(cBase + r * N + cc) / 4u] = " + v + ";" : "c[cBase + r * N + cc] = " + v + ";");
                b.close();
            }
        }
    }
}
