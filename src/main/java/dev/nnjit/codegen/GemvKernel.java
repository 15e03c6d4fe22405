package dev.nnjit.codegen;

import dev.nnjit.schedule.GemvConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Matrix-vector product for matmuls with m = 1 (decoder steps, pooled heads): memory-bound, so a workgroup of
 * {@code workgroupX x splitK} invocations covers {@code workgroupX} columns (or vec4 column groups): invocation
 * (x, y) accumulates k = y, y + splitK, ... (consecutive x read consecutive B addresses when B is untransposed),
 * and the splitK partial sums are added by a tree reduction in workgroup memory. Batch is wid.y.
 *
 * <p>Subgroup schedules ({@link GemvConfig#subgroups()}) split K across the whole 1-D workgroup, each invocation
 * accumulating all {@code workgroupX} column groups, and add the partials with {@code subgroupAdd} and one slot per
 * subgroup (by {@code subgroup_id}, never {@code lid / subgroup_size}: WGSL does not fix how invocations map onto
 * subgroups) in workgroup memory.
 *
 * <p>Bindings as {@link MatmulKernel}: a, b (vec4 with vec4), [bias], c (vec4 with vec4).
 */
public final class GemvKernel implements KernelGenerator<GemvConfig, MatmulProblem> {
    public static final GemvKernel INSTANCE = new GemvKernel();

    @Override public String family() { return "gemv"; }

    @Override public int[] workgroupSize(GemvConfig c, MatmulProblem p) {
        return c.subgroups() ? new int[] {c.splitK(), 1, 1} : new int[] {c.workgroupX(), c.splitK(), 1};
    }

    @Override public int workgroupStorageBytes(GemvConfig c, MatmulProblem p) { return c.workgroupStorageBytes(); }

    @Override public DispatchSize dispatch(GemvConfig c, MatmulProblem p) {
        return new DispatchSize((p.n() + c.columnsPerWorkgroup() - 1) / c.columnsPerWorkgroup(), p.batch(), 1);
    }

    @Override public List<Binding> bindings(GemvConfig c, MatmulProblem p) {
        List<Binding> list = new ArrayList<>();
        list.add(Binding.read(0, "a", ScalarType.F32, false, p.aElements()));
        list.add(Binding.read(1, "b", ScalarType.F32, c.vec4(), p.bElements()));
        if (p.bias() != null) list.add(Binding.read(2, "bias", ScalarType.F32, false, p.bias().elements()));
        list.add(Binding.write(list.size(), "c", ScalarType.F32, c.vec4(), p.cElements()));
        return list;
    }

    @Override public String generate(GemvConfig c, MatmulProblem p) {
        if (p.m() != 1) throw new IllegalArgumentException("gemv needs m = 1: " + p.describe());
        if (c.vec4() && (p.transB() || p.n() % 4 != 0)) {
            throw new IllegalArgumentException("vec4 gemv needs untransposed B and n % 4 == 0: " + p.describe());
        }
        if ((c.splitK() & (c.splitK() - 1)) != 0) throw new IllegalArgumentException("splitK must be a power of two");
        if (c.subgroups()) return generateWithSubgroups(c, p);
        boolean v4 = c.vec4();
        String t = v4 ? "vec4<f32>" : "f32";
        int groupsN = v4 ? p.n() / 4 : p.n();
        WgslBuilder h = new WgslBuilder();
        h.comment("gemv: " + p.describe());
        h.comment("schedule " + c.key() + ": " + c.columnsPerWorkgroup() + " columns per workgroup, K split " + c.splitK()
                + " ways");
        h.bindings(bindings(c, p));
        h.constU32("N", p.n());
        h.constU32("K", p.k());
        h.constU32("M", 1);
        WgslMath lib = new WgslMath();
        WgslBuilder b = new WgslBuilder();
        if (c.splitK() > 1) {
            b.line("var<workgroup> part: array<" + t + ", " + c.invocations() + ">;");
            b.blank();
        }
        b.line("@compute @workgroup_size(" + c.workgroupX() + ", " + c.splitK() + ", 1)");
        b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {");
        MatmulEpilogue.batchBases(b, p, "wid.y");
        b.line("let g = wid.x * " + Wgsl.u32(c.workgroupX()) + " + lid.x;");
        boolean clamp = groupsN % c.workgroupX() != 0;
        b.line("let gc = " + (clamp ? "min(g, " + Wgsl.u32(groupsN - 1) + ")" : "g") + ";");
        b.line("var s = " + t + "(0.0);");
        b.open("for (var k = lid.y; k < K; k = k + " + Wgsl.u32(c.splitK()) + ") {");
        String bval = v4 ? "b[bBase / 4u + k * " + Wgsl.u32(groupsN) + " + gc]"
                : p.transB() ? "b[bBase + gc * K + k]" : "b[bBase + k * N + gc]";
        b.line("s = fma(" + (v4 ? "vec4<f32>(a[aBase + k])" : "a[aBase + k]") + ", " + bval + ", s);");
        b.close();
        String total = "s";
        if (c.splitK() > 1) {
            b.line("let slot = lid.y * " + Wgsl.u32(c.workgroupX()) + " + lid.x;");
            b.line("part[slot] = s;");
            b.line("workgroupBarrier();");
            for (int st = c.splitK() / 2; st > 0; st /= 2) {
                b.open("if (lid.y < " + Wgsl.u32(st) + ") {");
                b.line("part[slot] = part[slot] + part[slot + " + Wgsl.u32((long) st * c.workgroupX()) + "];");
                b.close();
                b.line("workgroupBarrier();");
            }
            total = "part[lid.x]";
        }
        b.open("if (lid.y == 0u" + (clamp ? " && g < " + Wgsl.u32(groupsN) : "") + ") {");
        b.line("let cc = g" + (v4 ? " * 4u" : "") + ";");
        String v = MatmulEpilogue.value(p, total, "0u", "cc", v4, lib);
        b.line(v4 ? "c[cBase / 4u + g] = " + v + ";" : "c[cBase + g] = " + v + ";");
        b.close();
        b.close();
        return Wgsl.assemble(h.build(), lib, b.build());
    }

    /** The subgroup form: 1-D workgroup of splitK lanes over K, workgroupX column groups per invocation. */
    private String generateWithSubgroups(GemvConfig c, MatmulProblem p) {
        boolean v4 = c.vec4();
        String t = v4 ? "vec4<f32>" : "f32";
        int groupsN = v4 ? p.n() / 4 : p.n();
        int x = c.workgroupX();
        WgslBuilder h = new WgslBuilder();
        h.comment("gemv: " + p.describe());
        h.comment("schedule " + c.key() + ": " + c.columnsPerWorkgroup() + " columns per workgroup, K split " + c.splitK()
                + " ways across the workgroup, added by subgroupAdd and one slot per subgroup");
        h.line("enable subgroups;");
        h.line("requires subgroup_id;");
        h.bindings(bindings(c, p));
        h.constU32("N", p.n());
        h.constU32("K", p.k());
        h.constU32("M", 1);
        WgslMath lib = new WgslMath();
        WgslBuilder b = new WgslBuilder();
        b.line("var<workgroup> part: array<" + t + ", " + (long) c.splitK() * x + ">;");
        b.blank();
        b.line("@compute @workgroup_size(" + c.splitK() + ", 1, 1)");
        b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32,"
                + " @builtin(subgroup_id) sg: u32, @builtin(num_subgroups) nsg: u32) {");
        MatmulEpilogue.batchBases(b, p, "wid.y");
        boolean clamp = groupsN % x != 0;
        for (int i = 0; i < x; i++) {
            String g = "wid.x * " + Wgsl.u32(x) + " + " + Wgsl.u32(i);
            b.line("let gc" + i + " = " + (clamp ? "min(" + g + ", " + Wgsl.u32(groupsN - 1) + ")" : g) + ";");
            b.line("var s" + i + " = " + t + "(0.0);");
        }
        b.open("for (var k = lid; k < K; k = k + " + Wgsl.u32(c.splitK()) + ") {");
        b.line("let av = " + (v4 ? "vec4<f32>(a[aBase + k])" : "a[aBase + k]") + ";");
        for (int i = 0; i < x; i++) {
            String gc = "gc" + i;
            String bval = v4 ? "b[bBase / 4u + k * " + Wgsl.u32(groupsN) + " + " + gc + "]"
                    : p.transB() ? "b[bBase + " + gc + " * K + k]" : "b[bBase + k * N + " + gc + "]";
            b.line("s" + i + " = fma(av, " + bval + ", s" + i + ");");
        }
        b.close();
        for (int i = 0; i < x; i++) b.line("let t" + i + " = subgroupAdd(s" + i + ");");
        b.open("if (subgroupElect()) {");
        for (int i = 0; i < x; i++) b.line("part[sg * " + Wgsl.u32(x) + " + " + Wgsl.u32(i) + "] = t" + i + ";");
        b.close();
        b.line("workgroupBarrier();");
        b.line("let g = wid.x * " + Wgsl.u32(x) + " + lid;");
        b.open("if (lid < " + Wgsl.u32(x) + (clamp ? " && g < " + Wgsl.u32(groupsN) : "") + ") {");
        b.line("var total = part[lid];");
        b.open("for (var si = 1u; si < nsg; si = si + 1u) {");
        b.line("total = total + part[si * " + Wgsl.u32(x) + " + lid];");
        b.close();
        b.line("let cc = g" + (v4 ? " * 4u" : "") + ";");
        String v = MatmulEpilogue.value(p, "total", "0u", "cc", v4, lib);
        b.line(v4 ? "c[cBase / 4u + g] = " + v + ";" : "c[cBase + g] = " + v + ";");
        b.close();
        b.close();
        return Wgsl.assemble(h.build(), lib, b.build());
    }
}
