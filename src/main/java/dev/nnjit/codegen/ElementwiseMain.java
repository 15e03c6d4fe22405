package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;

/**
 * The entry point of item-parallel kernels: invocation {@code lid} of linear workgroup g calls {@code item(i)} for
 * i = g*W*E + e*W + lid, e in [0, E), guarded only when the dispatch overshoots ITEMS.
 */
public final class ElementwiseMain {
    private ElementwiseMain() {}

    /** Emits {@code main}; {@code items} is the ITEMS constant the kernel declares (guards vanish when exact). */
    public static void emit(WgslBuilder b, ElementwiseConfig c, DispatchSize d, long items) {
        int w = c.workgroupSize();
        int e = c.elementsPerThread();
        boolean exact = d.total() * w * e == items;
        b.line("@compute @workgroup_size(" + w + ")");
        b.open("fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {");
        b.line("let base = " + IndexMath.workgroupIndex(d) + " * " + Wgsl.u32((long) w * e) + " + lid;");
        for (int k = 0; k < e; k++) {
            String idx = k == 0 ? "base" : "base + " + Wgsl.u32((long) k * w);
            if (exact) b.line("item(" + idx + ");");
            else {
                b.open("if (" + idx + " < ITEMS) {");
                b.line("item(" + idx + ");");
                b.close();
            }
        }
        b.close();
    }
}
